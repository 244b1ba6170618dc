// Package childspec is OTP006 child-spec: servers and child specs that cannot work as
// written: a server called by a name it never registers, a supervisor listing the same
// child twice, and a static child that is never restarted.
package childspec

import (
	"fmt"
	"strings"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/source"
	"github.com/otpls/otpls/codeactions"
)

// Analyzer is OTP006.
var Analyzer = &analysis.Analyzer{
	Code:     "OTP006",
	Name:     "child-spec",
	Title:    "Child spec or registration that cannot work",
	Severity: analysis.Error,
	InTests:  analysis.ErrorsInTests,
	Doc:      doc,
	Facts:    []*index.FactKind{dynamicFact.Kind(), listedFact.Kind()},
	Run:      run,
}

func run(p *analysis.Pass) {
	for _, em := range p.Modules {
		ms := p.ModuleSummary(em)
		if ms == nil || em.Body == nil {
			continue
		}
		if ms.Is("GenServer") {
			unregisteredName(p, em)
			temporaryRestart(p, em, ms)
		}
		for i := range ms.ChildLists {
			duplicateChildren(p, &ms.ChildLists[i])
		}
	}
}

// startCall is a GenServer start call inside the module's start_link/start.
type startCall struct {
	call       *elixir.Call
	registered bool // a name is given
	opaque     bool // options the caller supplies (`opts`): the name may be among them
	// bound is the literal list the options variable is bound to in the start function
	// (`opts = [timeout: 5_000]` before the call), nil when the options are written in it.
	bound *source.Node
}

// startCalls reads the start calls of the module's own start functions; defined is false
// when the module defines no start_link/start.
func startCalls(p *analysis.Pass, em *elixir.Module) (calls []startCall, defined bool) {
	for form := range em.Body.Children() {
		d, ok := elixir.AsDef(p.File, form)
		if !ok || d.Name != "start_link" && d.Name != "start" || d.Body == nil {
			continue
		}
		defined = true
		d.Body.Walk(func(n *source.Node) bool {
			c, ok := elixir.AsCall(p.File, n)
			if !ok || c.Name != "start_link" && c.Name != "start" {
				return true
			}
			switch c.Module {
			case "GenServer":
				sc := startCall{call: c}
				switch len(c.Args) {
				case 2:
				case 3:
					opts := elixir.Unwrap(c.Args[2])
					if list := boundList(p.File, d, opts, c.Node.Start()); list != nil {
						opts, sc.bound = list, list
					}
					if opts.Type() == "keywords" || opts.Type() == "list" {
						sc.registered = elixir.KeywordValue(p.File, opts, "name") != nil
						if !sc.registered && opts.Type() == "list" && len(elixir.Pairs(p.File, opts)) != len(elixir.Elements(opts)) {
							sc.opaque = true // `[name: n] ++ opts`-like lists we do not read
						}
					} else {
						sc.opaque = true
					}
				default:
					sc.opaque = true
				}
				calls = append(calls, sc)
			case ":gen_server":
				// start_link(Module, Args, Options) registers nothing; the 4-argument
				// form's first argument is the name.
				calls = append(calls, startCall{call: c, registered: len(c.Args) == 4, opaque: len(c.Args) != 3 && len(c.Args) != 4})
			}
			return true
		})
	}
	return calls, defined
}

// boundList is the literal list the variable v is bound to, once and before offset at, in
// the start function d (`opts = [timeout: 5_000]`); nil when v is not a variable, is bound
// more than once (the options may be built up), or not to a literal list.
func boundList(f *source.File, d elixir.Def, v *source.Node, at int) *source.Node {
	if v.Type() != "identifier" {
		return nil
	}
	var found *source.Node
	bindings := 0
	d.Body.Walk(func(n *source.Node) bool {
		if n.Type() != "binary_operator" || elixir.Operator(n) != "=" {
			return true
		}
		if left := n.Child("left"); left != nil && left.Type() == "identifier" && f.Slice(left) == f.Slice(v) {
			bindings++
			if right := elixir.Unwrap(n.Child("right")); right != nil && right.Type() == "list" && n.End() < at {
				found = right
			}
		}
		return true
	})
	if bindings != 1 {
		return nil
	}
	return found
}

