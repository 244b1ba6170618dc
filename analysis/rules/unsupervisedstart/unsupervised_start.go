// Package unsupervisedstart is OTP004 unsupervised-start: long-lived processes started
// outside a supervision tree, in Application.start/2 or in ordinary code.
package unsupervisedstart

import (
	"strings"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/source"
)

// Analyzer is OTP004.
var Analyzer = &analysis.Analyzer{
	Code:     "OTP004",
	Name:     "unsupervised-start",
	Title:    "Long-lived process started outside a supervision tree",
	Severity: analysis.Warning,
	InTests:  analysis.OffInTests,
	Doc:      doc,
	Facts:    []*index.FactKind{startMFAFact.Kind()},
	Run:      run,
}

// processModules start processes with start/start_link themselves.
var processModules = map[string]bool{"GenServer": true, ":gen_server": true, "Agent": true, "Supervisor": true, ":supervisor": true, "DynamicSupervisor": true, ":gen_statem": true, "GenStage": true}

// serverBehaviours make a workspace module's start_link start a long-lived process.
var serverBehaviours = []string{"GenServer", "Agent", "Supervisor", "DynamicSupervisor", "GenStage", ":gen_statem"}

// run checks Application.start/2, then every other start call; what is deliberately not
// flagged (root supervisor, start functions, owner pattern, scoped processes) and why is
// in docs/rules/OTP004.md.
func run(p *analysis.Pass) {
	for _, em := range p.Modules {
		if ms := p.ModuleSummary(em); ms != nil && em.Body != nil && ms.Is("Application") {
			if defs, _ := p.Defs(em); len(defs["start/2"]) > 0 {
				for _, d := range defs["start/2"] {
					applicationStart(p, em, d)
				}
			}
		}
	}
	// Starts anywhere else: read from the file's calls, which most files have few of.
	owners := map[*elixir.Module]map[string]bool{}
	calls := p.Calls()
	for i := range calls {
		c := &calls[i]
		if c.Module == "" || c.Name != "start_link" && c.Name != "start" {
			continue
		}
		em := p.Module(c.Node)
		d, inDef := elixir.EnclosingDef(p.File, c.Node)
		if em == nil || !inDef || strings.HasPrefix(em.Name, "Mix.Tasks.") {
			continue
		}
		ms := p.ModuleSummary(em)
		switch {
		case ms == nil:
			continue
		case ms.Is("Application") && d.Name == "start" && d.Arity() == 2:
			continue // applicationStart's
		case startFunctions[d.Name]:
			continue // wrapping a start is how a process is made startable by a supervisor
		case d.Name == "init" && d.Arity() == 1 && (ms.Is("Supervisor") || ms.Is("DynamicSupervisor")):
			continue
		}
		if _, handed := elixir.HandedOff(p.File, c.Node, d.Node); handed {
			continue // inside a task: OTP009's business
		}
		if runsElsewhere(p.File, c.Node, d.Node) {
			continue // quoted code, or a function handed to another module: not run here
		}
		sc, ok := asStart(p, em, c.Node)
		if !ok {
			continue
		}
		bindPid(p.File, &sc)
		if stoppedIn(p.File, d.Node, c.Node, sc.pid) {
			continue // a scoped process, stopped before the function returns
		}
		owner, known := owners[em]
		if !known {
			owner = ownerCode(ms)
			owners[em] = owner
		}
		// Code a server runs is judged by the owner pattern: what its callbacks return
		// goes to the server machinery, not to a caller who would own the process.
		if !owner[d.ID()] {
			if returnsResult(p.File, d.Body, c.Node) {
				continue // a start function under another name: its caller owns the process
			}
			if returnsPid(p.File, d.Body, c.Node) && stopsProcesses(ms) {
				continue // handed to a caller in this module, which stops it
			}
			if p.Index != nil && startMFAView.Of(p.Index)[em.Name+"."+d.Name] {
				continue // a child spec's `start:`: a supervisor calls it
			}
		}
		ordinaryStart(p, em, d, sc, owner[d.ID()])
	}
}

// startFunctions are the names of start functions: a supervisor, or the caller that owns
// the process, calls them (`start_link!`/`start!` return the pid or raise).
var startFunctions = map[string]bool{"start_link": true, "start": true, "child_spec": true, "start_link!": true, "start!": true}

// inPlaceModules run a function given to them in the caller's process, before returning
// (`Enum.map(xs, fn x -> ... end)`).
var inPlaceModules = map[string]bool{"Enum": true, "Stream": true, "Map": true, "List": true, "Keyword": true, "MapSet": true, "Kernel": true, "Access": true, "Function": true, "Range": true, "Tuple": true, ":lists": true, ":maps": true}

