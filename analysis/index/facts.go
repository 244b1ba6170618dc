package index

import (
	"fmt"
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
	name string
	id   int
	of   func(ModuleSource) (any, bool)
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
	return &Fact[T]{kind: &FactKind{name: name, id: int(factIDs.Add(1)) - 1, of: func(ms ModuleSource) (any, bool) {
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
	var zero T
	id := f.kind.id
	if id >= len(m.facts) || m.facts[id] == nil {
		panic(fmt.Sprintf("fact %q was not computed for %s: the analyzer reading it must list it in its Facts", f.kind.name, m.Name))
	}
	if v, ok := m.facts[id].(T); ok {
		return v, true
	}
	return zero, false
}

// Holder is a module with its fact.
type Holder[T any] struct {
	Module *Module
	Value  T
}

// In returns every module of the snapshot that has the fact, in path order, gathered once
// per snapshot.
func (f *Fact[T]) In(s *Snapshot) []Holder[T] {
	return s.memoByKey(f.kind, func() any {
		var out []Holder[T]
		s.Modules(func(m *Module) {
			if v, ok := f.Of(m); ok {
				out = append(out, Holder[T]{m, v})
			}
		})
		return out
	}).([]Holder[T])
}

// none marks a fact computed for a module that has none (nil marks one not computed).
type none struct{}

// computeFacts computes kinds for every module of a summarised file.
func computeFacts(f *source.File, mods []*elixir.Module, fs *FileSummary, kinds []*FactKind) {
	if len(kinds) == 0 {
		return
	}
	size := 0
	for _, k := range kinds {
		size = max(size, k.id+1)
	}
	forms := make(map[*elixir.Module][]*source.Node, len(mods))
	for _, form := range f.Forms {
		if em := elixir.ModuleOf(mods, form); em != nil {
			forms[em] = append(forms[em], form)
		}
	}
	for i, m := range fs.Modules {
		m.facts = make([]any, size)
		ms := ModuleSource{File: f, Syntax: mods[i], Summary: m, Forms: forms[mods[i]]}
		for _, k := range kinds {
			if v, ok := k.of(ms); ok {
				m.facts[k.id] = v
			} else {
				m.facts[k.id] = none{}
			}
		}
	}
}

// View is a workspace-wide answer a rule derives from a snapshot (from the summaries and
// its facts), computed once per snapshot on first use and shared by every file's run.
type View[T any] struct {
	name  string
	build func(*Snapshot) T
}

// NewView declares a view.
func NewView[T any](name string, build func(*Snapshot) T) *View[T] {
	return &View[T]{name: name, build: build}
}

// Of returns the view's value for s.
func (v *View[T]) Of(s *Snapshot) T {
	return s.memoByKey(v, func() any { return v.build(s) }).(T)
}
