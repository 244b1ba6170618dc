package index

import (
	"fmt"
	"sort"
	"strings"
	"sync"
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

// cachedForms are a module's forms' cached facts, where they keep their parts of per-form
// facts (NewFormFact): the i-th belongs to ModuleSource.Forms[i] (nil when the file is
// summarised without a FormCache, and the parts are computed afresh).
type cachedForms []*formFacts

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
	// parts are the forms' cached facts, where their parts of per-form facts are kept.
	parts cachedForms
	// origins are the forms' start positions, the i-th Forms[i]'s (where FormPart.Span
	// places a part's spans from).
	origins []source.Position
	// calls are the forms' calls where the summary read them (nil where it did not: a
	// form whose summary came from the cache), shared by the parts that read them.
	calls [][]elixir.Call
}

// Resolve resolves a module name as written in the module (through its aliases), as a
// copy: a fact outlives the file's text, and a name cut from it would keep the whole text
// alive for as long as the fact.
func (ms ModuleSource) Resolve(name string) string {
	return strings.Clone(ms.Syntax.Resolve(name))
}

// Span returns the span of n, as facts keep positions (they outlive the syntax tree).
func (ms ModuleSource) Span(n *source.Node) Span { return spanOf(ms.File, n.Start(), n.End()) }

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

// NewFormFact declares a fact computed form by form, for facts that are mostly a sum of
// what each form says: part reads one form, combine makes the module's fact of the parts
// of its forms (parts.All lists them; a module combine answers for without asking costs
// nothing more). In an open document a form's part is kept with the form's cached summary
// (FormCache) and computed again only when the form's text changes, so a keystroke pays
// for the edited form's part and the combining, not for every form of the module.
//
// part must therefore be a function of the form's text alone: it reads the form's
// subtree, and keeps positions relative to the form (FormSource.Rel), names as written.
// Whatever depends on the module around the form (aliases: ms.Syntax.Resolve; the
// summary; positions in the file: FormPart.Span) is combine's to read, as it runs for every
// version.
func NewFormFact[P, T any](name string, part func(FormSource) (P, bool), combine func(ms ModuleSource, parts FormParts[P]) (T, bool)) *Fact[T] {
	k := &FactKind{name: name, id: int(factIDs.Add(1)) - 1}
	// The lists of parts are combine's only while it runs: one list is reused from module
	// to module, file to file.
	lists := sync.Pool{New: func() any { return new([]FormPart[P]) }}
	k.compute = func(ms ModuleSource) (any, bool) {
		list := lists.Get().(*[]FormPart[P])
		v, ok := combine(ms, FormParts[P]{ms: ms, kind: k, part: part, list: list})
		clear(*list)
		*list = (*list)[:0]
		lists.Put(list)
		return v, ok
	}
	return &Fact[T]{kind: k}
}

// FormParts are the parts of a per-form fact of a module's forms, read when asked for.
type FormParts[P any] struct {
	ms   ModuleSource
	kind *FactKind
	part func(FormSource) (P, bool)
	list *[]FormPart[P]
}

// All returns the forms' parts in source order, only the forms whose part reported true.
// The list is reused once combine returns: it must not be kept (the values in it may).
func (fp FormParts[P]) All() []FormPart[P] {
	parts := (*fp.list)[:0]
	for i, form := range fp.ms.Forms {
		var v P
		var ok bool
		fs := FormSource{File: fp.ms.File, Form: form, origin: fp.ms.origins[i]}
		if fp.ms.calls != nil {
			fs.calls = fp.ms.calls[i]
		}
		if fp.ms.parts == nil {
			v, ok = fp.part(fs)
		} else {
			v, ok = cachedPart(fp.ms.parts[i], fp.kind, fs, fp.part)
		}
		if ok {
			parts = append(parts, FormPart[P]{Value: v, Form: form, origin: fp.ms.origins[i]})
		}
	}
	*fp.list = parts
	return parts
}

// cachedPart returns k's part of a form whose cached facts are ff, computing it the first
// time it is asked for (the facts are the form's as long as its text is the same).
func cachedPart[P any](ff *formFacts, k *FactKind, fs FormSource, part func(FormSource) (P, bool)) (P, bool) {
	if k.id < len(ff.parts) {
		switch v := ff.parts[k.id].(type) {
		case nil:
		case none:
			var zero P
			return zero, false
		default:
			return v.(P), true
		}
	} else {
		// A slot for every fact declared (all are, at start-up): one allocation a form.
		parts := make([]any, max(k.id+1, int(factIDs.Load())))
		copy(parts, ff.parts)
		ff.parts = parts
	}
	v, ok := part(fs)
	if ok {
		ff.parts[k.id] = v
	} else {
		ff.parts[k.id] = none{}
	}
	return v, ok
}

// FormSource is one top-level form, what a per-form fact's part reads (see NewFormFact).
type FormSource struct {
	File   *source.File
	Form   *source.Node
	origin source.Position // the form's start, which the summary looked up
	calls  []elixir.Call   // the form's calls, when the summary read them
}

// Calls returns the calls inside the form (elixir.CallsIn): the list the summary read
// for the form, or the file's calls searched again when it read none.
func (fs FormSource) Calls() []elixir.Call {
	if fs.calls != nil {
		return fs.calls
	}
	return elixir.CallsIn(fs.File, fs.Form)
}

// Rel returns n's span relative to the form's start.
func (fs FormSource) Rel(n *source.Node) FormSpan { return fs.RelRange(n.Start(), n.End()) }

// RelRange returns the span [start, end) of the file relative to the form's start.
func (fs FormSource) RelRange(start, end int) FormSpan {
	return FormSpan{rel{start: start - fs.Form.Start(), end: end - fs.Form.Start(), rng: relRangeOf(fs.File, fs.origin, start, end)}}
}

// FormSpan is a span relative to the start of its form, its lines and characters too:
// what a per-form fact keeps, valid wherever the form's text moves (FormPart.Span makes
// it a Span).
type FormSpan struct{ rel }

// FormPart is one form's part of a per-form fact, with the form it was read from (as it
// is in the file being summarised: its position is the current one).
type FormPart[P any] struct {
	Value  P
	Form   *source.Node
	origin source.Position // the form's start
}

// Span returns the file span of s, a span relative to the part's form.
func (p FormPart[P]) Span(ms ModuleSource, s FormSpan) Span { return s.span(p.Form.Start(), p.origin) }

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
// module's own forms (by its index in mods), as the summariser assigned them, and parts
// their cached facts (nil without a FormCache).
func computeFacts(f *source.File, mods []*elixir.Module, forms [][]*source.Node, origins [][]source.Position, calls [][][]elixir.Call, parts []cachedForms, fs *FileSummary, kinds []*FactKind) {
	if len(kinds) == 0 {
		return
	}
	size := 0
	for _, k := range kinds {
		size = max(size, k.id+1)
	}
	for i, m := range fs.Modules {
		m.facts = make([]any, size)
		ms := ModuleSource{File: f, Syntax: mods[i], Summary: m, Forms: forms[i], origins: origins[i], calls: calls[i]}
		if parts != nil {
			ms.parts = parts[i]
		}
		for _, k := range kinds {
			if v, ok := k.compute(ms); ok {
				m.facts[k.id] = v
			} else {
				m.facts[k.id] = none{}
			}
		}
	}
}
