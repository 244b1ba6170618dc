package unsupervisedtask

import (
	"strings"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/source"
)

// valueUse is what the code does with the value a start call returns (a pid, {:ok, pid},
// a %Task{}): a Task.async is flagged only when its task is lost, and the fix's rewrite is
// offered only where every use still works with start_child's {:ok, pid}.
type valueUse struct {
	// discarded: the call is a statement whose value nobody reads.
	discarded bool
	// pattern is the left side of `pattern = call` when that match is a statement.
	pattern *source.Node
	// uses are the identifiers reading a variable of pattern after the match.
	uses []*source.Node
}

// lost reports whether the value is thrown away: dropped, or bound and never read.
func (u valueUse) lost() bool { return u.discarded || u.pattern != nil && len(u.uses) == 0 }

func useOf(f *source.File, s start) valueUse {
	n := s.call.Node
	if s.call.Piped() {
		n = n.Parent() // the value is the whole pipeline's
	}
	if discarded(f, n) {
		return valueUse{discarded: true}
	}
	match := n.Parent()
	if match == nil || match.Type() != "binary_operator" || elixir.Operator(match) != "=" || match.Child("right") != n || !discarded(f, match) {
		return valueUse{} // returned, passed on, put in data: it escapes
	}
	u := valueUse{pattern: match.Child("left")}
	vars := map[string]bool{}
	boundVariables(f, u.pattern, vars)
	if len(vars) > 0 {
		u.uses = readsAfter(f, scope(f, s), match.End(), vars)
	}
	return u
}

// scope is the code a variable bound next to the call can be read in: its function, or
// the file for a script's top level.
func scope(f *source.File, s start) *source.Node {
	if s.inDef {
		return s.def.Node
	}
	return f.Root
}

// boundVariables adds the variables a match pattern binds (`pid`, `{:ok, pid}`,
// `{pid, ref}`); `_x` and pinned `^x` bind nothing that is read.
func boundVariables(f *source.File, pattern *source.Node, out map[string]bool) {
	pattern.Walk(func(n *source.Node) bool {
		switch n.Type() {
		case "unary_operator":
			return elixir.Operator(n) != "^"
		case "identifier":
			if name := f.Slice(n); !strings.HasPrefix(name, "_") {
				out[name] = true
			}
		}
		return true
	})
}

// readsAfter returns the identifiers in scope after offset that read one of vars.
func readsAfter(f *source.File, scope *source.Node, after int, vars map[string]bool) []*source.Node {
	var out []*source.Node
	scope.Walk(func(n *source.Node) bool {
		if n.End() <= after {
			return false
		}
		if n.Start() >= after && n.Type() == "identifier" && vars[f.Slice(n)] && isVariable(n) {
			out = append(out, n)
		}
		return true
	})
	return out
}

// isVariable tells a variable from a name that is not one: a call's function name or the
// field of `x.field`.
func isVariable(n *source.Node) bool {
	switch n.Field() {
	case "target", "right":
		return n.Parent() == nil || n.Parent().Type() != "call" && n.Parent().Type() != "dot"
	}
	return true
}

// discarded reports whether the value of n is thrown away: a statement that is not the
// last expression of its body, or the last expression of a function given to Enum.each.
func discarded(f *source.File, n *source.Node) bool {
	parent := n.Parent()
	if parent == nil {
		return false
	}
	switch parent.Type() {
	case "do_block", "body", "else_block", "after_block":
	default:
		return false
	}
	// n (a call, or the match binding it) is an expression of its block: discarded when
	// another follows it. (Listing the block's expressions for each call was quadratic in
	// the calls of one block: thousands of spawns on one line took seconds.)
	if elixir.FollowedByExpr(n) {
		return true
	}
	// Last expression: discarded only when the body is an fn given to Enum.each/2.
	if parent.Type() != "body" {
		return false
	}
	fn := parent.Parent()
	for fn != nil && fn.Type() != "anonymous_function" {
		if fn.Type() != "stab_clause" {
			return false
		}
		fn = fn.Parent()
	}
	if fn == nil || fn.Parent() == nil || fn.Parent().Type() != "arguments" {
		return false
	}
	call, ok := elixir.AsCall(f, fn.Parent().Parent())
	return ok && call.Module == "Enum" && call.Name == "each"
}

