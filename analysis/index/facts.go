package index

import (
	"fmt"
	"sort"
	"sync/atomic"

	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/source"
)

// Rules own their cross-file facts (docs/architecture.md, "What the index holds"). The
// summary (Module) holds what several rules share (behaviours, functions, calls, children
// lists...); a fact only one rule needs is declared in that rule's package with NewFact and
// listed in its Analyzer's Facts. The workspace computes every declared fact when it
// summarises a file, from the file's syntax tree, and keeps it with the module's summary:
// a file's facts are recomputed exactly when its summary is, and a closed file's facts
// live on without its tree. Adding a rule never edits this package.

// FactKind is the untyped half of a Fact, what the summariser computes.
type FactKind struct {
	name    string
	id      int
	compute func(ModuleSource) (any, bool)
}

// Name is the name the fact was declared with.
func (k *FactKind) Name() string { return k.name }

// ModuleSource is what a fact is computed from: one module of a file being summarised.
type ModuleSource struct {
	File *source.File
	// Syntax is the module's defmodule; Syntax.Resolve resolves a name as written in it.
	Syntax *elixir.Module
	// Summary is the module's complete summary (functions, calls, children lists...).
	Summary *Module
	// Forms are the module's own top-level forms (defs, attributes, `use`...), in source
	// order; a nested module's forms are its own, not its parent's.
	Forms []*source.Node
}

// Span returns the span of n, as facts keep positions (they outlive the syntax tree).
func (ms ModuleSource) Span(n *source.Node) Span { return spanOf(ms.File, n.Start, n.End) }

// Fact is a fact of type T that a rule derives from each module.
type Fact[T any] struct{ kind *FactKind }

// factIDs numbers fact kinds: a module keeps its facts in a slice indexed by the number.
var factIDs atomic.Int32

// NewFact declares a fact: of computes it for one module, reporting false when the module
// has none (most modules have none of a given fact; they pay nothing for it).
func NewFact[T any](name string, of func(ModuleSource) (T, bool)) *Fact[T] {
	return &Fact[T]{kind: &FactKind{name: name, id: int(factIDs.Add(1)) - 1, compute: func(ms ModuleSource) (any, bool) {
		v, ok := of(ms)
		return v, ok
	}}}
}

// Kind is what an Analyzer lists in its Facts.
func (f *Fact[T]) Kind() *FactKind { return f.kind }

// Of returns m's fact. It panics when the fact was not computed for m's file, which
// happens only when the analyzer reading it does not list it in its Facts (a rule's own
// tests run it with exactly its declared facts, so they catch that).
func (f *Fact[T]) Of(m *Module) (T, bool) {
	v, ok := f.kind.valueOf(m)
	if !ok {
		var zero T
		return zero, false
	}
	return v.(T), true
}

// Holder is a module with its fact.
type Holder[T any] struct {
	Module *Module
	Value  T
}

// In returns every module of the snapshot that has the fact, in path order. The list is
// made once per snapshot, from the previous snapshot's list with the holders of the
// files changed since replaced (it is the same list when they held none before and none
// now): do not modify it.
func (f *Fact[T]) In(s *Snapshot) []Holder[T] {
	if s.tracker != nil {
		s.tracker.dependOnFact(f.kind)
	}
	return derive(s, f.kind, func() []Holder[T] {
		var out []Holder[T]
		for _, fs := range s.table.sums {
			out = f.appendHolders(out, fs)
		}
		return out
	}, func(prev []Holder[T], changes []fileChange) ([]Holder[T], bool) {
		return f.update(prev, changes), true
	})
}

func (f *Fact[T]) appendHolders(out []Holder[T], fs *FileSummary) []Holder[T] {
	for _, m := range modulesOf(fs) {
		if v, ok := f.Of(m); ok {
			out = append(out, Holder[T]{m, v})
		}
	}
	return out
}

// update replaces the holders of the changed files (sorted by path) in prev.
func (f *Fact[T]) update(prev []Holder[T], changes []fileChange) []Holder[T] {
	touched := false
	for _, c := range changes {
		i := sort.Search(len(prev), func(i int) bool { return prev[i].Module.Path >= c.path })
		touched = touched || i < len(prev) && prev[i].Module.Path == c.path || f.kind.heldIn(c.new)
	}
	if !touched {
		return prev
	}
	out := make([]Holder[T], 0, len(prev)+1)
	i := 0
	for _, c := range changes {
		for ; i < len(prev) && prev[i].Module.Path < c.path; i++ {
			out = append(out, prev[i])
		}
		for ; i < len(prev) && prev[i].Module.Path == c.path; i++ {
		}
		out = f.appendHolders(out, c.new)
	}
	if out = append(out, prev[i:]...); len(out) == 0 {
		return nil // as a list made from scratch
	}
	return out
}

// heldIn reports whether a module of fs has the fact.
func (k *FactKind) heldIn(fs *FileSummary) bool {
	for _, m := range modulesOf(fs) {
		if _, ok := k.valueOf(m); ok {
			return true
		}
	}
	return false
}

// none marks a fact computed for a module that has none (nil marks one not computed).
type none struct{}

// of returns m's value of the fact; it panics as Fact.Of does when it was not computed.
func (k *FactKind) valueOf(m *Module) (any, bool) {
	if k.id >= len(m.facts) || m.facts[k.id] == nil {
		panic(fmt.Sprintf("fact %q was not computed for %s: the analyzer reading it must list it in its Facts", k.name, m.Name))
	}
	v := m.facts[k.id]
	_, isNone := v.(none)
	return v, !isNone
}

// computeFacts computes kinds for every module of a summarised file; forms are each
// module's own forms (by its index in mods), as the summariser assigned them.
func computeFacts(f *source.File, mods []*elixir.Module, forms [][]*source.Node, fs *FileSummary, kinds []*FactKind) {
	if len(kinds) == 0 {
		return
	}
	size := 0
	for _, k := range kinds {
		size = max(size, k.id+1)
	}
	for i, m := range fs.Modules {
		m.facts = make([]any, size)
		ms := ModuleSource{File: f, Syntax: mods[i], Summary: m, Forms: forms[i]}
		for _, k := range kinds {
			if v, ok := k.compute(ms); ok {
				m.facts[k.id] = v
			} else {
				m.facts[k.id] = none{}
			}
		}
	}
}