// unregisteredName: calls to the module's own name while its start functions register
// no name exit with :noproc, and casts to it are lost.
func unregisteredName(p *analysis.Pass, em *elixir.Module) {
	starts, defined := startCalls(p, em)
	if !defined || len(starts) == 0 {
		return
	}
	for _, s := range starts {
		if s.registered || s.opaque {
			return
		}
	}
	var selfCalls []*elixir.Call
	em.Body.Walk(func(n *source.Node) bool {
		c, ok := elixir.AsCall(p.File, n)
		if !ok || len(c.Args) == 0 {
			return true
		}
		if c.Module == "" && c.Name == "defmodule" {
			return false // a nested module is a module of its own
		}
		if (c.Module == "GenServer" || c.Module == ":gen_server") && (c.Name == "call" || c.Name == "cast") && em.IsSelf(p.File, c.Args[0]) {
			selfCalls = append(selfCalls, c)
		}
		return true
	})
	if len(selfCalls) == 0 {
		return
	}
	fx, fixable := nameFix(p, starts)
	first := starts[0].call
	starter, _ := elixir.EnclosingDef(p.File, first.Node)
	for _, c := range selfCalls {
		// A call to an unregistered name exits; a cast to one returns :ok and the message
		// is lost (GenServer.cast and :gen_server.cast both swallow the failed send).
		outcome := "exits with :noproc"
		if c.Name == "cast" {
			outcome = "is lost (a cast to an unregistered name returns :ok and drops the message)"
		}
		d := p.Report(c.Node, "%s.%s/%d to %s %s: %s/%d starts the server without registering a name",
			c.Module, c.Name, c.Arity(), p.File.Slice(c.Args[0]), outcome, em.Name+"."+starter.Name, starter.Arity())
		d.Related = append(d.Related, analysis.Related{Loc: p.Loc(first.Node), Message: "the server is started here, without a name"})
		if fixable {
			d.Fixes = append(d.Fixes, fx)
		}
	}
}

// nameFix registers the module's name in every start call: `name: __MODULE__` added to
// the options (a new options argument when there is none), `{:local, __MODULE__}`
// prepended for :gen_server; laid out as mix format would (codeactions.AddKeyword).
func nameFix(p *analysis.Pass, starts []startCall) (analysis.Fix, bool) {
	var edits []analysis.Edit
	for _, s := range starts {
		var es []analysis.Edit
		ok := false
		switch {
		case s.call.Module == ":gen_server":
			es, ok = codeactions.PrependArgument(p.File, s.call, "{:local, __MODULE__}")
		case s.bound != nil:
			es, ok = codeactions.AppendToList(p.File, s.bound, "name: __MODULE__")
		default:
			es, ok = codeactions.AddKeyword(p.File, s.call, "name: __MODULE__", len(s.call.Args) == 3)
		}
		if !ok {
			return analysis.Fix{}, false
		}
		edits = append(edits, es...)
	}
	return analysis.Fix{Title: "Register the server under name: __MODULE__", Safe: true, Edits: edits}, true
}

// duplicateChildren: two children of one list with ids known to be equal.
func duplicateChildren(p *analysis.Pass, list *index.ChildList) {
	seen := map[string]index.Child{}
	used := map[string]bool{}
	for _, ch := range list.Children {
		if ch.ID != "" {
			used[ch.ID] = true
		}
	}
	count := map[string]int{}
	for i, ch := range list.Children {
		if ch.Module == "" {
			continue
		}
		id, known := childID(p, ch)
		if !known {
			continue
		}
		count[ch.Module]++
		first, dup := seen[id]
		if !dup {
			seen[id] = ch
			continue
		}
		d := p.ReportRange(ch.Span.Start(), ch.Span.End(), "%s is a child of this supervisor twice with the same id: the supervisor fails to start with {:duplicate_child_name, %s}", ch.Module, idShown(p, ch))
		d.Related = append(d.Related, analysis.Related{Loc: index.Loc{Path: p.File.Path, Span: first.Span}, Message: "the first " + ch.Module + " child with that id"})
		if nameIDs[ch.Module] && ch.Name != "" {
			continue // the id is the registered name: another id would only fail as {:already_started, _}
		}
		if fx, ok := uniqueIDFix(p, list, i, count[ch.Module], used); ok {
			d.Fixes = append(d.Fixes, fx)
		}
	}
}

