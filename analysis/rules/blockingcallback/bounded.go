package blockingcallback

import (
	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/source"
)

// onTerminalPath reports whether the blocking call n sits on a terminal path: a later
// statement of its block, or of a block enclosing it in the same function, ends the
// process, the node or the application (`System.halt(1)`, `raise`, `exit/1`,
// `Process.exit(self(), r)`, a restart of the application), or an earlier one already did
// (`App.restart(); Process.sleep(:infinity)`). No further message is served either way:
// the wait is the last thing the process does, usually so that a client can show an
// error first (docs/rules/OTP003.md). The climb stops at an anonymous function, whose
// body may run any number of times.
func onTerminalPath(p *analysis.Pass, em *elixir.Module, n *source.Node) bool {
	for ; n.Parent() != nil; n = n.Parent() {
		if n.Type() == "anonymous_function" {
			return false
		}
		if _, ok := elixir.AsDef(p.File, n); ok {
			return false
		}
		for _, stmt := range statementsOf(n.Parent()) {
			if stmt != n && endsProcess(p, em, stmt) {
				return true
			}
		}
	}
	return false
}

// statementsOf lists the statements of a block node, nil for any other node.
func statementsOf(n *source.Node) []*source.Node {
	switch n.Type() {
	case "do_block", "body", "else_block", "after_block", "rescue_block", "catch_block":
		return elixir.Exprs(n)
	}
	return nil
}

// endsProcess reports whether statement n ends the process unconditionally: it halts or
// stops the node, raises, exits, kills its own process, or restarts or stops the
// application (restart/stop of a module of the workspace that is an Application).
func endsProcess(p *analysis.Pass, em *elixir.Module, n *source.Node) bool {
	n = elixir.Unwrap(n)
	if n.Type() == "binary_operator" && elixir.Operator(n) == "=" {
		n = elixir.Unwrap(n.Child("right")) // `_ = System.halt(1)`
	}
	c, ok := elixir.AsCall(p.File, n)
	if !ok {
		return false
	}
	module := em.Resolve(c.Module)
	switch module {
	case "":
		return c.Name == "raise" || c.Name == "reraise" || c.Name == "exit" && c.Arity() == 1
	case "Kernel":
		return c.Name == "raise" || c.Name == "reraise" || c.Name == "exit"
	case "System":
		return c.Name == "halt" || c.Name == "stop"
	case ":init":
		return c.Name == "stop" || c.Name == "restart"
	case ":erlang":
		return c.Name == "halt" || c.Name == "exit" && c.Arity() == 1
	case "Process":
		return c.Name == "exit" && c.Arity() == 2 && elixir.IsSelfCall(p.File, c.Args[0])
	}
	// Application.stop(app) may name another application: only the project's own
	// Application module is known to take this process down.
	if c.Name != "restart" && c.Name != "stop" || p.Index == nil {
		return false
	}
	m := p.Index.Module(module)
	return m != nil && m.Is("Application")
}

// awaitsOwnMonitor reports whether the receive c has a clause for the
// `{:DOWN, ^ref, ...}` of a monitor its own function created before it
// (`ref = Process.monitor(pid)`): a monitor always delivers :DOWN once the process ends,
// so the function waits for a process it watches to finish, not for an arbitrary message.
func awaitsOwnMonitor(f *source.File, c *elixir.Call) bool {
	d, ok := elixir.EnclosingDef(f, c.Node)
	if !ok || d.Body == nil {
		return false
	}
	refs := map[string]bool{}
	d.Body.Walk(func(n *source.Node) bool {
		if n.Start() >= c.Node.Start() {
			return false
		}
		if n.Type() == "binary_operator" && elixir.Operator(n) == "=" {
			l, r := n.Child("left"), n.Child("right")
			if l != nil && r != nil && l.Type() == "identifier" && isMonitor(f, elixir.Unwrap(r)) {
				refs[f.Slice(l)] = true
			}
		}
		return true
	})
	if len(refs) == 0 {
		return false
	}
	for clause := range c.DoBlock().Children() {
		if clause.Type() != "stab_clause" {
			continue
		}
		if pattern := elixir.ClausePattern(clause); pattern != nil && downOf(f, pattern, refs) {
			return true
		}
	}
	return false
}

// isMonitor reports whether n is a call that creates a monitor and returns its reference.
func isMonitor(f *source.File, n *source.Node) bool {
	c, ok := elixir.AsCall(f, n)
	return ok && (c.Module == "Process" && c.Name == "monitor" || c.Module == ":erlang" && c.Name == "monitor")
}

// downOf reports whether pattern is `{:DOWN, ^ref, ...}` for one of refs.
func downOf(f *source.File, pattern *source.Node, refs map[string]bool) bool {
	els := elixir.Elements(pattern)
	if pattern.Type() != "tuple" || len(els) != 5 {
		return false
	}
	if tag, _ := elixir.AtomName(f, els[0]); tag != "DOWN" {
		return false
	}
	pin := els[1]
	if pin.Type() != "unary_operator" || elixir.Operator(pin) != "^" {
		return false
	}
	operand := pin.Child("operand")
	return operand != nil && refs[f.Slice(operand)]
}
