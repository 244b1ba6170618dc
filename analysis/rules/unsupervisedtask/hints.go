package unsupervisedtask

import (
	"slices"
	"strings"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/source"
)

// hint is why a start is reported as Information only: the code shows it manages the
// process's lifecycle itself, or the process cannot belong to a supervisor
// (docs/rules/OTP009.md, "What it deliberately does not flag").
type hint struct {
	reason string
	// keepUnsupervised: moving the process under a Task.Supervisor would be wrong, so no
	// fix is offered.
	keepUnsupervised bool
}

func hintOf(p *analysis.Pass, s start) hint {
	if m := p.Module(s.call.Node); m != nil && implementsPrimitives(m.Name) {
		return hint{m.Name + " implements the process primitives Task.Supervisor is built on", true}
	}
	if s.kind == "Task.async" {
		// A lost task is linked to its caller, so its crash is not silent; what it leaves is
		// its reply and :DOWN messages in the caller's mailbox, which pile up only in a
		// long-lived caller. A process module's functions run in its server; any other
		// function runs in callers this code does not show (a Mix task, a script).
		if em := p.Module(s.call.Node); em == nil || !isProcessModule(p, em) {
			return hint{reason: "the task is linked to its caller, so its crash is not silent, and its unread reply and :DOWN messages pile up only in a long-lived caller, which this module (not a process module) does not show"}
		}
		return hint{}
	}
	if s.kind == "Process.spawn" {
		opts, ok := spawnOptions(p.File, s)
		switch {
		case !ok:
			return hint{reason: "its spawn options are not written here, so whether it is linked is not known"}
		case opts["monitor"]:
			return hint{reason: "it is spawned with :monitor, so the caller is told when it exits"}
		}
	}
	if fun := spawnedFunction(s); fun != nil {
		if pid, ok := watchesCapturedPid(p.File, s, fun); ok {
			return hint{reason: "the spawned function monitors or links " + pid + ", a process it was given"}
		}
		if stop, ok := stopsSystem(p, fun); ok {
			return hint{stop + " runs in it, and a process that stops the system must outlive the supervision tree it stops", true}
		}
	}
	if fn, pid, ok := spawnedDefWatchesArgument(p, s); ok {
		return hint{reason: "the spawned function " + fn + " monitors or links " + pid + ", a process it was given"}
	}
	if how, ok := watchedHere(p.File, s); ok {
		return hint{reason: s.def.ID() + " " + how + " the pid it gets back"}
	}
	if fun := spawnedFunction(s); fun != nil {
		if pid, ok := reportsToWaitingCaller(p, s, fun); ok {
			return hint{reason: "it sends to " + pid + ", the process that spawns it, which " + s.def.ID() + " makes wait for it in a receive with an after: it is part of that call, and its crash costs the caller at most the timeout"}
		}
	}
	if s.inDef && s.def.ID() == "terminate/2" && isCallback(p, s.def) {
		return hint{"it is started from terminate/2, while its owner shuts down and the supervisors may be stopping", true}
	}
	return hint{}
}

// isCallback reports whether d is a process callback: its module is a process module
// (use/@behaviour of a process behaviour), or `@impl` marks the function. A public
// terminate/2 in any other module is an ordinary function its callers run
// (docs/rules/OTP009.md).
func isCallback(p *analysis.Pass, d elixir.Def) bool {
	em := p.Module(d.Node)
	if em == nil {
		return false
	}
	if isProcessModule(p, em) {
		return true
	}
	byID, _ := p.Defs(em)
	clauses := byID[d.ID()]
	return len(clauses) > 0 && em.Body != nil && elixir.ImplBefore(p.File, slices.Collect(em.Body.Children()), clauses[0].Node) != nil
}

// isProcessModule reports whether em's callbacks run in a process of its own
// (index.Module.RunsAsProcess), whose terminate/2 the process calls while it shuts down.
func isProcessModule(p *analysis.Pass, em *elixir.Module) bool {
	m := p.ModuleSummary(em)
	return m != nil && m.RunsAsProcess()
}

// implementsPrimitives reports Elixir's own modules that implement processes and tasks:
// Task.Supervisor is built on them, so they cannot start their processes under one.
func implementsPrimitives(module string) bool {
	switch module {
	case "Kernel", "Process", "Node", "Task":
		return true
	}
	return strings.HasPrefix(module, "Task.")
}

// spawnedFunction is the anonymous function the process runs, nil for spawn(M, f, a).
func spawnedFunction(s start) *source.Node {
	if len(s.call.Args) == 0 {
		return nil
	}
	if fun := elixir.Unwrap(s.call.Args[0]); fun.Type() == "anonymous_function" {
		return fun
	}
	return nil
}

// spawnedDefWatchesArgument reports a process started with (M, f, args) running a
// function of its own module that monitors or links one of its parameters: it watches a
// process it was given, as a spawned closure watching a captured pid does.
func spawnedDefWatchesArgument(p *analysis.Pass, s start) (string, string, bool) {
	args := s.call.Args
	em := p.Module(s.call.Node)
	if len(args) != 3 || em == nil || args[2].Type() != "list" {
		return "", "", false
	}
	if mod := p.File.Slice(args[0]); mod != "__MODULE__" && em.Resolve(mod) != em.Name {
		return "", "", false
	}
	name, ok := elixir.AtomName(p.File, args[1])
	if !ok {
		return "", "", false
	}
	id := elixir.FuncID(name, len(elixir.Elements(args[2])))
	byID, _ := p.Defs(em)
	for _, d := range byID[id] {
		params := map[string]bool{}
		for _, param := range d.Params {
			if param.Type() == "identifier" {
				params[p.File.Slice(param)] = true
			}
		}
		for _, c := range p.CallsIn(d.Node) {
			if pid := watchedArgument(&c); pid != nil && pid.Type() == "identifier" && params[p.File.Slice(pid)] {
				return id, p.File.Slice(pid), true
			}
		}
	}
	return "", "", false
}