// nameIDs are the modules whose child_spec/1 makes the `:name` option the child's id
// (the module itself when there is none).
var nameIDs = map[string]bool{"DynamicSupervisor": true, "Task.Supervisor": true, "Registry": true, "PartitionSupervisor": true}

// childID is the id the supervisor will see for ch, and whether it is known: an explicit
// one (Supervisor.child_spec(..., id: x) or a map's id:); the :name for the modules of
// nameIDs; the module for a workspace module with the default child_spec/1. Any other
// module's child_spec/1 may derive its id from its argument: two children are then known
// to share an id only when they are written alike.
func childID(p *analysis.Pass, ch index.Child) (string, bool) {
	switch {
	case ch.ID != "" && !ch.IDInArg:
		return "id " + ch.ID, true
	case nameIDs[ch.Module]:
		if ch.NameUnknown {
			return "", false
		}
		if ch.Name != "" {
			return "id " + ch.Name, true
		}
		return "id " + ch.Module, true
	}
	if m := p.Index.Module(ch.Module); m != nil && m.Function("child_spec", 1) == nil {
		return "id " + ch.Module, true // the default child_spec: the module, whatever the argument
	}
	return "spec " + strings.Join(strings.Fields(p.File.Text[ch.Span.Start():ch.Span.End()]), " "), true
}

// effectiveID is the id the supervisor will see, as written ("" for the module).
func effectiveID(p *analysis.Pass, ch index.Child) string {
	switch {
	case ch.ID != "" && !ch.IDInArg:
		return ch.ID
	case nameIDs[ch.Module]:
		return ch.Name
	case ch.ID == "":
		return ""
	}
	if m := p.Index.Module(ch.Module); m != nil && m.Function("child_spec", 1) == nil {
		return "" // the default child_spec ignores it
	}
	return ch.ID
}

func idShown(p *analysis.Pass, ch index.Child) string {
	if id := effectiveID(p, ch); id != "" {
		return id
	}
	return ch.Module
}

// uniqueIDFix wraps the child in Supervisor.child_spec(child, id: :name_n), laid out as
// mix format would (codeactions.WrapChild).
func uniqueIDFix(p *analysis.Pass, list *index.ChildList, i int, n int, used map[string]bool) (analysis.Fix, bool) {
	ch := list.Children[i]
	text := p.File.Text[ch.Span.Start():ch.Span.End()]
	if strings.HasPrefix(text, "%") || strings.HasPrefix(text, "Supervisor.child_spec(") {
		return analysis.Fix{}, false // a map or an explicit child_spec: its id is edited by hand
	}
	base := snake(ch.Module[strings.LastIndexByte(ch.Module, '.')+1:])
	id := fmt.Sprintf(":%s_%d", base, n)
	for k := n; used[id]; k++ {
		id = fmt.Sprintf(":%s_%d", base, k+1)
	}
	edits, ok := codeactions.WrapChild(p.File, list, i, "Supervisor.child_spec", "id: "+id)
	if !ok {
		return analysis.Fix{}, false
	}
	used[id] = true
	return analysis.Fix{Title: "Give the child a unique id", Safe: true, Edits: edits}, true
}

