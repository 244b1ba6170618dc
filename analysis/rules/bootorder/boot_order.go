// Package bootorder is OTP016 boot-order: in a static children list, a child whose start
// (init/1, start_link/1, or the handle_continue/2 its init/1 continues with) uses a
// sibling the list starts after it. The supervisor starts children one at a time, in
// order, so at boot that sibling's name is not registered yet.
package bootorder

import (
	"fmt"
	"strings"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/source"
)

// Analyzer is OTP016.
var Analyzer = &analysis.Analyzer{
	Code:     "OTP016",
	Name:     "boot-order",
	Title:    "Child uses a sibling that its supervisor starts after it",
	Severity: analysis.Error,
	InTests:  analysis.OffInTests,
	Doc:      doc,
	Facts:    []*index.FactKind{listsFact.Kind(), startsFact.Kind()},
	Run:      run,
}

func run(p *analysis.Pass) {
	if p.Index == nil {
		return
	}
	t := treeOf(p.Index)
	if len(t.byModule) == 0 {
		return
	}
	for _, em := range p.Modules {
		ms := p.ModuleSummary(em)
		if ms == nil || !anyLaterProvider(t.byModule[ms.Name]) {
			continue
		}
		checkModule(p, t, em, ms)
	}
}

// checkModule reports the uses made while em starts that need a process, registry or
// table a later sibling starts.
func checkModule(p *analysis.Pass, t *tree, em *elixir.Module, ms *index.Module) {
	guarded := guardedFunctions(ms)
	boot := reachFrom(ms, bootRoots(ms), nil)
	uses := usesOf(p.Index, ms, boot, nil, guarded)
	// Kernel's sends and init/1's continue are read from the syntax tree, which most
	// modules need not be: a send cannot be written without the word, nor a
	// `{:continue, tag}` without its atom.
	text := p.File.Slice(em.Node)
	maySend, mayContinue := strings.Contains(text, "send"), strings.Contains(text, "continue")
	if maySend || mayContinue {
		byID, _ := p.Defs(em)
		if maySend {
			uses = append(uses, sends(p, em, ms, byID, boot, nil, guarded)...)
		}
		var within map[string][]index.Span
		if mayContinue {
			within = continued(p.File, byID)
		}
		if within != nil {
			cont := reachFrom(ms, []string{"handle_continue/2"}, within)
			uses = append(uses, usesOf(p.Index, ms, cont, within, guarded)...)
			if maySend {
				uses = append(uses, sends(p, em, ms, byID, cont, within, guarded)...)
			}
		}
	}
	reportUses(p, t, ms, uses)
}

// reportUses reports each use that needs what a later sibling starts, once.
func reportUses(p *analysis.Pass, t *tree, ms *index.Module, uses []use) {
	reported := map[string]bool{}
	for _, u := range uses {
		key := fmt.Sprint(u.at.Start(), u.name)
		if reported[key] {
			continue // reached both from init/1 and from handle_continue/2: the first is the boot failure
		}
		oc, j, ok := laterSibling(t.byModule[ms.Name], u.name)
		if !ok || rescued(p.File, u.at) || anyRescued(p.File, u.sites) {
			continue
		}
		reported[key] = true
		report(p, ms.Name, u, oc, j)
	}
}

// anyLaterProvider reports whether some list starts, after the entry of the module, a
// name that neither that entry nor an earlier one provides: what laterSibling looks for,
// asked before the module's boot code is read.
func anyLaterProvider(occs []occurrence) bool {
	for _, oc := range occs {
		if oc.item < oc.list.lastNew {
			return true
		}
	}
	return false
}

// laterSibling finds a list where the entry starting the module comes before the first
// entry that provides name: that entry's index j.
func laterSibling(occs []occurrence, name string) (occurrence, int, bool) {
	for _, oc := range occs {
		if j, ok := oc.list.firstProvider[name]; ok && j > oc.item {
			return oc, j, true
		}
	}
	return occurrence{}, 0, false
}

