// Package callbacksignature is OTP013 callback-signature: a GenServer module whose
// callback GenServer never calls (a wrong arity, a misspelt name) or whose return asks for
// a handle_continue/2 it does not define.
package callbacksignature

import (
	"fmt"
	"slices"
	"strings"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/source"
	"github.com/otpls/otpls/codeactions"
)

// Analyzer is OTP013.
var Analyzer = &analysis.Analyzer{
	Code:     "OTP013",
	Name:     "callback-signature",
	Title:    "GenServer callback with a wrong arity or name, or no handle_continue/2 for a continue",
	Severity: analysis.Error,
	InTests:  analysis.RunInTests,
	Doc:      doc,
	Run:      run,
}

// callback is a GenServer callback and what happens when the module does not define it.
type callback struct {
	name  string
	arity int
	// missing is what happens without it, under `use GenServer` and under a bare
	// `@behaviour GenServer` (no defaults injected).
	missing, missingBare string
	// send is the GenServer function whose messages it answers ("call", "cast"): a module
	// sending itself those makes the missing callback a certain crash.
	send string
	// renameSafe: giving a misspelt function this name changes nothing that works today
	// (what reaches the callback crashes the server now); else the rename is unsafe and
	// changes says what it changes.
	renameSafe bool
	changes    string
}

var callbacks = []*callback{
	{name: "init", arity: 1,
		missing:     "use GenServer injects a default init/1 (the compiler warns of it) that makes the start argument the state",
		missingBare: "the server cannot start (init/1 is undefined)",
		changes:     "the server then starts through it"},
	{name: "handle_call", arity: 3, send: "call", renameSafe: true,
		missing:     "a GenServer.call to the server reaches use GenServer's default handle_call/3, which raises and crashes the server",
		missingBare: "a GenServer.call to the server crashes it (handle_call/3 is undefined)"},
	{name: "handle_cast", arity: 2, send: "cast", renameSafe: true,
		missing:     "a GenServer.cast to the server reaches use GenServer's default handle_cast/2, which raises and crashes the server",
		missingBare: "a GenServer.cast to the server crashes it (handle_cast/2 is undefined)"},
	{name: "handle_info", arity: 2,
		missing:     "other messages reach use GenServer's default handle_info/2, which logs and drops them",
		missingBare: "other messages are logged and dropped (handle_info/2 is undefined)",
		changes:     "messages logged and dropped today are handled by it"},
	{name: "handle_continue", arity: 2, renameSafe: true,
		missing:     "a {:continue, term} return crashes the server (handle_continue/2 is undefined)",
		missingBare: "a {:continue, term} return crashes the server (handle_continue/2 is undefined)"},
	{name: "terminate", arity: 2,
		missing:     "nothing runs when the server terminates (use GenServer's default terminate/2 does nothing)",
		missingBare: "nothing runs when the server terminates",
		changes:     "it then runs when the server terminates"},
	{name: "code_change", arity: 3,
		missing:     "code upgrades keep the state as it is (use GenServer's default code_change/3)",
		missingBare: "code upgrades of the server fail (code_change/3 is undefined)",
		changes:     "it then runs at code upgrades"},
}

// longNames are the names of 8 letters or more of the callbacks of each arity, those a
// misspelling is looked for in.
var longNames = map[int][]string{}

func init() {
	for _, cb := range callbacks {
		if len(cb.name) >= 8 {
			longNames[cb.arity] = append(longNames[cb.arity], cb.name)
		}
	}
}

func byName(name string) *callback {
	for _, cb := range callbacks {
		if cb.name == name {
			return cb
		}
	}
	return nil
}

// server is one GenServer module being checked.
type server struct {
	p     *analysis.Pass
	em    *elixir.Module
	ms    *index.Module
	byID  map[string][]elixir.Def
	order []elixir.Def
	// arities are the arities each function name is defined with (default arguments
	// define several).
	arities map[string][]int
	// usesGenServer: `use GenServer` (its defaults are injected), not a bare @behaviour.
	usesGenServer bool
	// otherBehaviours: a behaviour besides GenServer, whose callbacks may explain a
	// function named like GenServer's.
	otherBehaviours bool
}