// runsElsewhere reports whether the start call n, written in def, does not run when def
// runs: it is quoted code (`quote do ... end` runs where the quote is evaluated, as a
// `use` in the caller's module or shell), or it lies in a function (`fn`, a capture)
// passed as an argument to another module's function, which decides where and when to
// call it: often in a process of its own, after setting it up (docs/rules/OTP004.md).
func runsElsewhere(f *source.File, n, def *source.Node) bool {
	for p := n; p != nil && p != def; p = p.Parent() {
		if c, ok := elixir.AsCall(f, p); ok && c.Module == "" && c.Name == "quote" {
			return true
		}
		if !elixir.IsFun(p) || p.Parent() == nil || p.Parent().Type() != "arguments" {
			continue
		}
		if c, ok := elixir.AsCall(f, p.Parent().Parent()); ok && c.Module != "" && !inPlaceModules[c.Module] {
			return true
		}
	}
	return false
}

// stopsProcesses reports whether the module stops processes itself (`GenServer.stop`,
// `Agent.stop`, `Supervisor.stop`, `M.stop` of a server module...): a pid its function
// hands back is then scoped to the caller that stops it.
func stopsProcesses(ms *index.Module) bool {
	for _, c := range ms.Calls {
		if c.Name == "stop" && (processModules[c.Module] || c.Module == ms.Name) {
			return true
		}
	}
	return false
}

// startCall is a call that starts a long-lived process, with the pid variable it binds.
type startCall struct {
	call     *elixir.Call
	resolved string // the called module, aliases resolved: "Supervisor", "Shop.Clock"
	module   string // the process module: M for M.start_link, the first argument of GenServer.start_link
	pid      string // `{:ok, pid} = ...`; "" when not bound
	stmt     *source.Node
	// linked: start_link, or a start given `spawn_opt: [:link]` (linked all the same).
	linked bool
}

// asStart reads n as a start call: GenServer/Agent/Supervisor start functions, or
// start/start_link of a workspace module that is a server or supervisor.
func asStart(p *analysis.Pass, em *elixir.Module, n *source.Node) (startCall, bool) {
	c, ok := elixir.AsCall(p.File, n)
	if !ok || c.Module == "" || c.Name != "start_link" && c.Name != "start" {
		return startCall{}, false
	}
	module := resolveModule(p.File, em, c.Module)
	sc := startCall{call: c, resolved: module, module: module, linked: c.Name == "start_link" || spawnsLinked(p.File, c)}
	if processModules[module] {
		if len(c.Args) > 0 {
			if m := em.Resolve(elixir.ModuleName(p.File, elixir.Unwrap(c.Args[0]))); m != "" && (c.Args[0].Type() == "alias" || m == em.Name) {
				sc.module = m
			}
		}
		return sc, true
	}
	if p.Index == nil {
		return startCall{}, false
	}
	m := p.Index.Module(module)
	if m == nil {
		return startCall{}, false
	}
	underSupervisor, linked := wrapperStarts(m, elixir.FuncID(c.Name, c.Arity()))
	if underSupervisor {
		return startCall{}, false
	}
	sc.linked = sc.linked || linked
	for _, b := range serverBehaviours {
		if m.Is(b) {
			return sc, true
		}
	}
	return startCall{}, false
}

// wrapperStarts reads what m's function id starts. underSupervisor: it is a wrapper of a
// supervisor's start_child (`def start(t), do: DynamicSupervisor.start_child(Rooms,
// {__MODULE__, t})`) that starts no process itself, so it starts its process under a
// running supervisor, not outside one (a wrapper that also starts a process itself is
// still read as a start). linked: a process it starts itself is started with start_link
// (`def start(opts), do: GenServer.start_link(__MODULE__, opts)`): a wrapper's name does
// not say what it calls.
func wrapperStarts(m *index.Module, id string) (underSupervisor, linked bool) {
	child, starts := false, false
	for _, c := range m.Calls {
		if c.From != id || c.Detached {
			continue
		}
		switch {
		case c.Name == "start_child":
			child = true
		case processModules[c.Module] && (c.Name == "start" || c.Name == "start_link"):
			starts = true
			linked = linked || c.Name == "start_link"
		}
	}
	return child && !starts, linked
}

