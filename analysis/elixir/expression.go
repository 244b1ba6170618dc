package elixir

import (
	"strings"

	"github.com/otpls/otpls/analysis/source"
)

// typespecAttributes are the module attributes whose body is a type, not code: a
// `spawn(...)` there names a function's type and runs nothing.
var typespecAttributes = map[string]bool{
	"spec": true, "callback": true, "macrocallback": true,
	"type": true, "typep": true, "opaque": true,
}

// headedDefinitions are the definition macros whose first argument is a head
// (`name(params)`, optionally `when guard`): the head names what is defined, it calls
// nothing.
var headedDefinitions = map[string]bool{
	"def": true, "defp": true, "defmacro": true, "defmacrop": true,
	"defguard": true, "defguardp": true,
}

// InExpression reports whether the call node n is a call that runs: false when it lies in
// a typespec attribute (@spec, @callback, @macrocallback, @type, @typep, @opaque), is (or is
// inside) the head of a def/defp/defmacro/defmacrop/defguard/defguardp, or is part of a
// defdelegate. `@spec spawn((-> any)) :: pid` and `def spawn(fun)` define spawn; they do
// not call it. It walks up n's parents only, so rules ask it for their candidate calls.
func InExpression(f *source.File, n *source.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		switch p.Type() {
		case "unary_operator":
			if name, _, ok := Attribute(f, p); ok && typespecAttributes[name] {
				return false
			}
		case "call":
			c, ok := AsCall(f, p)
			if !ok || c.Module != "" {
				continue
			}
			if c.Name == "defdelegate" {
				return false
			}
			if headedDefinitions[c.Name] && len(c.Args) > 0 {
				// Inside a definition: its body and guard are code, its head is not. Nothing
				// further out can make a body a typespec.
				return !definitionHead(c.Args[0]).Contains(n)
			}
		}
	}
	return true
}

// definitionHead is the `name(params)` part of a definition's first argument, without the
// `when` guard.
func definitionHead(arg *source.Node) *source.Node {
	if arg.Type() == "binary_operator" && Operator(arg) == "when" {
		if left := arg.Child("left"); left != nil {
			return left
		}
	}
	return arg
}

// ModuleOrAtom reads a module name (`Foo`, `__MODULE__`, `__MODULE__.Sub`) or an atom
// (`:foo` -> ":foo"), as written (aliases unresolved); "" for anything else.
func ModuleOrAtom(f *source.File, n *source.Node) string {
	n = Unwrap(n)
	switch n.Type() {
	case "alias":
		return ModuleName(f, n)
	case "identifier":
		if f.Slice(n) == "__MODULE__" {
			return "__MODULE__"
		}
	case "atom", "quoted_atom":
		if a, ok := AtomName(f, n); ok {
			return ":" + a
		}
	case "dot":
		s := ModuleName(f, n)
		if strings.HasPrefix(s, "__MODULE__.") {
			return s
		}
	}
	return ""
}

// Bindings maps the variables matched with `=` in n to the expressions bound.
func Bindings(f *source.File, n *source.Node) map[string]*source.Node {
	bindings := map[string]*source.Node{}
	for x := range n.Subtree() {
		if x.Type() == "binary_operator" && Operator(x) == "=" {
			if l, rt := x.Child("left"), x.Child("right"); l != nil && rt != nil && l.Type() == "identifier" {
				bindings[f.Slice(l)] = rt
			}
		}
	}
	return bindings
}

// IsSelfCall reports whether n is `self()`: the calling process.
func IsSelfCall(f *source.File, n *source.Node) bool {
	c, ok := AsCall(f, Unwrap(n))
	return ok && c.Module == "" && c.Name == "self" && c.Arity() == 0
}