func run(p *analysis.Pass) {
	for _, em := range p.Modules {
		ms := p.ModuleSummary(em)
		if ms == nil || em.Body == nil || !ms.GenServerCallbacks() || !mayFind(p, em, ms) {
			continue
		}
		s := newServer(p, em, ms)
		if s == nil {
			continue
		}
		nearMisses := map[string]elixir.Def{} // callback id -> the function misspelling it
		if !s.otherBehaviours {
			s.wrongArities()
			for cb, d := range s.misspellings() {
				nearMisses[elixir.FuncID(cb.name, cb.arity)] = d
			}
		}
		s.missingContinue(nearMisses)
	}
}

// mayFind reports whether em can have a finding at all, from the functions its summary
// lists and its text: a function named like a callback with another arity, one whose name
// misspells a callback, or a `{:continue, term}`, which cannot be written (`:continue`,
// `:"continue"`) without the word. Most GenServers have none of these, and the module is
// then not read further (newServer reads every call of its body).
func mayFind(p *analysis.Pass, em *elixir.Module, ms *index.Module) bool {
	for _, fn := range ms.Functions {
		if cb := byName(fn.Name); cb != nil && int(fn.Arity) != cb.arity || misspeltCallback(fn.Name, int(fn.Arity)) != nil {
			return true
		}
	}
	return strings.Contains(p.File.Slice(em.Body), "continue")
}

// newServer reads em's functions; nil when what em defines is not all written in it:
// another module's `use` or an @before_compile hook may inject functions, and a
// definition with a computed name (`def unquote(name)(...)`) defines one not known here.
func newServer(p *analysis.Pass, em *elixir.Module, ms *index.Module) *server {
	s := &server{p: p, em: em, ms: ms, arities: map[string][]int{}}
	for form := range em.Body.Children() {
		if name, _, ok := elixir.Attribute(p.File, form); ok && name == "before_compile" {
			return nil
		}
		c, ok := elixir.AsCall(p.File, form)
		if !ok || c.Module != "" || c.Name != "use" || len(c.Args) == 0 {
			continue
		}
		if em.Resolve(elixir.ModuleName(p.File, c.Args[0])) != "GenServer" {
			return nil
		}
		s.usesGenServer = true
	}
	for _, b := range ms.Behaviours {
		s.otherBehaviours = s.otherBehaviours || b != "GenServer" && b != ":gen_server"
	}
	s.byID, s.order = p.Defs(em)
	if !s.readArities() {
		return nil
	}
	return s
}

// readArities records the arities of every function em defines: its own forms, and
// definitions nested in module-level code (`for`, `if`) or written as a defdelegate.
// false when a definition's name is computed.
func (s *server) readArities() bool {
	f := s.p.File
	for _, c := range s.p.CallsIn(s.em.Body) {
		if c.Module != "" || len(c.Args) == 0 {
			continue
		}
		var name string
		var lo, hi int
		switch c.Name {
		case "def", "defp", "defmacro", "defmacrop":
			d, ok := elixir.AsDef(f, c.Node)
			if !ok {
				return false
			}
			name, lo, hi = d.Name, d.Arity()-defaults(d.Params), d.Arity()
		case "defdelegate":
			head, ok := elixir.AsCall(f, c.Args[0])
			if !ok || head.Module != "" {
				return false
			}
			name, lo, hi = head.Name, head.Arity()-defaults(head.Args), head.Arity()
		default:
			continue
		}
		if elixir.ModuleOf(s.p.Modules, c.Node) != s.em {
			continue // a nested module's
		}
		for a := lo; a <= hi; a++ {
			if !slices.Contains(s.arities[name], a) {
				s.arities[name] = append(s.arities[name], a)
			}
		}
	}
	return true
}

// defaults counts the parameters with a default (`opts \\ []`).
func defaults(params []*source.Node) int {
	n := 0
	for _, p := range params {
		if p.Type() == "binary_operator" && elixir.Operator(p) == `\\` {
			n++
		}
	}
	return n
}

func (s *server) defines(name string, arity int) bool {
	return slices.Contains(s.arities[name], arity)
}

// missingText is what happens without cb in this module.
func (s *server) missingText(cb *callback) string {
	if s.usesGenServer {
		return cb.missing
	}
	return cb.missingBare
}