// watchesCapturedPid reports a spawned function that monitors or links a pid it captured
// from the function that spawns it (`parent = self(); spawn(fn -> Process.monitor(parent) ...`):
// it watches its owner, and is written to end with it.
func watchesCapturedPid(f *source.File, s start, fun *source.Node) (string, bool) {
	for _, c := range elixir.CallsIn(f, fun) {
		pid := watchedArgument(&c)
		if pid == nil || pid.Type() != "identifier" {
			continue
		}
		name := f.Slice(pid)
		if boundOutside(f, scope(f, s), fun, name) {
			return name, true
		}
	}
	return "", false
}

// reportsToWaitingCaller reports a spawned function that sends to the spawning process
// (`parent = self()` before the spawn) while the spawning function, or a same-module
// function it calls, waits in a receive with an after: a helper process of one call,
// whose crash costs the caller a timeout. Without the after the caller would hang
// forever on the crash, which is reported (docs/rules/OTP009.md).
func reportsToWaitingCaller(p *analysis.Pass, s start, fun *source.Node) (string, bool) {
	if !s.inDef || s.def.Body == nil {
		return "", false
	}
	f := p.File
	pid := ""
	for _, c := range elixir.CallsIn(f, fun) {
		if !(c.Module == "" || c.Module == "Process" || c.Module == "Kernel") || c.Name != "send" || len(c.Args) == 0 {
			continue
		}
		name := f.Slice(c.Args[0])
		if v := elixir.BoundBefore(f, fun, name); c.Args[0].Type() == "identifier" && v != nil && elixir.IsSelfCall(f, v) {
			pid = name
			break
		}
	}
	em := p.Module(s.call.Node)
	if pid == "" || em == nil {
		return "", false
	}
	defs, _ := p.Defs(em)
	waits := false
	elixir.Reach(f, defs, s.def.Body, 2, func(c *elixir.Call, _ []string) bool {
		if receive, after := elixir.Receive(c); receive && after && !fun.Contains(c.Node) {
			waits = true
		}
		return !waits
	})
	return pid, waits
}

// watchedArgument is the pid a monitor or link call watches, nil for other calls.
func watchedArgument(c *elixir.Call) *source.Node {
	switch {
	case c.Module == "Process" && (c.Name == "monitor" || c.Name == "link") && len(c.Args) > 0:
		return c.Args[0]
	case c.Module == ":erlang" && c.Name == "monitor" && len(c.Args) > 1:
		return c.Args[1]
	case c.Module == ":erlang" && c.Name == "link" && len(c.Args) > 0:
		return c.Args[0]
	}
	return nil
}

// boundOutside reports whether variable name appears in scope before fun: it is captured
// from the spawning function, not made inside the new process.
func boundOutside(f *source.File, scope, fun *source.Node, name string) bool {
	found := false
	scope.Walk(func(n *source.Node) bool {
		if found || n.Start() >= fun.Start() {
			return false
		}
		if n.Type() == "identifier" && f.Slice(n) == name {
			found = true
		}
		return !found
	})
	return found
}

// watchedHere reports what the spawning function does with the pid it gets back that
// shows it manages the process: it monitors, links, kills or talks to it.
func watchedHere(f *source.File, s start) (string, bool) {
	if !s.inDef {
		return "", false
	}
	for _, use := range s.value.uses {
		args := use.Parent()
		if args == nil || args.Type() != "arguments" {
			continue
		}
		c, ok := elixir.AsCall(f, args.Parent())
		if !ok {
			continue
		}
		if how := managing(c); how != "" {
			return how, true
		}
	}
	return "", false
}

// managing names what call c does to a pid it is given, "" when it does not manage it.
func managing(c *elixir.Call) string {
	switch c.Module {
	case "Process", ":erlang":
		switch c.Name {
		case "monitor":
			return "monitors"
		case "link":
			return "links"
		case "exit":
			return "stops"
		case "send":
			return "sends to"
		}
	case "":
		if c.Name == "send" {
			return "sends to"
		}
	}
	return ""
}

// stopsSystem reports a spawned function that halts, stops or restarts the VM or an
// application, directly or through one function it calls: under a supervisor it would be
// stopped by the very shutdown it starts.
func stopsSystem(p *analysis.Pass, fun *source.Node) (string, bool) {
	em := p.Module(fun)
	for _, c := range p.CallsIn(fun) {
		if stop := stopping(c.Module, c.Name); stop != "" {
			return stop, true
		}
		if em == nil || p.Index == nil {
			continue
		}
		owner := em.Name
		if c.Module != "" {
			owner = em.Resolve(c.Module)
		}
		if m := p.Index.Module(owner); m != nil {
			from := c.ID()
			for _, inner := range m.Calls {
				if inner.From == from {
					if stop := stopping(inner.Module, inner.Name); stop != "" {
						return c.Qualified() + " (which calls " + stop + ")", true
					}
				}
			}
		}
	}
	return "", false
}

// stopping names the call if it halts, stops or restarts the VM or an application.
func stopping(module, name string) string {
	switch module + "." + name {
	case "System.halt", "System.stop", "System.restart", ":init.stop", ":init.restart", ":erlang.halt", "Application.stop", ":application.stop":
		return module + "." + name
	}
	return ""
}
