// Package tasktimeout is OTP018 task-timeout: a stream of tasks, or an await, left on the
// default 5-second timeout around work that can take longer, so that one slow item exits
// the caller.
package tasktimeout

import (
	"fmt"
	"strings"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/source"
)

// Analyzer is OTP018.
var Analyzer = &analysis.Analyzer{
	Code:     "OTP018",
	Name:     "task-timeout",
	Title:    "Task stream or await left on the default 5 s timeout around slow work",
	Severity: analysis.Warning,
	InTests:  analysis.OffInTests,
	Doc:      doc,
	Options:  []analysis.OptionDecl{timeoutOption},
	Run:      run,
}

var timeoutOption = analysis.IntOption("timeout", 30_000, "the timeout, in milliseconds, the fix writes "+
	"(`timeout: 30_000, on_timeout: :kill_task` for a stream, `Task.await(task, 30_000)`).")

// maxDepth is how far through same-module helpers the tasks' work is followed, as for
// OTP003 (docs/rules/OTP018.md).
const maxDepth = 3

// defaultTimeout is Task's default timeout, in milliseconds.
const defaultTimeout = 5_000

// wait is a call that waits for tasks on the default timeout.
type wait struct {
	call *elixir.Call
	// stream: Task.async_stream and Task.Supervisor.async_stream(_nolink); otherwise an
	// await (Task.await/1, Task.await_many/1).
	stream bool
	opts   *source.Node // a stream's literal options, nil when it has none
	// work are the functions whose work the wait bounds: the stream's function (a `fn`, a
	// capture, or the module and function of the MFA form), or the awaited tasks'.
	work []*source.Node
	mfa  *mfa
	// capture is `&Task.await/1` (or await_many) passed to Enum.map/each over the tasks;
	// call is then that Enum call.
	capture *source.Node
}

// mfa is a stream's `module, :function, args` form.
type mfa struct {
	module, name string
	arity        int
}

// slow is the first call of the tasks' work that can outlast the default timeout.
type slow struct {
	call  *source.Node
	what  string
	chain []string
	// local: file I/O on a local file system, which rarely takes seconds.
	local bool
}

func run(p *analysis.Pass) {
	calls := p.Calls()
	for i := range calls {
		c := &calls[i]
		if !maybeWait(c) {
			continue
		}
		em := p.Module(c.Node)
		resolve := func(m string) string { return m }
		if em != nil {
			resolve = em.Resolve
		}
		w, ok := readWait(p, c, resolve)
		if !ok || !elixir.InExpression(p.File, c.Node) {
			continue
		}
		var defs map[string][]elixir.Def
		if em != nil {
			defs, _ = p.Defs(em)
		}
		s, ok := slowWork(p, em, defs, w, resolve)
		if !ok {
			continue
		}
		report(p, em, c, w, s)
	}
	if strings.Contains(p.File.Text, "&Task.await") {
		for _, n := range p.Nodes("unary_operator") {
			checkCapturedAwait(p, n)
		}
	}
}

// checkCapturedAwait reads n as `Enum.map(tasks, &Task.await/1)` (each, or await_many): an
// await on the default timeout of every task in tasks.
func checkCapturedAwait(p *analysis.Pass, n *source.Node) {
	f := p.File
	module, name, arity, ok := capturedFunction(f, n)
	if !ok || arity != 1 || name != "await" && name != "await_many" {
		return
	}
	em := p.Module(n)
	if em != nil {
		module = em.Resolve(module)
	}
	consumer, ok := enumOver(f, n)
	if module != "Task" || !ok {
		return
	}
	w := wait{call: consumer, capture: n, work: awaitedWork(f, consumer.Args[0], consumer.Node)}
	if len(w.work) == 0 || !elixir.InExpression(f, n) {
		return
	}
	var defs map[string][]elixir.Def
	resolve := func(m string) string { return m }
	if em != nil {
		defs, _ = p.Defs(em)
		resolve = em.Resolve
	}
	if s, ok := slowWork(p, em, defs, w, resolve); ok {
		report(p, em, consumer, w, s)
	}
}