// spawnsLinked reports whether a start call passes `spawn_opt: [..., :link, ...]`: the
// process is then linked to the caller, as with start_link.
func spawnsLinked(f *source.File, c *elixir.Call) bool {
	if len(c.Args) == 0 {
		return false
	}
	opts := elixir.KeywordValue(f, c.Args[len(c.Args)-1], "spawn_opt")
	if opts == nil || elixir.Unwrap(opts).Type() != "list" {
		return false
	}
	for _, el := range elixir.Elements(elixir.Unwrap(opts)) {
		if f.Slice(el) == ":link" {
			return true
		}
	}
	return false
}

// resolveModule is the module a call's module as written names: aliases and __MODULE__
// resolved, and a module attribute (`@worker.start_link()`) read from its `@worker Mod`.
func resolveModule(f *source.File, em *elixir.Module, written string) string {
	attr, ok := strings.CutPrefix(written, "@")
	if !ok || em.Body == nil {
		return em.Resolve(written)
	}
	for form := range em.Body.Children() {
		if name, value, ok := elixir.Attribute(f, form); ok && name == attr && value != nil && elixir.Unwrap(value).Type() == "alias" {
			return em.Resolve(elixir.ModuleName(f, elixir.Unwrap(value)))
		}
	}
	return written
}

// startsIn lists the start calls in body that run in its own process, with the pid each
// binds (`{:ok, pid} = M.start_link(...)`).
func startsIn(p *analysis.Pass, em *elixir.Module, body *source.Node) []startCall {
	var out []startCall
	if body == nil {
		return nil
	}
	body.Walk(func(n *source.Node) bool {
		if c, ok := elixir.AsCall(p.File, n); ok && elixir.StartsProcess(c.Module, c.Name) {
			return false // inside a task: OTP009's business
		}
		sc, ok := asStart(p, em, n)
		if !ok {
			return true
		}
		bindPid(p.File, &sc)
		out = append(out, sc)
		return true
	})
	return out
}

// bindPid reads the statement a start call is written in, and the pid it binds
// (`{:ok, pid} = M.start_link(...)`).
func bindPid(f *source.File, sc *startCall) {
	n := sc.call.Node
	sc.stmt = n
	if eq := n.Parent(); eq != nil && eq.Type() == "binary_operator" && elixir.Operator(eq) == "=" && eq.Child("right") == n {
		sc.stmt = eq
		if l := elixir.Unwrap(eq.Child("left")); l.Type() == "tuple" {
			if els := elixir.Elements(l); len(els) == 2 && f.Slice(els[0]) == ":ok" && els[1].Type() == "identifier" && !strings.HasPrefix(f.Slice(els[1]), "_") {
				sc.pid = f.Slice(els[1])
			}
		}
	}
}

// bookkeeping is a statement storing pids by hand: `:ets.insert`, `:persistent_term.put`,
// `Application.put_env`, `Process.register`.
func bookkeeping(f *source.File, n *source.Node, pids map[string]bool) (string, bool) {
	c, ok := elixir.AsCall(f, n)
	if !ok {
		return "", false
	}
	switch c.Qualified() {
	case ":ets.insert", ":persistent_term.put", "Application.put_env", "Process.register", ":global.register_name":
	default:
		return "", false
	}
	return elixir.FuncID(c.Qualified(), c.Arity()), elixir.UsesAny(f, n, pids)
}

// bookkeepingNote names the pid bookkeeping in body for the message.
func bookkeepingNote(f *source.File, body *source.Node, pid string) string {
	if pid == "" {
		return ""
	}
	var found []string
	seen := map[string]bool{}
	for _, e := range elixir.Exprs(body) {
		if what, ok := bookkeeping(f, e, map[string]bool{pid: true}); ok && !seen[what] {
			seen[what] = true
			found = append(found, what)
		}
	}
	if len(found) == 0 {
		return ""
	}
	return " (its pid is then tracked by hand with " + strings.Join(found, ", ") + ")"
}