// functions lists the module's functions (name/arity) in the order of their first clause,
// each with its clauses.
func (s *server) functions() [][]elixir.Def {
	out := make([][]elixir.Def, 0, len(s.byID))
	for _, d := range s.order {
		// A function's first clause in the module's order is the first of its clauses.
		if clauses := s.byID[d.ID()]; clauses[0].Node == d.Node {
			out = append(out, clauses)
		}
	}
	return out
}

// wrongArities reports functions named like a callback whose arity GenServer does not call,
// while the module defines no function of the right arity.
func (s *server) wrongArities() {
	for _, clauses := range s.functions() {
		d := clauses[0]
		cb := byName(d.Name)
		if cb == nil || s.defines(cb.name, cb.arity) || s.usedOtherwise(clauses) {
			continue
		}
		right := elixir.FuncID(cb.name, cb.arity)
		diag := s.p.Report(d.NameNode, "%s defines %s, but GenServer calls %s and %s is not defined: %s; %s never runs",
			s.em.Name, d.ID(), right, right, s.missingText(cb), d.ID())
		diag.Severity = analysis.Warning
		if sends := s.sends(cb); len(sends) > 0 {
			diag.Severity = analysis.Error
			diag.Message = fmt.Sprintf("%s defines %s, but GenServer calls %s and %s is not defined: the GenServer.%s to it crashes the server (%s); %s never runs",
				s.em.Name, d.ID(), right, right, cb.send, crashOf(s.usesGenServer, right), d.ID())
			for _, loc := range sends {
				diag.Related = append(diag.Related, analysis.Related{Loc: loc, Message: "GenServer." + cb.send + " to " + s.em.Name})
			}
		}
		if fix, ok := s.addFrom(cb, clauses); ok {
			diag.Fixes = append(diag.Fixes, fix)
		}
	}
}

// crashOf names how a missing handle_call/3 or handle_cast/2 crashes the server.
func crashOf(usesGenServer bool, id string) string {
	if usesGenServer {
		return "use GenServer's default " + id + " raises"
	}
	return "UndefinedFunctionError"
}

// addFrom is the safe fix of handle_call/2: the missing from parameter goes second
// (`handle_call(request, _from, state)`) in every clause. Safe: today every call to the
// server crashes it.
func (s *server) addFrom(cb *callback, clauses []elixir.Def) (analysis.Fix, bool) {
	if cb.name != "handle_call" {
		return analysis.Fix{}, false
	}
	var edits []analysis.Edit
	for _, d := range clauses {
		if d.Arity() != 2 || defaults(d.Params) > 0 {
			return analysis.Fix{}, false
		}
		for _, p := range d.Params {
			if strings.Contains(s.p.File.Slice(p), "from") {
				return analysis.Fix{}, false // the second parameter may be the from already
			}
		}
		edits = append(edits, s.p.Edit(d.Params[0].End(), d.Params[0].End(), ", _from"))
	}
	edits = append(edits, s.markImpl(clauses)...)
	return analysis.Fix{Title: "Add the from parameter: handle_call(request, _from, state)", Safe: true, Edits: edits}, true
}

// markImpl is the edit putting `@impl true` above a function that becomes a callback,
// when the module marks its callbacks so (the compiler warns of one without it) and the
// function has no @impl yet.
func (s *server) markImpl(clauses []elixir.Def) []analysis.Edit {
	first := clauses[0].Node
	if !s.usesImpl() || elixir.ImplBefore(s.p.File, slices.Collect(s.em.Body.Children()), first) != nil {
		return nil
	}
	return []analysis.Edit{s.p.Edit(first.Start(), first.Start(), "@impl true"+s.p.File.Newline()+s.p.File.IndentAt(first.Start()))}
}

// usedOtherwise reports whether a function is something else than a callback gone
// wrong: the module refers to it (a local call, a capture, an atom naming it for apply),
// another module calls it, or it is a client function (it calls GenServer itself, like
// `def terminate(pid), do: GenServer.stop(pid)`).
func (s *server) usedOtherwise(clauses []elixir.Def) bool {
	f := s.p.File
	name := clauses[0].Name
	for _, typ := range []string{"identifier", "atom"} { // each list is the pass's, shared
		for _, n := range source.Within(s.p.Nodes(typ), source.Start, s.em.Body) {
			text := f.Slice(n)
			if (text == name || text == ":"+name) && elixir.InExpression(f, n) {
				return true
			}
		}
	}
	if remoteCalls(s.p.Index)[s.em.Name+"."+name] {
		return true
	}
	for _, d := range clauses {
		if d.Body == nil {
			continue
		}
		for _, c := range s.p.CallsIn(d.Body) {
			if c.Module == "GenServer" || c.Module == ":gen_server" {
				return true
			}
		}
	}
	return false
}