func snake(s string) string {
	var b strings.Builder
	for i, r := range s {
		if r >= 'A' && r <= 'Z' {
			if i > 0 {
				b.WriteByte('_')
			}
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// temporaryRestart: `restart: :temporary` on a server that is a static child, that nothing
// starts dynamically and that never stops itself on purpose (docs/rules/OTP006.md).
func temporaryRestart(p *analysis.Pass, em *elixir.Module, ms *index.Module) {
	opt := temporaryOption(p, em)
	if opt == nil || p.Index == nil || !staticChild(p.Index, ms.Name) || mayStartDynamically(p.Index, ms.Name) {
		return
	}
	ends := howItEnds(p, em)
	if ends.onPurpose || ends.onlyIgnore {
		return // temporary by design: a restart would undo the stop, or there is no process
	}
	replacement, why := ":permanent", ""
	if ends.variableReason {
		replacement, why = ":transient", " (it may stop itself normally, so :transient)"
	}
	d := p.Report(opt, "restart: :temporary on %s, a static child that nothing in the workspace starts dynamically and that never stops itself: after a crash its supervisor does not restart it, and it stays down", em.Name)
	d.Severity = analysis.Warning
	d.Fixes = append(d.Fixes, analysis.Fix{
		Title:   "Restart the server after crashes (restart: " + replacement + ")" + why,
		Safe:    false,
		Changes: "changes restart behaviour",
		Edits:   []analysis.Edit{p.Edit(opt.Start(), opt.End(), replacement)},
	})
}

// temporaryOption finds `:temporary` in `use GenServer, restart: :temporary` or in the
// map a hand-written child_spec/1 returns.
func temporaryOption(p *analysis.Pass, em *elixir.Module) *source.Node {
	var found *source.Node
	for form := range em.Body.Children() {
		if c, ok := elixir.AsCall(p.File, form); ok && c.Module == "" && c.Name == "use" && len(c.Args) > 1 {
			if v := elixir.KeywordValue(p.File, c.Args[len(c.Args)-1], "restart"); v != nil && p.File.Slice(v) == ":temporary" {
				found = v
			}
		}
		if d, ok := elixir.AsDef(p.File, form); ok && d.Name == "child_spec" && d.Arity() == 1 {
			for _, t := range elixir.Tails(p.File, d.Body) {
				if t.Type() != "map" {
					continue
				}
				for c := range t.Children() {
					if v := elixir.KeywordValue(p.File, c, "restart"); c.Type() == "map_content" && v != nil && p.File.Slice(v) == ":temporary" {
						found = v
					}
				}
			}
		}
	}
	return found
}

// staticChild reports whether name is a literal child of a children list in the workspace.
func staticChild(snap *index.Snapshot, name string) bool { return staticChildren.Of(snap)[name] }

// listedFact are the modules a module lists as children in its literal children lists,
// outside test files (a test's own supervision tree says nothing of the application's).
// A fact, so that the view over it is taken over by the next snapshot unless an edit
// changes a children list.
var listedFact = index.NewFact("OTP006.listed-children", func(ms index.ModuleSource) ([]string, bool) {
	if analysis.IsTestFile(ms.Summary.Path) {
		return nil, false
	}
	var out []string
	for _, cl := range ms.Summary.ChildLists {
		for _, ch := range cl.Children {
			out = append(out, ch.Module)
		}
	}
	return out, len(out) > 0
})

// staticChildren are the modules listed as children anywhere in the workspace.
var staticChildren = index.NewView("OTP006.static-children", func(s *index.Snapshot) map[string]bool {
	names := map[string]bool{}
	for _, h := range listedFact.In(s) {
		for _, name := range h.Value {
			names[name] = true
		}
	}
	return names
})

// ending is how a server's callbacks end it.
type ending struct {
	onPurpose      bool // {:stop, :normal | :shutdown | {:shutdown, _}, ...}
	variableReason bool // {:stop, reason, ...} with a reason only known at run time
	onlyIgnore     bool // init/1 returns only :ignore: no process is left to restart
}

func howItEnds(p *analysis.Pass, em *elixir.Module) ending {
	var e ending
	em.Body.Walk(func(n *source.Node) bool {
		if n.Type() != "tuple" {
			return true
		}
		els := elixir.Elements(n)
		if len(els) < 2 || p.File.Slice(els[0]) != ":stop" {
			return true
		}
		switch reason := elixir.Unwrap(els[1]); {
		case normalReason(p.File, reason):
			e.onPurpose = true
		case reason.Type() == "identifier":
			e.variableReason = true
		}
		return true
	})
	inits, returns := 0, 0
	for form := range em.Body.Children() {
		if d, ok := elixir.AsDef(p.File, form); ok && d.Name == "init" && d.Arity() == 1 {
			for _, t := range elixir.Tails(p.File, d.Body) {
				inits++
				if p.File.Slice(t) == ":ignore" {
					returns++
				}
			}
		}
	}
	e.onlyIgnore = inits > 0 && inits == returns
	return e
}

// normalReason reports whether n is an exit reason that is not a crash: :normal,
// :shutdown or {:shutdown, _}.
func normalReason(f *source.File, n *source.Node) bool {
	switch f.Slice(n) {
	case ":normal", ":shutdown":
		return true
	}
	if n.Type() == "tuple" {
		els := elixir.Elements(n)
		return len(els) == 2 && f.Slice(els[0]) == ":shutdown"
	}
	return false
}
