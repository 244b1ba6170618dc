package elixir

import (
	"github.com/otpls/otpls/analysis/internal/group"
	"github.com/otpls/otpls/analysis/source"
)

// Callbacks are the GenServer callbacks by name/arity. A callback is never followed as a
// helper: the server calls it, not the clause being read.
var Callbacks = map[string]bool{"init/1": true, "handle_call/3": true, "handle_cast/2": true, "handle_info/2": true, "handle_continue/2": true, "terminate/2": true, "code_change/3": true}

// Defs collects a module body's function clauses by "name/arity", and the clauses in
// source order.
func Defs(f *source.File, body *source.Node) (byID map[string][]Def, order []Def) {
	if body == nil {
		return map[string][]Def{}, nil
	}
	// The file's clauses are read once (defTableOf), in source order: the body's are the
	// run of them inside it that are its own forms (not clauses of a nested module).
	inside := source.Within(defTableOf(f).defs, func(d *Def) int { return d.Node.Start }, body)
	order = make([]Def, 0, len(inside))
	for _, d := range inside {
		if d.Node.Parent() == body {
			order = append(order, d)
		}
	}
	return group.ByKey(order, func(d *Def) string { return d.id }), order
}

// Reach walks body and the same-module functions it calls, up to depth helpers deep, and
// calls visit for every call that runs in the caller's process: a function handed to
// another process (`Task.start(fn -> ... end)`) is not entered. chain names the helpers
// followed to reach the call ("load/1", ...); visit returns false to skip the call's
// arguments. Each helper is entered once. OTP003 and OTP007 ask the same question (what
// does this callback do, helpers included) and share this walk.
func Reach(f *source.File, defs map[string][]Def, body *source.Node, depth int, visit func(c *Call, chain []string) bool) {
	entered := map[string]bool{}
	var walk func(body *source.Node, chain []string)
	walk = func(body *source.Node, chain []string) {
		if body == nil {
			return
		}
		body.Walk(func(n *source.Node) bool {
			c, ok := AsCall(f, n)
			if !ok {
				return true
			}
			if StartsProcess(c.Module, c.Name) {
				return false // work handed to another process does not run in this one
			}
			if !visit(c, chain) {
				return false
			}
			if c.Module == "" && len(chain) < depth {
				id := c.ID()
				if helpers, ok := defs[id]; ok && !Callbacks[id] && !entered[id] {
					entered[id] = true
					next := append(append([]string(nil), chain...), id)
					for _, h := range helpers {
						walk(h.Body, next)
					}
				}
			}
			return true
		})
	}
	walk(body, nil)
}

// ImplBefore is the `@impl` attribute written right before form among a module's forms,
// nil when there is none.
func ImplBefore(f *source.File, forms []*source.Node, form *source.Node) *source.Node {
	var prev *source.Node
	for _, c := range forms {
		if c == form {
			break
		}
		if c.Named && c.Type() != "comment" {
			prev = c
		}
	}
	if prev == nil {
		return nil
	}
	if name, _, ok := Attribute(f, prev); ok && name == "impl" {
		return prev
	}
	return nil
}
