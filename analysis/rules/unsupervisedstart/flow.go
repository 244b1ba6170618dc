package unsupervisedstart

import (
	"strings"

	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/source"
)

// resultVars are the variables holding a start call's result or its pid: the pattern of
// `x = start(...)` / `{:ok, pid} = start(...)`, of `with {:ok, pid} <- start(...)`, and of
// the clauses of `case start(...) do {:ok, pid} -> ...; {:error, _} = e -> ... end`.
func resultVars(f *source.File, call *source.Node) map[string]bool {
	vars := map[string]bool{}
	p := call.Parent()
	if p == nil {
		return vars
	}
	if p.Type() == "binary_operator" && p.Child("right") == call {
		if op := elixir.Operator(p); op == "=" || op == "<-" {
			patternVars(f, p.Child("left"), vars)
		}
		return vars
	}
	if c, ok := caseOn(f, call); ok {
		for clause := range c.DoBlock.Children() {
			if clause.Type() == "stab_clause" {
				patternVars(f, clause.Child("left"), vars)
			}
		}
	}
	return vars
}

// caseOn is the `case` whose subject is n.
func caseOn(f *source.File, n *source.Node) (*elixir.Call, bool) {
	args := n.Parent()
	if args == nil || args.Type() != "arguments" {
		return nil, false
	}
	c, ok := elixir.AsCall(f, args.Parent())
	if !ok || c.Module != "" || c.Name != "case" || c.DoBlock == nil || len(c.Args) == 0 || c.Args[0] != n {
		return nil, false
	}
	return c, true
}

// patternVars adds the variables a pattern binds (not `_x`, not pinned `^x`).
func patternVars(f *source.File, pattern *source.Node, vars map[string]bool) {
	if pattern == nil {
		return
	}
	pattern.Walk(func(n *source.Node) bool {
		if n.Type() == "unary_operator" && elixir.Operator(n) == "^" {
			return false
		}
		if n.Type() == "identifier" {
			if name := f.Slice(n); !strings.HasPrefix(name, "_") && name != "__MODULE__" {
				vars[name] = true
			}
		}
		return true
	})
}

// returnsResult reports whether body returns the start call's result or its pid: the call
// itself is a value body returns, or a returned value is (or is a tuple or list holding)
// a variable bound to the result (`{:ok, pid}`, `{:ok, sup, state}`, `result`, an error
// branch's `error`). Passing the pid to a call (`Agent.get(pid, ...)`) is not returning it.
func returnsResult(f *source.File, body *source.Node, call *source.Node) bool {
	vars := resultVars(f, call)
	for _, t := range elixir.Tails(f, body) {
		if t == call || holdsVar(f, t, vars) {
			return true
		}
	}
	return false
}

// holdsVar reports whether n is one of vars, or a tuple or list with one among its
// elements (at any depth of tuples and lists).
func holdsVar(f *source.File, n *source.Node, vars map[string]bool) bool {
	n = elixir.Unwrap(n)
	switch n.Type() {
	case "identifier":
		return vars[f.Slice(n)]
	case "tuple", "list":
		for _, el := range elixir.Elements(n) {
			if holdsVar(f, el, vars) {
				return true
			}
		}
	}
	return false
}

// noValue reports whether a returned expression never returns: `raise`, `reraise`, `exit`,
// `throw` (a raise is not a value the function returns).
func noValue(f *source.File, n *source.Node) bool {
	c, ok := elixir.AsCall(f, elixir.Unwrap(n))
	if !ok || c.Module != "" && c.Module != "Kernel" {
		return false
	}
	switch c.Name {
	case "raise", "reraise", "exit", "throw":
		return true
	}
	return false
}

// stopNames are the calls that end a process when given its pid: GenServer.stop,
// Agent.stop, Supervisor.stop, Process.exit, a module's own stop/close.
var stopNames = map[string]bool{"stop": true, "close": true, "exit": true, "kill": true}

// stoppedIn reports whether def stops the started process itself: a stop/close/exit call
// on its pid anywhere in the function, `after` blocks included (a scoped process).
func stoppedIn(f *source.File, def *source.Node, pid string) bool {
	if pid == "" {
		return false
	}
	for _, c := range elixir.CallsIn(f, def) {
		if stopNames[c.Name] && len(c.Args) > 0 {
			if a := elixir.Unwrap(c.Args[0]); a.Type() == "identifier" && f.Slice(a) == pid {
				return true
			}
		}
	}
	return false
}

// monitoredIn reports whether def monitors the started process (`Process.monitor(pid)`).
func monitoredIn(f *source.File, def *source.Node, pid string) bool {
	if pid == "" {
		return false
	}
	for _, c := range elixir.CallsIn(f, def) {
		if (c.Qualified() == "Process.monitor" || c.Qualified() == ":erlang.monitor") && len(c.Args) > 0 {
			if a := elixir.Unwrap(c.Args[len(c.Args)-1]); a.Type() == "identifier" && f.Slice(a) == pid {
				return true
			}
		}
	}
	return false
}