// remoteCalls is the set of "Module.name" that some call in the workspace names
// (`Module.name(...)`, its module resolved), once per snapshot.
func remoteCalls(snap *index.Snapshot) map[string]bool {
	if snap == nil {
		return nil
	}
	return snap.Memo("otp013-remote-calls", func() any {
		out := map[string]bool{}
		snap.Modules(func(m *index.Module) {
			for i := range m.Calls {
				out[m.Calls[i].Module+"."+m.Calls[i].Name] = true
			}
		})
		return out
	}).(map[string]bool)
}

// sends are the GenServer.call (or cast, as cb answers) sites whose target is this server:
// the module, a name it registers, or self() in its own code.
func (s *server) sends(cb *callback) []index.Loc {
	if cb.send == "" || s.p.Index == nil {
		return nil
	}
	all := sendSites(s.p.Index)
	var out []index.Loc
	for _, name := range append([]string{s.em.Name}, s.ms.RegisteredNames...) {
		for _, site := range all[name] {
			if site.kind == cb.send {
				out = append(out, site.loc)
			}
		}
	}
	return out
}

type sendSite struct {
	kind string // "call" or "cast"
	loc  index.Loc
}

// sendSites maps each target (a module or registered name; a module's own name for its
// self() sends) to the GenServer.call/cast sites naming it, once per snapshot.
func sendSites(snap *index.Snapshot) map[string][]sendSite {
	return snap.Memo("otp013-send-sites", func() any {
		out := map[string][]sendSite{}
		snap.Modules(func(m *index.Module) {
			for i := range m.Calls {
				c := &m.Calls[i]
				if (c.Module != "GenServer" && c.Module != ":gen_server") || (c.Name != "call" && c.Name != "cast") || c.Target() == "" {
					continue
				}
				target := c.Target()
				if target == "self()" {
					// self() is the server only in its own callbacks, and a call to
					// itself there exits at once (calling_self): only casts count.
					if c.Name != "cast" || !elixir.Callbacks[c.From] {
						continue
					}
					target = m.Name
				}
				out[target] = append(out[target], sendSite{kind: c.Name, loc: index.Loc{Path: m.Path, Span: c.Span}})
			}
		})
		return out
	}).(map[string][]sendSite)
}

// misspellings reports functions whose name is a misspelling of a callback with their
// arity that the module does not define (`hande_call/3`, `handle_infos/2`), and returns
// them by the callback they misspell.
func (s *server) misspellings() map[*callback]elixir.Def {
	out := map[*callback]elixir.Def{}
	for _, clauses := range s.functions() {
		d := clauses[0]
		cb := misspeltCallback(d.Name, d.Arity())
		if cb == nil || s.defines(cb.name, cb.arity) || s.usedOtherwise(clauses) {
			continue
		}
		right := elixir.FuncID(cb.name, cb.arity)
		diag := s.p.Report(d.NameNode, "%s defines %s, which nothing calls, but not the GenServer callback %s: %s",
			s.em.Name, d.ID(), right, s.missingText(cb))
		diag.Severity = analysis.Warning
		diag.Fixes = append(diag.Fixes, s.rename(cb, clauses))
		out[cb] = d
	}
	return out
}

// misspeltCallback is the callback a function's name misspells, with its arity. Short
// names are left alone: init/1 is one or two letters from many words (`exit/1`, `edit/1`,
// `unit/1`).
func misspeltCallback(name string, arity int) *callback {
	if len(name) < 8 || byName(name) != nil {
		return nil
	}
	if right, ok := elixir.Misspelt(name, longNames[arity]); ok {
		return byName(right)
	}
	return nil
}