// receivesReplies reports whether a Task.async reply (`{ref, result}`) is received: by a
// receive in the same function, or by a handle_info/2 or handle_event clause of the module.
func receivesReplies(p *analysis.Pass, s start) bool {
	for _, c := range p.CallsIn(s.def.Node) {
		if c.Module == "" && c.Name == "receive" && c.DoBlock() != nil && clausesMatchReply(p.File, c.DoBlock()) {
			return true
		}
	}
	em := p.Module(s.call.Node)
	if em == nil {
		return false
	}
	byID, order := p.Defs(em)
	for _, d := range byID["handle_info/2"] {
		if replyPattern(p.File, d.Params[0]) {
			return true
		}
	}
	for _, d := range order {
		if d.Name != "handle_event" {
			continue
		}
		for _, param := range d.Params {
			if replyPattern(p.File, param) {
				return true
			}
		}
	}
	return false
}

// clausesMatchReply reports whether a clause of a receive's do block matches a reply.
func clausesMatchReply(f *source.File, do *source.Node) bool {
	for clause := range do.Children() {
		if clause.Type() != "stab_clause" {
			continue
		}
		left := clause.Child("left")
		if left != nil && left.Type() == "binary_operator" && elixir.Operator(left) == "when" {
			left = left.Child("left")
		}
		if left == nil {
			continue
		}
		for _, pat := range left.NamedChildren() {
			if replyPattern(f, pat) {
				return true
			}
		}
	}
	return false
}

// replyPattern reports whether pattern matches a task's `{ref, result}` reply: a two-tuple
// whose first element is a variable or a pinned one, or a bare variable that takes any
// message.
func replyPattern(f *source.File, pattern *source.Node) bool {
	if pattern == nil {
		return false
	}
	switch pattern.Type() {
	case "identifier":
		return true
	case "binary_operator":
		switch elixir.Operator(pattern) {
		case "when":
			return replyPattern(f, pattern.Child("left"))
		case "=":
			return replyPattern(f, pattern.Child("left")) || replyPattern(f, pattern.Child("right"))
		}
	case "tuple":
		elems := elixir.Elements(pattern)
		if len(elems) != 2 {
			return false
		}
		first := elems[0]
		return first.Type() == "identifier" || first.Type() == "unary_operator" && elixir.Operator(first) == "^"
	}
	return false
}

// spawnOptions reads the options of Process.spawn/2,4: the literal list, or the literal
// list bound to the variable passed, earlier in the same function. ok is false when they
// are not written there.
func spawnOptions(f *source.File, s start) (opts map[string]bool, ok bool) {
	arg := s.call.Args[len(s.call.Args)-1]
	if arg.Type() == "identifier" {
		arg = boundBefore(f, scope(f, s), f.Slice(arg), s.call.Node.Start())
	}
	if arg == nil || arg.Type() != "list" {
		return nil, false
	}
	opts = map[string]bool{}
	for _, e := range elixir.Elements(arg) {
		if e.Type() == "tuple" {
			if elems := elixir.Elements(e); len(elems) > 0 {
				e = elems[0]
			}
		}
		if e.Type() == "pair" {
			e = e.Child("key")
		}
		if name, ok := elixir.AtomName(f, e); ok {
			opts[strings.TrimSuffix(name, ":")] = true
		}
	}
	return opts, true
}

// boundBefore is the value last bound to variable name by `name = value` before offset.
func boundBefore(f *source.File, scope *source.Node, name string, before int) *source.Node {
	var value *source.Node
	scope.Walk(func(n *source.Node) bool {
		if n.Start() >= before {
			return false
		}
		if n.Type() == "binary_operator" && elixir.Operator(n) == "=" {
			if left := n.Child("left"); left != nil && left.Type() == "identifier" && f.Slice(left) == name {
				value = n.Child("right")
			}
		}
		return true
	})
	return value
}

// linkedByOptions reports a Process.spawn whose options hold :link: a spawn_link.
func linkedByOptions(f *source.File, s start) bool {
	opts, ok := spawnOptions(f, s)
	return ok && opts["link"]
}