// capturedOver is the Enum.map or Enum.each call whose function is a capture of c applied
// to its argument (`Enum.map(tasks, &Task.await(&1))`): c awaits each of the tasks.
func capturedOver(f *source.File, c *elixir.Call) (*elixir.Call, bool) {
	arg, capture := elixir.Unwrap(c.Args[0]), c.Node.Parent()
	if arg.Type() != "unary_operator" || f.Slice(arg) != "&1" || capture == nil || capture.Type() != "unary_operator" || elixir.Operator(capture) != "&" {
		return nil, false
	}
	return enumOver(f, capture)
}

// enumOver is the Enum.map or Enum.each call fun is the function of.
func enumOver(f *source.File, fun *source.Node) (*elixir.Call, bool) {
	consumer, i, ok := elixir.ArgumentOf(f, fun)
	if !ok || i != 1 || consumer.Module != "Enum" || consumer.Name != "map" && consumer.Name != "each" {
		return nil, false
	}
	return consumer, true
}

// capturedFunction reads a capture of a named function: `&fetch/1` (module "") or
// `&Req.get!/1`, the module as written.
func capturedFunction(f *source.File, fun *source.Node) (module, name string, arity int, ok bool) {
	if fun.Type() != "unary_operator" || elixir.Operator(fun) != "&" {
		return "", "", 0, false
	}
	op := fun.Child("operand")
	if op == nil || op.Type() != "binary_operator" || elixir.Operator(op) != "/" {
		return "", "", 0, false
	}
	target, n := op.Child("left"), op.Child("right")
	if target == nil || n == nil || n.Type() != "integer" {
		return "", "", 0, false
	}
	fmt.Sscan(f.Slice(n), &arity)
	switch target.Type() {
	case "identifier":
		return "", f.Slice(target), arity, true
	case "call":
		dot := target.Child("target")
		if dot == nil || dot.Type() != "dot" || dot.Child("left") == nil || dot.Child("right") == nil {
			return "", "", 0, false
		}
		return elixir.ModuleName(f, dot.Child("left")), f.Slice(dot.Child("right")), arity, true
	}
	return "", "", 0, false
}

// maybeWait is a cheap first look at a call, by name, before anything is resolved.
func maybeWait(c *elixir.Call) bool {
	switch c.Name {
	case "async_stream", "async_stream_nolink", "await", "await_many":
		return c.Module != ""
	}
	return false
}

// readWait reads call c as a wait on the default timeout. ok is false when c is not one,
// sets a timeout, passes options that cannot be read, or says `on_timeout: :kill_task`
// (a slow item then yields `{:exit, :timeout}` instead of exiting the caller).
func readWait(p *analysis.Pass, c *elixir.Call, resolve func(string) string) (wait, bool) {
	f := p.File
	module := resolve(c.Module)
	w := wait{call: c}
	switch {
	case module == "Task" && (c.Name == "await" || c.Name == "await_many"):
		if c.Arity() != 1 {
			return wait{}, false // a timeout is given
		}
		awaited, at := c.Args[0], c.Node
		if consumer, ok := capturedOver(f, c); ok {
			awaited, at = consumer.Args[0], consumer.Node // `Enum.map(tasks, &Task.await(&1))`
		}
		w.work = awaitedWork(f, awaited, at)
		return w, len(w.work) > 0
	case module == "Task" && c.Name == "async_stream",
		module == "Task.Supervisor" && (c.Name == "async_stream" || c.Name == "async_stream_nolink"):
	default:
		return wait{}, false
	}
	w.stream = true
	first := 1 // the enumerable comes first, after Task.Supervisor's supervisor
	if module == "Task.Supervisor" {
		first = 2
	}
	var optsAt int
	switch c.Arity() - first {
	case 1, 2: // fun[, opts]
		w.work = []*source.Node{c.Args[first]}
		optsAt = first + 1
	case 3, 4: // module, function, args[, opts]
		m, name := elixir.Unwrap(c.Args[first]), c.Args[first+1]
		fun, ok := elixir.AtomName(f, name)
		args := elixir.Unwrap(c.Args[first+2])
		named := m.Type() == "alias" || m.Type() == "atom" || m.Type() == "identifier" && f.Slice(m) == "__MODULE__"
		if !ok || !named || args.Type() != "list" {
			return wait{}, false
		}
		w.mfa = &mfa{module: resolve(elixir.ModuleName(f, m)), name: fun, arity: len(elixir.Elements(args)) + 1}
		optsAt = first + 3
	default:
		return wait{}, false
	}
	if optsAt < c.Arity() {
		opts := elixir.Unwrap(c.Args[optsAt])
		if opts.Type() != "keywords" && opts.Type() != "list" {
			return wait{}, false // options built elsewhere: a timeout may be among them
		}
		for _, pair := range elixir.Pairs(f, opts) {
			switch pair.Key {
			case "timeout":
				return wait{}, false
			case "on_timeout":
				if v, _ := elixir.AtomName(f, pair.Value); v == "kill_task" {
					return wait{}, false
				}
			}
		}
		if len(elixir.Pairs(f, opts)) != len(elixir.Elements(opts)) {
			return wait{}, false // something else than `key: value` pairs
		}
		w.opts = opts
	}
	return w, true
}

