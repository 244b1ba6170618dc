package unhandledmessage

import (
	"strings"

	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/source"
)

// shape is what the rule knows of a message a source delivers: a literal atom, a tuple of
// shapes, or a term known only by its kind (a reference, a port, any term).
type shape struct {
	kind  kind
	atom  string  // atomKind: the atom's name
	elems []shape // tupleKind
	// name is the variable the term is shown as in messages and bound to in a fix's
	// pattern (`ref`, `pid`, `reason`); "" for a term written as an expression.
	name string
	// text is how a term of anyKind is shown when it has no name (a literal as written).
	text string
}

type kind int

const (
	anyKind  kind = iota // any term: every pattern may match it
	atomKind             // a literal atom
	tupleKind
	refKind  // a reference: matched only by a variable or a pin
	portKind // a port, likewise
)

func atom(name string) shape           { return shape{kind: atomKind, atom: name} }
func anyTerm(name string) shape        { return shape{kind: anyKind, name: name} }
func tuple(elems ...shape) shape       { return shape{kind: tupleKind, elems: elems} }
func ofKind(k kind, name string) shape { return shape{kind: k, name: name} }

// The shapes of the messages OTP itself sends (docs/rules/OTP011.md).
var (
	downShape    = tuple(atom("DOWN"), ofKind(refKind, "ref"), atom("process"), anyTerm("pid"), anyTerm("reason"))
	exitShape    = tuple(atom("EXIT"), anyTerm("pid"), anyTerm("reason"))
	replyShape   = tuple(ofKind(refKind, "ref"), anyTerm("result"))
	portData     = tuple(ofKind(portKind, "port"), tuple(atom("data"), anyTerm("data")))
	portStatus   = tuple(ofKind(portKind, "port"), tuple(atom("exit_status"), anyTerm("status")))
	socketShapes = map[string][2]shape{":gen_tcp": socketPair("tcp"), ":ssl": socketPair("ssl")}
	oneLine      = strings.NewReplacer("\n", " ", "\t", " ")
)

// socketPair is the data and closed messages of an active socket of a transport (`tcp`, `ssl`).
func socketPair(transport string) [2]shape {
	return [2]shape{
		tuple(atom(transport), anyTerm("socket"), anyTerm("data")),
		tuple(atom(transport+"_closed"), anyTerm("socket")),
	}
}

// literalShape reads a message written in the code: an atom (or a module attribute
// bound to one) or a tuple tagged by one; ok is false for anything else (a variable, a
// call, a map: a message whose form is not known).
func literalShape(f *source.File, n *source.Node, attrs index.Attributes) (shape, bool) {
	n = elixir.Unwrap(n)
	if a, ok := atomOf(f, n, attrs); ok {
		return atom(a), true
	}
	if n == nil || n.Type() != "tuple" {
		return shape{}, false
	}
	els := elixir.Elements(n)
	if len(els) == 0 {
		return shape{}, false
	}
	if _, ok := atomOf(f, els[0], attrs); !ok {
		return shape{}, false
	}
	return termShape(f, n, attrs), true
}

// termShape is the shape of a term written in the code: atoms and tuples as they are,
// anything else a term of any kind, shown by its variable name or as written.
func termShape(f *source.File, n *source.Node, attrs index.Attributes) shape {
	n = elixir.Unwrap(n)
	if a, ok := atomOf(f, n, attrs); ok {
		return atom(a)
	}
	if n.Type() == "tuple" {
		var elems []shape
		for _, e := range elixir.Elements(n) {
			elems = append(elems, termShape(f, e, attrs))
		}
		return tuple(elems...)
	}
	if n.Type() == "identifier" {
		return anyTerm(strings.TrimLeft(f.Slice(n), "_"))
	}
	return shape{kind: anyKind, text: oneLine.Replace(f.Slice(n))}
}

