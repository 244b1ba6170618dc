package elixir

import (
	"strconv"
	"strings"

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
	inside := source.Within(defTableOf(f).defs, func(d *Def) int { return d.Node.Start() }, body)
	own := 0
	for i := range inside {
		if inside[i].Node.Parent() == body {
			own++
		}
	}
	if own == len(inside) {
		// No nested module (nearly always): the run is the list, shared with the table as
		// the lists are shared with the rules (none modifies them); capped so that an
		// append copies.
		order = inside[:own:own]
	} else {
		order = make([]Def, 0, own)
		for _, d := range inside {
			if d.Node.Parent() == body {
				order = append(order, d)
			}
		}
	}
	return group.ByKey(order, func(d *Def) string { return d.id }), order
}

// Reach walks body and the same-module functions it calls, up to depth helpers deep, and
// calls visit for every call that runs in the caller's process. A function value runs in
// another process, and is not entered, when it is handed to a call that runs it there
// (`Task.start(fn -> ... end)`, `Agent.update(a, fn ... end)`), written in a child spec
// (`start: {Task, :start_link, [fn -> ... end]}`, `{Task, fn -> ... end}`), or passed to
// a local helper whose parameter ends up in one of those (docs/rules/OTP003.md). The call
// that hands it off is visited: it runs here (and `Task.await` blocks here). chain names
// the helpers followed to reach the call ("load/1", ...); visit returns false to skip the
// call's arguments. Each helper is entered once. OTP003 and OTP007 ask the same question
// (what does this callback do, helpers included) and share this walk.
func Reach(f *source.File, defs map[string][]Def, body *source.Node, depth int, visit func(c *Call, chain []string) bool) {
	entered := map[string]bool{}
	handoffs := handoffs{f: f, defs: defs, known: map[string]bool{}}
	var walk func(body *source.Node, chain []string)
	walk = func(body *source.Node, chain []string) {
		if body == nil {
			return
		}
		var step func(n *source.Node) bool
		step = func(n *source.Node) bool {
			if IsFun(n) && (InChildSpec(f, n) || handoffs.bound(n, depth)) {
				return false // started by a supervisor, or bound to a variable handed off
			}
			c, ok := AsCall(f, n)
			if !ok {
				return true
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
			elsewhere := func(i int) bool {
				if RunsFunElsewhere(c.Module, c.Name) {
					return true
				}
				return c.Module == "" && handoffs.param(c.ID(), i, depth)
			}
			if !hasFunArg(c, elsewhere) {
				return true
			}
			// Walk the call's parts but the function arguments that run elsewhere.
			for ch := range n.Children() {
				if ch.Type() != "arguments" {
					ch.Walk(step)
					continue
				}
				i := 0
				if c.Piped() {
					i = 1 // the piped-in argument is the left side of |>, walked already
				}
				for _, a := range ch.NamedChildren() {
					if a.Type() == "comment" {
						continue // not an argument (see Call.Args)
					}
					if !IsFun(a) || !elsewhere(i) {
						a.Walk(step)
					}
					i++
				}
			}
			return false
		}
		body.Walk(step)
	}
	walk(body, nil)
}

// RunsElsewhere reports whether fun, a function value written in a function of the module
// whose clauses are defs, runs in another process: it is an argument of a call that runs
// it there (`Task.start(fn -> ... end)`, `Agent.update(a, fn s -> ... end)`) or of a local
// helper whose parameter ends up in one (depth helpers deep), it is written in a child
// spec, or it is bound to a variable whose every use hands it off. These are the function
// values Reach does not enter. by is the call fun is an argument of, nil when fun is bound
// to a variable or written in a child spec.
func RunsElsewhere(f *source.File, defs map[string][]Def, fun *source.Node, depth int) (by *Call, ok bool) {
	h := handoffs{f: f, defs: defs, known: map[string]bool{}}
	if args := fun.Parent(); args != nil && args.Type() == "arguments" {
		if c, ok := AsCall(f, args.Parent()); ok {
			if RunsFunElsewhere(c.Module, c.Name) {
				return c, true
			}
			for i, a := range c.Args {
				if a == fun && c.Module == "" && h.param(c.ID(), i, depth) {
					return c, true
				}
			}
		}
	}
	return nil, InChildSpec(f, fun) || h.bound(fun, depth)
}

// hasFunArg reports whether some argument of c written in place as a function runs
// elsewhere.
func hasFunArg(c *Call, elsewhere func(i int) bool) bool {
	for i, a := range c.Args {
		if IsFun(a) && elsewhere(i) {
			return true
		}
	}
	return false
}

// InChildSpec reports whether n (a function value, or a variable holding one) is written
// in a child specification, which a supervisor starts in a process of its own: inside the
// `start:` of a spec map or keyword list, or in a `{Task, ...}` / `{Agent, ...}` tuple. The
// climb goes through literals only.
func InChildSpec(f *source.File, n *source.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		switch p.Type() {
		case "list", "keywords", "map_content", "map":
		case "pair":
			if key := p.Child("key"); key != nil && strings.TrimSpace(f.Slice(key)) == "start:" {
				return true
			}
		case "tuple":
			if els := Elements(p); len(els) > 1 && els[0].Type() == "alias" {
				if m := ModuleName(f, els[0]); m == "Task" || m == "Agent" {
					return true
				}
			}
		default:
			return false
		}
	}
	return false
}