// rename is the fix giving every clause of a misspelt function the callback's name. Safe
// for handle_call, handle_cast and handle_continue (what would reach it crashes the
// server today); else it changes what the server does.
func (s *server) rename(cb *callback, clauses []elixir.Def) analysis.Fix {
	fix := analysis.Fix{Title: "Rename " + clauses[0].Name + " to " + cb.name, Safe: cb.renameSafe}
	if !cb.renameSafe {
		fix.Changes = cb.changes
	}
	for _, d := range clauses {
		fix.Edits = append(fix.Edits, s.p.Edit(d.NameNode.Start(), d.NameNode.End(), cb.name))
	}
	fix.Edits = append(fix.Edits, s.markImpl(clauses)...)
	return fix
}

// continueReturn is a `{:continue, term}` a callback clause returns.
type continueReturn struct {
	clause elixir.Def
	at     *source.Node // the {:continue, term} tuple
}

// missingContinue reports `{:continue, term}` returns of a module that defines no
// handle_continue/2: GenServer calls it right after the callback returns, and the
// server crashes with UndefinedFunctionError. nearMisses are the functions found to
// misspell a callback (a misspelt handle_continue/2 is named, and its rename is the fix).
func (s *server) missingContinue(nearMisses map[string]elixir.Def) {
	if s.defines("handle_continue", 2) {
		return
	}
	var returns []continueReturn
	for _, d := range s.order {
		if !elixir.Callbacks[d.ID()] || d.Body == nil {
			continue
		}
		for _, t := range s.p.Tails(d.Body) {
			if at, ok := elixir.ContinueOf(s.p.File, t); ok {
				returns = append(returns, continueReturn{d, at})
			}
		}
	}
	if len(returns) == 0 {
		return
	}
	instead, hasInstead := nearMisses["handle_continue/2"]
	if !hasInstead {
		for _, d := range s.order {
			if d.Name == "handle_continue" {
				instead, hasInstead = d, true
				break
			}
		}
	}
	var stub analysis.Fix
	hasStub := false
	if !hasInstead {
		stub, hasStub = s.continueStub(returns)
	}
	for _, r := range returns {
		diag := s.p.Report(r.at, "%s.%s returns %s, but %s defines no handle_continue/2: the server crashes with UndefinedFunctionError right after %s returns",
			s.em.Name, r.clause.ID(), elixir.Outline(s.p.File, r.at), s.em.Name, r.clause.ID())
		if hasInstead {
			diag.Related = append(diag.Related, analysis.Related{Loc: s.p.Loc(instead.NameNode), Message: instead.ID() + " is defined instead"})
			continue
		}
		if hasStub {
			diag.Fixes = append(diag.Fixes, stub)
		}
	}
}

// continueStub is the unsafe fix adding a handle_continue/2 that keeps the state, after
// the last clause of the last callback returning a continue: a clause for each continue
// atom, or one taking any term when some term is not an atom. Every finding of the
// module offers the same edit, applied once.
func (s *server) continueStub(returns []continueReturn) (analysis.Fix, bool) {
	f := s.p.File
	var patterns []string
	for _, r := range returns {
		_, els, _ := elixir.Tag(f, r.at)
		term := elixir.Unwrap(els[1])
		if term.Type() != "atom" {
			patterns = []string{"_continue"}
			break
		}
		if !slices.Contains(patterns, f.Slice(term)) {
			patterns = append(patterns, f.Slice(term))
		}
	}
	var lines []string
	if s.usesImpl() {
		lines = append(lines, "@impl true")
	}
	for i, pat := range patterns {
		if i > 0 {
			lines = append(lines, "")
		}
		lines = append(lines, "def handle_continue("+pat+", state) do", "  {:noreply, state}", "end")
	}
	last := returns[len(returns)-1].clause
	clauses := s.byID[last.ID()]
	edit, ok := codeactions.AddFunctionAfter(f, clauses[len(clauses)-1].Node, lines)
	return analysis.Fix{
		Title:   "Add a handle_continue/2 stub for " + strings.Join(patterns, ", "),
		Safe:    false,
		Changes: "the continue then runs a stub that keeps the state, where the server crashes today; the stub's work is yours to write",
		Edits:   []analysis.Edit{edit},
	}, ok
}

// usesImpl reports whether the module marks its callbacks with @impl (a new callback then
// needs it too, or the compiler warns).
func (s *server) usesImpl() bool {
	for form := range s.em.Body.Children() {
		if name, _, ok := elixir.Attribute(s.p.File, form); ok && name == "impl" {
			return true
		}
	}
	return false
}