// applicationStart: starts beside the root supervisor, and a start/2 that returns no
// supervisor at all. The root is the supervisor start whose result start/2 returns,
// however it flows there: returned as is, bound and returned, or matched in a `case` or
// `with` whose branches return the pid, `{:ok, pid, state}` or the bound error. When there
// is one, the other branches (an abort, a raise, cleanup before returning the error) are
// error handling, not a missing supervision tree.
func applicationStart(p *analysis.Pass, em *elixir.Module, d elixir.Def) {
	f := p.File
	starts := startsIn(p, em, d.Body)
	root := map[*source.Node]bool{}
	for _, sc := range starts {
		if isSupervisorStart(p, sc) && returnsResult(f, d.Body, sc.call.Node) {
			root[sc.call.Node] = true
		}
	}
	fx, fixable := applicationFix(p, em, d, starts, root)
	for _, sc := range starts {
		if root[sc.call.Node] {
			continue
		}
		if !sc.linked {
			// Started unlinked on purpose, beside the tree: a start with no link is the
			// author's choice not to go down with anything (an output process that must
			// outlive the tree's crash, say), which the code cannot show to be wrong.
			diag := p.Report(sc.call.Node, "%s in %s.start/2 starts a process linked to no other process, beside the supervision tree rather than in it%s: a crash of the tree leaves it running, and if it crashes itself nothing restarts it (the crash is logged)",
				startName(sc), em.Name, bookkeepingNote(f, d.Body, sc.pid))
			diag.Severity = analysis.Information
			continue
		}
		diag := p.Report(sc.call.Node, "%s in %s.start/2 starts a process outside the supervision tree%s: if it crashes it stays dead, and nothing stops it in order when the application stops",
			startName(sc), em.Name, bookkeepingNote(f, d.Body, sc.pid))
		if fixable {
			diag.Fixes = append(diag.Fixes, fx)
		}
	}
	if len(root) > 0 || d.Body == nil {
		return
	}
	for _, t := range elixir.Tails(f, d.Body) {
		if _, ok := asStart(p, em, t); ok || noValue(f, t) {
			continue // a start is reported above; a raise returns nothing
		}
		diag := p.Report(t, "%s.start/2 returns %s instead of a supervisor's start result: the application has no supervision tree, so nothing restarts its processes", em.Name, strings.Join(strings.Fields(f.Slice(t)), " "))
		if fixable && len(starts) > 0 {
			diag.Fixes = append(diag.Fixes, fx)
		}
	}
}

// isSupervisorStart reports whether a start call starts a supervisor.
func isSupervisorStart(p *analysis.Pass, sc startCall) bool {
	switch sc.resolved {
	case "Supervisor", ":supervisor", "DynamicSupervisor":
		return true
	}
	if p.Index == nil {
		return false
	}
	m := p.Index.Module(sc.module)
	return m != nil && (m.Is("Supervisor") || m.Is("DynamicSupervisor"))
}

// ordinaryStart reports a start call in a function other than a start function, at
// Information: on real code every such start was owned by a supervised process, scoped,
// or handed to a supervisor in ways the code does not show (docs/rules/OTP004.md). In the
// code of a process module's callbacks (inOwner) a linked start is the owner pattern and
// is not reported at all.
func ordinaryStart(p *analysis.Pass, em *elixir.Module, d elixir.Def, sc startCall, inOwner bool) {
	if sc.resolved == "Supervisor" && sc.call.Name == "start_link" && sc.module == em.Name {
		return // a supervisor module's own start, written in a helper
	}
	what, where, note := startName(sc), d.ID(), bookkeepingNote(p.File, d.Body, sc.pid)
	var diag *analysis.Diagnostic
	switch {
	case inOwner && sc.linked:
		return // the owner pattern: it goes down with the server that started it
	case inOwner && monitoredIn(p.File, d.Node, sc.pid):
		diag = p.Report(sc.call.Node, "%s in %s starts a process this server monitors but is not linked to%s: the server sees it stop, but it outlives the server unless it watches the server in turn; start it with start_link, or under a supervisor",
			what, where, note)
	case inOwner:
		diag = p.Report(sc.call.Node, "%s in %s starts a process linked to no other process%s: it outlives this server, and after a crash (which is logged) nothing restarts it; start it with start_link (it then goes down with this server) or under a supervisor",
			what, where, note)
	case sc.linked:
		diag = p.Report(sc.call.Node, "%s in %s starts a process no supervisor knows about%s: it is linked to the process that calls %s and dies with it, and nothing restarts it after a crash; unless that caller is a supervised process that owns it, add it to a supervisor's children or start it with DynamicSupervisor.start_child/2",
			what, where, note, where)
	default:
		diag = p.Report(sc.call.Node, "%s in %s starts a process no supervisor knows about%s: it is linked to no process, so it outlives the code that started it and nothing restarts it after a crash (which is logged); add it to a supervisor's children or start it with DynamicSupervisor.start_child/2",
			what, where, note)
	}
	diag.Severity = analysis.Information
}

// startName is the start call with its module resolved (aliases, __MODULE__, attributes):
// `Shop.Clock.start_link/1`, `GenServer.start/3`.
func startName(sc startCall) string {
	return elixir.FuncID(sc.resolved+"."+sc.call.Name, sc.call.Arity())
}