// handoffs answers, per local function and parameter, whether a function passed there
// runs in another process: every use of the parameter in every clause hands it off
// (`Task.async_stream(xs, fn x -> fun.(x) end)`, `spawn(fun)`, a child spec, or another
// local function's parameter that does). Answers are kept for the walk.
type handoffs struct {
	f     *source.File
	defs  map[string][]Def
	known map[string]bool
}

func (h *handoffs) param(id string, i, depth int) bool {
	clauses, ok := h.defs[id]
	if !ok || depth <= 0 || Callbacks[id] {
		return false
	}
	key := id + "#" + strconv.Itoa(i)
	if v, ok := h.known[key]; ok {
		return v
	}
	h.known[key] = false // a recursive helper's own use does not decide
	uses := 0
	for _, d := range clauses {
		if i >= len(d.Params) || d.Body == nil {
			continue
		}
		name := h.f.Slice(d.Params[i])
		if d.Params[i].Type() != "identifier" || strings.HasPrefix(name, "_") {
			continue
		}
		handed := true
		d.Body.Walk(func(n *source.Node) bool {
			if n.Type() == "identifier" && h.f.Slice(n) == name {
				uses++
				handed = handed && h.usedElsewhere(n, d.Node, depth)
			}
			return handed
		})
		if !handed {
			return false
		}
	}
	h.known[key] = uses > 0
	return uses > 0
}

// bound reports whether fun is bound to a variable (`fetch = fn ... end`) whose every
// later use in its function hands it to another process.
func (h *handoffs) bound(fun *source.Node, depth int) bool {
	assign := fun.Parent()
	if assign == nil || assign.Type() != "binary_operator" || Operator(assign) != "=" || assign.Child("right") != fun {
		return false
	}
	left := assign.Child("left")
	if left == nil || left.Type() != "identifier" {
		return false
	}
	d, ok := EnclosingDef(h.f, fun)
	if !ok || d.Body == nil {
		return false
	}
	name := h.f.Slice(left)
	uses, handed := 0, true
	d.Body.Walk(func(n *source.Node) bool {
		if n.Start() >= fun.End() && n.Type() == "identifier" && h.f.Slice(n) == name {
			uses++
			handed = handed && h.usedElsewhere(n, d.Node, depth)
		}
		return handed
	})
	return handed && uses > 0
}

// usedElsewhere reports whether the variable use n hands its value to another process.
func (h *handoffs) usedElsewhere(n, stop *source.Node, depth int) bool {
	if _, ok := handedOffBy(h.f, n, stop, RunsFunElsewhere); ok || InChildSpec(h.f, n) {
		return true
	}
	args := n.Parent()
	if args == nil || args.Type() != "arguments" {
		return false
	}
	c, ok := AsCall(h.f, args.Parent())
	if !ok {
		return false
	}
	if RunsFunElsewhere(c.Module, c.Name) {
		return true
	}
	if c.Module != "" {
		return false
	}
	for i, a := range c.Args {
		if a == n {
			return h.param(c.ID(), i, depth-1)
		}
	}
	return false
}

// ImplBefore is the `@impl` attribute written right before form among a module's forms,
// nil when there is none.
func ImplBefore(f *source.File, forms []*source.Node, form *source.Node) *source.Node {
	var prev *source.Node
	for _, c := range forms {
		if c == form {
			break
		}
		if c.Named() && c.Type() != "comment" {
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
