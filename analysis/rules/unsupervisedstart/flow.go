package unsupervisedstart

import (
	"strings"

	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/source"
)

// resultVars are the variables holding a start call's result (whole: `x = start(...)`,
// `{:error, _} = e ->`) and those holding a part of it (`{:ok, pid} = start(...)`), read
// from `=`, `with ... <-` and the clauses of `case start(...) do`.
func resultVars(f *source.File, call *source.Node) (whole, part map[string]bool) {
	whole, part = map[string]bool{}, map[string]bool{}
	p := call.Parent()
	if p == nil {
		return whole, part
	}
	if p.Type() == "binary_operator" && p.Child("right") == call {
		if op := elixir.Operator(p); op == "=" || op == "<-" {
			splitPattern(f, p.Child("left"), whole, part)
		}
		return whole, part
	}
	if c, ok := caseOn(f, call); ok {
		for clause := range c.DoBlock().Children() {
			if clause.Type() != "stab_clause" {
				continue
			}
			if left := clause.Child("left"); left != nil {
				for _, pat := range left.NamedChildren() {
					splitPattern(f, pat, whole, part)
				}
			}
		}
	}
	return whole, part
}

// boundVars are all the variables bound to a start call's result or a part of it.
func boundVars(f *source.File, call *source.Node) map[string]bool {
	whole, part := resultVars(f, call)
	for k := range whole {
		part[k] = true
	}
	return part
}

// splitPattern adds a pattern's variables: a bare variable, or either side of
// `pattern = var`, holds the whole value; the others hold parts of it.
func splitPattern(f *source.File, pat *source.Node, whole, part map[string]bool) {
	pat = elixir.Unwrap(pat)
	if pat == nil {
		return
	}
	if pat.Type() == "binary_operator" && elixir.Operator(pat) == "when" {
		pat = elixir.Unwrap(pat.Child("left"))
	}
	switch {
	case pat.Type() == "identifier":
		patternVars(f, pat, whole)
	case pat.Type() == "binary_operator" && elixir.Operator(pat) == "=":
		splitPattern(f, pat.Child("left"), whole, part)
		splitPattern(f, pat.Child("right"), whole, part)
	default:
		patternVars(f, pat, part)
	}
}

// caseOn is the `case` whose subject is n.
func caseOn(f *source.File, n *source.Node) (*elixir.Call, bool) {
	args := n.Parent()
	if args == nil || args.Type() != "arguments" {
		return nil, false
	}
	c, ok := elixir.AsCall(f, args.Parent())
	if !ok || c.Module != "" || c.Name != "case" || c.DoBlock() == nil || len(c.Args) == 0 || c.Args[0] != n {
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

// returnsResult reports whether body returns the start call's result: the call itself is
// a value body returns, or a returned value is a variable bound to the whole result
// (`result`, an error branch's `error`) or an `{:ok, ...}`/`{:error, ...}` tuple built
// from its parts (`{:ok, pid}`, `{:ok, sup, state}`). A bare pid is not a start result.
func returnsResult(f *source.File, body *source.Node, call *source.Node) bool {
	whole, _ := resultVars(f, call)
	vars := boundVars(f, call)
	for _, t := range elixir.Tails(f, body) {
		if t == call || holdsVar(f, t, whole) && elixir.Unwrap(t).Type() == "identifier" || resultTuple(f, t, vars) {
			return true
		}
	}
	return false
}

// resultTuple reports whether n is `{:ok, ...}` or `{:error, ...}` holding one of vars.
func resultTuple(f *source.File, n *source.Node, vars map[string]bool) bool {
	n = elixir.Unwrap(n)
	if n.Type() != "tuple" {
		return false
	}
	els := elixir.Elements(n)
	if len(els) < 2 || f.Slice(els[0]) != ":ok" && f.Slice(els[0]) != ":error" {
		return false
	}
	return holdsVar(f, n, vars)
}

// returnsPid reports whether body hands the started process's pid back to its caller,
// in any returned value (`pid`, `{files, pid, callbacks}`).
func returnsPid(f *source.File, body *source.Node, call *source.Node) bool {
	vars := boundVars(f, call)
	for _, t := range elixir.Tails(f, body) {
		if holdsVar(f, t, vars) {
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
// on its pid after the start, `after` blocks included (a scoped process).
func stoppedIn(f *source.File, def, start *source.Node, pid string) bool {
	if pid == "" {
		return false
	}
	for _, c := range elixir.CallsIn(f, def) {
		if stopNames[c.Name] && len(c.Args) > 0 && c.Node.Start() > start.End() {
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