// report puts the finding at the use, with the later entry (and the dependent one) as
// related information.
func report(p *analysis.Pass, module string, u use, oc occurrence, j int) {
	sup := oc.list.owner
	dependent := module
	entry := oc.list.items[oc.item]
	if oc.under != "" {
		dependent = oc.under + " (which starts " + module + ")"
	}
	later := oc.list.items[j]
	provider := later.provides[u.name]
	started := shownName(u.name)
	if u.kind == etsUse {
		started = provider
	}
	under := ""
	if provider != later.child.Module && later.child.Module != "" {
		under = " (under " + later.child.Module + ")"
	}
	fails := sup + " fails to start"
	if oc.list.application {
		fails = "the application does not start"
	}
	var consequence string
	switch {
	case u.root == "handle_continue/2":
		consequence = fmt.Sprintf("%s runs as soon as %s's init/1 returns, while %s is still starting the children after it, so at boot %s and %s crashes (and is restarted)",
			"handle_continue/2", module, sup, failure(u), module)
	default:
		consequence = fmt.Sprintf("at boot %s and %s", failure(u), fails)
	}
	d := p.ReportRange(u.at.Start(), u.at.End(), "%s.%s %s, which %s starts%s after %s: %s",
		module, u.root, needs(u, provider), sup, under, dependent, consequence)
	if u.root == "handle_continue/2" {
		// The continuation runs after the start has returned: the sibling's start races it,
		// and a lost race is a crash and a restart, not a failed boot (docs/rules/OTP016.md).
		d.Severity = analysis.Warning
	}
	d.Related = append(d.Related,
		analysis.Related{Loc: index.Loc{Path: oc.list.path, Span: later.child.Span}, Message: fmt.Sprintf("%s starts %s%s here, after %s", sup, started, under, entry.child.Module)},
		analysis.Related{Loc: index.Loc{Path: oc.list.path, Span: entry.child.Span}, Message: fmt.Sprintf("%s starts %s here", sup, entry.child.Module)})
	if fx, ok := moveFix(p.Index, oc, j); ok {
		d.Fixes = append(d.Fixes, fx)
	}
}

// needs says what the use needs, as the message's verb phrase.
func needs(u use, provider string) string {
	what := u.what
	if len(u.chain) > 0 {
		what += " in " + strings.Join(u.chain, " -> ")
	}
	if u.via != "" {
		what = u.via + ", which calls " + u.what
	}
	if len(u.chain) > 0 && u.via != "" {
		what += ", from " + strings.Join(u.chain, " -> ")
	}
	name := shownName(u.name)
	switch u.kind {
	case sendUse:
		return fmt.Sprintf("sends to %s (%s)", name, what)
	case registryUse:
		if strings.HasPrefix(u.what, "Phoenix.PubSub.") {
			return fmt.Sprintf("uses the PubSub %s (%s)", name, what)
		}
		return fmt.Sprintf("uses the registry %s (%s)", name, what)
	case etsUse:
		return fmt.Sprintf("uses the ETS table %s (%s), created by %s", name, what, provider)
	}
	return fmt.Sprintf("calls %s (%s)", name, what)
}

// failure is what the use does when what it needs is missing.
func failure(u use) string {
	switch u.kind {
	case sendUse:
		return "the send raises ArgumentError (no process is registered under that name)"
	case registryUse:
		return u.what + " raises ArgumentError (unknown registry)"
	case etsUse:
		return u.what + " raises ArgumentError (the table does not exist yet)"
	}
	return "the call exits with :noproc"
}

// shownName is a name as written in Elixir: a module, an atom, or a table's name.
func shownName(name string) string {
	name = strings.TrimPrefix(name, "ets:")
	if mod, ok := strings.CutPrefix(name, ":Elixir."); ok {
		return mod // a table named by a module
	}
	return name
}