// awaitedWork is the functions of the tasks an await (at) waits for: those handed to
// `Task.async`, `Task.Supervisor.async` or `async_nolink` in the awaited expression awaited,
// read through the variable it names when that variable is bound earlier in the same
// function (`task = Task.async(fn -> ... end)`).
func awaitedWork(f *source.File, awaited, at *source.Node) []*source.Node {
	src := elixir.Unwrap(awaited)
	if src.Type() == "identifier" {
		src = elixir.Unwrap(elixir.BoundBefore(f, at, f.Slice(src)))
		if src == nil {
			return nil
		}
	}
	var out []*source.Node
	for _, a := range elixir.CallsIn(f, src) {
		if !startsTask(a) {
			continue
		}
		for _, arg := range a.Args {
			if elixir.IsFun(arg) {
				out = append(out, arg)
			}
		}
	}
	return out
}

// startsTask reports whether a is a Task.async, Task.Supervisor.async or async_nolink
// whose result is awaited.
func startsTask(a elixir.Call) bool {
	switch a.Module {
	case "Task":
		return a.Name == "async"
	case "Task.Supervisor":
		return a.Name == "async" || a.Name == "async_nolink"
	}
	return false
}

// slowWork finds the first call in the wait's work that can outlast the default timeout:
// the blocking calls of OTP003, the slow work of OTP007 (file I/O, a database call through
// an Ecto repo), a GenServer.call allowed more than 5 s, followed through same-module
// helpers and captures (docs/rules/OTP018.md).
func slowWork(p *analysis.Pass, em *elixir.Module, defs map[string][]elixir.Def, w wait, resolve func(string) string) (slow, bool) {
	if w.mfa != nil {
		if em != nil && w.mfa.module == em.Name {
			for _, d := range defs[elixir.FuncID(w.mfa.name, w.mfa.arity)] {
				if s, ok := slowIn(p, defs, d.Body, resolve, []string{d.ID()}); ok {
					return s, true
				}
			}
			return slow{}, false
		}
		if what, local, ok := isSlow(p.File, w.mfa.module, w.mfa.name, w.mfa.arity, nil); ok {
			return slow{call: w.call.Args[len(w.call.Args)-1], what: what, local: local}, true
		}
		return slow{}, false
	}
	for _, fun := range w.work {
		if s, ok := slowCapture(p, em, defs, fun, resolve); ok {
			return s, true
		}
		if s, ok := slowIn(p, defs, fun, resolve, nil); ok {
			return s, true
		}
	}
	return slow{}, false
}

// slowCapture reads a capture of a named function, `&fetch/1` or `&HTTPoison.get/1`.
func slowCapture(p *analysis.Pass, em *elixir.Module, defs map[string][]elixir.Def, fun *source.Node, resolve func(string) string) (slow, bool) {
	module, name, n, ok := capturedFunction(p.File, fun)
	if !ok {
		return slow{}, false
	}
	if module != "" {
		module = resolve(module)
	}
	if module == "" || em != nil && module == em.Name {
		id := elixir.FuncID(name, n)
		for _, d := range defs[id] {
			if s, ok := slowIn(p, defs, d.Body, resolve, []string{id}); ok {
				return s, true
			}
		}
		return slow{}, false
	}
	if what, local, ok := isSlow(p.File, module, name, n, nil); ok {
		return slow{call: fun, what: what, local: local}, true
	}
	return slow{}, false
}