// atomOf reads an atom literal, or a module attribute the index knows holds one.
func atomOf(f *source.File, n *source.Node, attrs index.Attributes) (string, bool) {
	if a, ok := elixir.AtomName(f, n); ok {
		return a, true
	}
	if name, value, ok := elixir.Attribute(f, n); ok && value == nil {
		if v, ok := attrs.Get(name); ok && !strings.HasPrefix(v, "Elixir.") {
			return v, true
		}
	}
	return "", false
}

// mayMatch reports whether the pattern pat can match some message of shape s: false only
// when it surely cannot (another atom, another tuple size, a literal of another type).
// Pins, module attributes it cannot read and macros may match anything.
func mayMatch(f *source.File, pat *source.Node, s shape, attrs index.Attributes) bool {
	pat = elixir.Unwrap(pat)
	if pat == nil || s.kind == anyKind {
		return true
	}
	switch pat.Type() {
	case "identifier", "unary_operator":
		if a, ok := atomOf(f, pat, attrs); ok {
			return s.kind == atomKind && s.atom == a
		}
		return true // a variable, a pin, an attribute that is not an atom
	case "binary_operator":
		switch elixir.Operator(pat) {
		case "=":
			return mayMatch(f, pat.Child("left"), s, attrs) && mayMatch(f, pat.Child("right"), s, attrs)
		case "<>", "++":
			return false // a binary or a list
		}
		return true
	case "atom", "quoted_atom", "boolean", "nil":
		a, ok := elixir.AtomName(f, pat)
		return !ok || s.kind == atomKind && s.atom == a
	case "tuple":
		if s.kind != tupleKind {
			return false
		}
		els := elixir.Elements(pat)
		if len(els) != len(s.elems) {
			return false
		}
		for i, e := range els {
			if !mayMatch(f, e, s.elems[i], attrs) {
				return false
			}
		}
		return true
	case "integer", "float", "char", "string", "charlist", "sigil", "list", "map", "bitstring":
		return false // s is an atom, a tuple, a reference or a port
	}
	return true // a macro call, or a form not read
}

// String shows the shape as the message is written in the docs: `{:DOWN, ref, :process,
// pid, reason}`.
func (s shape) String() string {
	switch s.kind {
	case atomKind:
		return atomText(s.atom)
	case tupleKind:
		parts := make([]string, len(s.elems))
		for i, e := range s.elems {
			parts[i] = e.String()
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	if s.name != "" {
		return s.name
	}
	if s.text != "" && len(s.text) <= 20 {
		return s.text
	}
	return "_"
}

// pattern is the shape as a clause head that matches every message of it, its variables
// unused (`{:DOWN, _ref, :process, _pid, _reason}`). A name used twice becomes `_`: an
// underscored variable twice in a pattern is a compiler warning.
func (s shape) pattern() string {
	used := map[string]bool{}
	var b strings.Builder
	var write func(s shape)
	write = func(s shape) {
		switch s.kind {
		case atomKind:
			b.WriteString(atomText(s.atom))
		case tupleKind:
			b.WriteString("{")
			for i, e := range s.elems {
				if i > 0 {
					b.WriteString(", ")
				}
				write(e)
			}
			b.WriteString("}")
		default:
			if s.name != "" && !used[s.name] {
				used[s.name] = true
				b.WriteString("_" + s.name)
			} else {
				b.WriteString("_")
			}
		}
	}
	write(s)
	return b.String()
}

// atomText writes an atom as Elixir code does: `:tick`, `:"with space"`, `true`, `nil`.
func atomText(a string) string {
	switch a {
	case "true", "false", "nil":
		return a
	}
	if plainAtom(a) {
		return ":" + a
	}
	return `:"` + strings.ReplaceAll(a, `"`, `\"`) + `"`
}

// plainAtom reports whether a is written without quotes after the colon.
func plainAtom(a string) bool {
	if a == "" {
		return false
	}
	for i, r := range a {
		switch {
		case r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
		case i > 0 && (r >= '0' && r <= '9' || r == '@'):
		case (r == '?' || r == '!') && i == len(a)-1:
		default:
			return false
		}
	}
	return true
}