// rescued reports whether the use at span sits in a block (a try's or a def's) with a
// rescue or catch clause: the code is ready for it to fail.
func rescued(f *source.File, at index.Span) bool {
	n := elixir.CallAt(f, at.Start(), at.End())
	if n == nil {
		return true // the index saw another version of this file: report nothing rather than at a wrong place
	}
	for ; n != nil; n = n.Parent() {
		if n.Type() != "do_block" {
			continue
		}
		for block := range n.Children() {
			if block.Type() == "rescue_block" || block.Type() == "catch_block" {
				return true
			}
		}
		if _, ok := elixir.AsDef(f, n.Parent()); ok {
			return false
		}
	}
	return false
}

// anyRescued reports whether one of the helper calls leading to a use is rescued: the
// use fails inside a call the code is ready to see fail.
func anyRescued(f *source.File, sites []index.Span) bool {
	for _, at := range sites {
		if rescued(f, at) {
			return true
		}
	}
	return false
}

// continued returns, when init/1 returns `{:continue, tag}`, the handle_continue/2 clauses
// that tag can reach (their spans); nil when init/1 continues with nothing.
func continued(f *source.File, byID map[string][]elixir.Def) map[string][]index.Span {
	var tags []string // "" for a tag that is not a literal atom
	for _, d := range byID["init/1"] {
		if d.Body == nil {
			continue
		}
		d.Body.Walk(func(n *source.Node) bool {
			if n.Type() != "tuple" {
				return true
			}
			if els := elixir.Elements(n); len(els) == 2 && f.Slice(els[0]) == ":continue" {
				tag, _ := elixir.AtomName(f, els[1])
				tags = append(tags, tag)
			}
			return true
		})
	}
	if len(tags) == 0 {
		return nil
	}
	var spans []index.Span
	for _, d := range byID["handle_continue/2"] {
		if len(d.Params) != 2 {
			continue
		}
		tag, literal := elixir.AtomName(f, elixir.Unwrap(d.Params[0]))
		for _, t := range tags {
			if !literal || t == "" || t == tag {
				spans = append(spans, index.NewSpan(d.Node.Start(), d.Node.End(), source.Range{}))
				break
			}
		}
	}
	if spans == nil {
		return nil
	}
	return map[string][]index.Span{"handle_continue/2": spans}
}

// sends are the `send(name, msg)` calls (Kernel's, which the index does not keep) in
// the functions r reached: a send to a name nobody registered raises ArgumentError.
func sends(p *analysis.Pass, em *elixir.Module, ms *index.Module, byID map[string][]elixir.Def, r reached, within map[string][]index.Span, guarded map[string]bool) []use {
	var out []use
	for _, fn := range ms.Functions {
		id := fn.ID()
		if !r.has(id) {
			continue // in the module's order, not the map's: findings come out the same each run
		}
		for _, d := range byID[id] {
			for _, c := range p.CallsIn(d.Node) {
				if c.Module != "" || c.Name != "send" || len(c.Args) != 2 || p.Module(c.Node) != em {
					continue
				}
				if _, elsewhere := elixir.HandedOff(p.File, c.Node, d.Node); elsewhere {
					continue
				}
				u := use{kind: sendUse, name: processName(p, em, c.Args[0]), what: "send/2", from: id,
					at: index.NewSpan(c.Node.Start(), c.Node.End(), p.File.Range(c.Node))}
				if u.name != "" && r.admit(&u, within, guarded) {
					out = append(out, u)
				}
			}
		}
	}
	return out
}

// processName reads a registered name as written: a module, `__MODULE__`, an atom, or a
// module attribute holding one; "" for anything else.
func processName(p *analysis.Pass, em *elixir.Module, n *source.Node) string {
	n = elixir.Unwrap(n)
	switch n.Type() {
	case "alias":
		return em.Resolve(elixir.ModuleName(p.File, n))
	case "identifier":
		if p.File.Slice(n) == "__MODULE__" {
			return em.Name
		}
	case "atom", "quoted_atom":
		if a, ok := elixir.AtomName(p.File, n); ok {
			return ":" + a
		}
	}
	return ""
}
