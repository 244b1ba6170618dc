package dynamicprocessname

import (
	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/source"
)

// followDepth is how far a name is followed: through one variable bound before it, or one
// local function that returns it (`name: name(id)` with `defp name(id), do: :"w_#{id}"`).
const followDepth = 1

// atomMaking is the expression that makes a new atom from runtime data.
type atomMaking struct {
	node *source.Node
	how  string // "String.to_atom/1", "an interpolated atom", "Module.concat/2"
	// converted: a string (or charlist) converted to an atom, the classic leak of outside
	// data into the atom table; an interpolated atom or Module.concat often derives a
	// name from another name (Information).
	converted bool
	// key is the data a conversion turns into an atom (a {:via, Registry, ...} key).
	key     *source.Node
	through string // the local function or variable the name comes through, "" when direct
	// binding is the `var = ...` the name comes through; helper the local function.
	binding *source.Node
	helper  *elixir.Def
}

// conversions make an atom of their first argument.
var conversions = map[string]bool{
	"String.to_atom": true, "List.to_atom": true, ":erlang.binary_to_atom": true, ":erlang.list_to_atom": true,
}

// dynamicAtom reads n, a name position's value, as an atom made at run time from data that
// is not a constant: `String.to_atom(x)`, `:"w_#{x}"`, `Module.concat(A, x)`, a
// `{:global, _}` or `{:local, _}` of one, or (depth allowing) a variable bound to one
// before, or a call of a local function that returns one. `String.to_existing_atom` makes
// no atom; `{:via, ...}` takes any term.
func dynamicAtom(p *analysis.Pass, em *elixir.Module, n *source.Node, depth int) (atomMaking, bool) {
	f := p.File
	n = elixir.Unwrap(n)
	switch n.Type() {
	case "quoted_atom":
		if interpolatesRuntimeData(f, n) {
			return atomMaking{node: n, how: "an interpolated atom"}, true
		}
	case "tuple":
		if els := elixir.Elements(n); len(els) == 2 {
			if scope, ok := elixir.AtomName(f, els[0]); ok && (scope == "global" || scope == "local") {
				return dynamicAtom(p, em, els[1], depth)
			}
		}
	case "identifier":
		if depth > 0 {
			if v := elixir.BoundBefore(f, n, f.Slice(n)); v != nil {
				a, ok := dynamicAtom(p, em, v, depth-1)
				if a.through == "" {
					a.through, a.binding = "the variable "+f.Slice(n), v.Parent()
				}
				return a, ok
			}
		}
	case "call", "binary_operator":
		c, ok := callOf(f, n)
		if !ok {
			break
		}
		if c.Module == "" {
			return fromLocalFunction(p, em, c, depth)
		}
		module := em.Resolve(c.Module)
		switch {
		case conversions[module+"."+c.Name] && len(c.Args) > 0 && !constant(f, c.Args[0]):
			return atomMaking{node: n, how: module + "." + c.ID(), converted: true, key: c.Args[0]}, true
		case module == "Module" && c.Name == "concat" && !constantParts(f, c.Args):
			return atomMaking{node: n, how: "Module." + c.ID()}, true
		}
	}
	return atomMaking{}, false
}

// callOf reads n as a call: a call node, or a pipe whose right side is one (`x |>
// String.to_atom()`).
func callOf(f *source.File, n *source.Node) (*elixir.Call, bool) {
	if n.Type() == "binary_operator" {
		if elixir.Operator(n) != "|>" {
			return nil, false
		}
		n = n.Child("right")
	}
	return elixir.AsCall(f, n)
}

// fromLocalFunction reads `name(args)` as a call of a function of the module whose clauses
// return an atom made at run time (any of them).
func fromLocalFunction(p *analysis.Pass, em *elixir.Module, c *elixir.Call, depth int) (atomMaking, bool) {
	if depth <= 0 {
		return atomMaking{}, false
	}
	byID, _ := p.Defs(em)
	for i, d := range byID[c.ID()] {
		for _, tail := range elixir.Tails(p.File, d.Body) {
			if a, ok := dynamicAtom(p, em, tail, depth-1); ok {
				a.through, a.helper = c.ID(), &byID[c.ID()][i]
				return a, true
			}
		}
	}
	return atomMaking{}, false
}

// interpolatesRuntimeData reports whether a quoted atom interpolates a value that is not
// a constant (`:"w_#{id}"`, not `:"w_#{@prefix}"` nor `:"w_#{__MODULE__}"`).
func interpolatesRuntimeData(f *source.File, atom *source.Node) bool {
	for ch := range atom.Children() {
		if ch.Type() == "interpolation" {
			for _, x := range ch.NamedChildren() {
				if !constant(f, x) {
					return true
				}
			}
		}
	}
	return false
}

// constantParts reports whether every argument of Module.concat (or every element of its
// one list argument) is a constant.
func constantParts(f *source.File, args []*source.Node) bool {
	if len(args) == 1 && elixir.Unwrap(args[0]).Type() == "list" {
		args = elixir.Elements(elixir.Unwrap(args[0]))
	}
	for _, a := range args {
		if !constant(f, a) {
			return false
		}
	}
	return true
}

// configReads return the node's configuration, the same on every call while it runs: an
// atom made of it is made once.
var configReads = map[string]bool{
	"Application.get_env": true, "Application.fetch_env": true, "Application.fetch_env!": true,
	"Application.compile_env": true, "Application.compile_env!": true,
	"System.get_env": true, "System.fetch_env": true, "System.fetch_env!": true,
	"Node.self": true, "node": true,
}

// constant reports whether n has the same value on every call: a literal (atom, string
// without runtime interpolation, number, alias), `__MODULE__`, a module attribute, a read of
// the configuration or of the node's name, or a list, tuple or `<>` of those.
func constant(f *source.File, n *source.Node) bool {
	n = elixir.Unwrap(n)
	switch n.Type() {
	case "call":
		c, ok := elixir.AsCall(f, n)
		return ok && configReads[c.Qualified()]
	case "atom", "alias", "integer", "float", "boolean", "nil", "charlist":
		return true
	case "string", "quoted_atom":
		return !interpolatesRuntimeData(f, n)
	case "identifier":
		return f.Slice(n) == "__MODULE__"
	case "unary_operator":
		name, value, ok := elixir.Attribute(f, n)
		return ok && name != "" && value == nil
	case "list", "tuple":
		for _, el := range elixir.Elements(n) {
			if !constant(f, el) {
				return false
			}
		}
		return true
	case "binary_operator":
		return elixir.Operator(n) == "<>" && constant(f, n.Child("left")) && constant(f, n.Child("right"))
	}
	return false
}