// slowIn walks body and the same-module helpers it calls (Reach: work handed to yet
// another process is left out) for a slow call.
func slowIn(p *analysis.Pass, defs map[string][]elixir.Def, body *source.Node, resolve func(string) string, chain []string) (slow, bool) {
	if body == nil {
		return slow{}, false
	}
	var found slow
	ok := false
	elixir.Reach(p.File, defs, body, maxDepth-len(chain), func(c *elixir.Call, via []string) bool {
		if ok {
			return false
		}
		if what, local, is := isSlow(p.File, resolve(c.Module), c.Name, c.Arity(), c); is {
			found, ok = slow{call: c.Node, what: what, chain: append(append([]string(nil), chain...), via...), local: local}, true
			return false
		}
		return true
	})
	return found, ok
}

// isSlow reports whether a call can outlast the default timeout. c, when known, is the
// call itself (its arguments tell a GenServer.call's timeout).
func isSlow(f *source.File, module, name string, arity int, c *elixir.Call) (what string, local, ok bool) {
	if (module == "GenServer" || module == ":gen_server") && name == "call" {
		if c == nil || arity < 3 || !longerThanDefault(f, c.Args[2]) {
			// On its own 5 s default the call exits the task about when the stream's
			// timeout would: the stream's timeout is not what ends it.
			return "", false, false
		}
		return elixir.FuncID(module+"."+name, arity), false, true
	}
	what, ok = elixir.SlowWork(module, name, arity)
	if !ok {
		return "", false, false
	}
	if name == "sleep" && c != nil && len(c.Args) == 1 && !longerThanDefault(f, c.Args[0]) && elixir.Unwrap(c.Args[0]).Type() == "integer" {
		return "", false, false // a pause shorter than the timeout: `Process.sleep(100)`
	}
	_, blocking := elixir.Blocking(module, name)
	local = !blocking && (module == "File" || module == ":file" || module == "IO")
	return elixir.FuncID(what, arity), local, true
}

// longerThanDefault reports whether a timeout (or a sleep) allows more than 5 s:
// `:infinity` or an integer literal above 5000.
func longerThanDefault(f *source.File, t *source.Node) bool {
	t = elixir.Unwrap(t)
	if name, ok := elixir.AtomName(f, t); ok {
		return name == "infinity"
	}
	if t.Type() != "integer" {
		return false
	}
	n := 0
	fmt.Sscan(strings.ReplaceAll(f.Slice(t), "_", ""), &n)
	return n > defaultTimeout
}

func report(p *analysis.Pass, em *elixir.Module, c *elixir.Call, w wait, s slow) {
	name := elixir.FuncID(c.Qualified(), c.Arity())
	if em != nil {
		name = elixir.FuncID(em.Resolve(c.Module)+"."+c.Name, c.Arity())
	}
	start, end := c.Node.Start(), c.NameNode().End()
	if w.capture != nil {
		_, fun, arity, _ := capturedFunction(p.File, w.capture)
		name = elixir.FuncID("Task."+fun, arity)
		start, end = w.capture.Start(), w.capture.End()
	}
	where := ""
	if d, ok := elixir.EnclosingDef(p.File, c.Node); ok && em != nil {
		where = " in " + em.Name + "." + d.ID()
	}
	via := ""
	if len(s.chain) > 0 {
		via = " (via " + strings.Join(s.chain, " -> ") + ")"
	}
	var diag *analysis.Diagnostic
	if w.stream {
		diag = p.ReportRange(start, end,
			"%s%s keeps the default 5 s timeout per item (on_timeout: :exit), but its function calls %s%s, which can take longer: one slow item exits the caller",
			name, where, s.what, via)
	} else {
		diag = p.ReportRange(start, end,
			"%s%s keeps the default 5 s timeout, but the awaited task calls %s%s, which can take longer: a slow run exits the caller",
			name, where, s.what, via)
	}
	diag.Related = append(diag.Related, analysis.Related{Loc: p.Loc(s.call), Message: "the work that can outlast 5 s"})
	if s.local {
		// Local file work takes milliseconds unless the files are huge or the file system
		// is remote: the 5 s default rarely bites (docs/rules/OTP018.md).
		diag.Severity = analysis.Information
	}
	if fx, ok := fix(p, c, w, timeoutOption.Get(p)); ok {
		diag.Fixes = append(diag.Fixes, fx)
	}
}
