package elixir

import (
	"strings"

	"github.com/otpls/otpls/analysis/source"
)

// literalTypes are the node types of terms written out in full: their value is known
// without running anything. A variable, a call, an operator or a module attribute is not
// one (an `@timeout` or a `-1` is read as unknown).
var literalTypes = map[string]bool{
	"tuple": true, "atom": true, "boolean": true, "nil": true, "integer": true, "float": true,
	"string": true, "charlist": true, "list": true, "keywords": true, "map": true, "char": true,
}

// Literal reports whether n (parentheses looked through) is a literal term: a tuple,
// atom, number, string, charlist, list or map written out, whatever its elements are.
// A quoted atom with interpolation is not one.
func Literal(f *source.File, n *source.Node) bool {
	n = Unwrap(n)
	if n == nil {
		return false
	}
	if n.Type() == "quoted_atom" {
		_, ok := AtomName(f, n)
		return ok
	}
	return literalTypes[n.Type()]
}

// Tag is the leading atom of a literal tuple (`{:reply, r, s}` -> "reply") with the
// tuple's elements; ok is false when n is not a tuple or its first element is not an atom
// written out.
func Tag(f *source.File, n *source.Node) (tag string, elements []*source.Node, ok bool) {
	n = Unwrap(n)
	if n == nil || n.Type() != "tuple" {
		return "", nil, false
	}
	els := tupleElements(n)
	if len(els) == 0 {
		return "", els, false
	}
	first := Unwrap(els[0])
	if first.Type() != "atom" && first.Type() != "quoted_atom" {
		return "", els, false
	}
	tag, ok = AtomName(f, first)
	return tag, els, ok
}

// tupleElements lists a tuple's elements as Elixir counts them: a keywords tail
// (`{:ok, a: 1, b: 2}`) is one element, the list it stands for.
func tupleElements(n *source.Node) []*source.Node {
	var out []*source.Node
	for c := range n.Children() {
		if c.Named() && c.Type() != "comment" {
			out = append(out, c)
		}
	}
	return out
}

// ContinueOf returns the `{:continue, term}` a GenServer callback's return value n asks
// for: the last element of `{:ok, s, {:continue, t}}`, `{:noreply, s, {:continue, t}}` or
// `{:reply, r, s, {:continue, t}}`. GenServer then calls handle_continue(t, s) at once.
func ContinueOf(f *source.File, n *source.Node) (*source.Node, bool) {
	tag, els, ok := Tag(f, n)
	if !ok {
		return nil, false
	}
	switch {
	case (tag == "ok" || tag == "noreply") && len(els) == 3, tag == "reply" && len(els) == 4:
		last := Unwrap(els[len(els)-1])
		if inner, innerEls, ok := Tag(f, last); ok && inner == "continue" && len(innerEls) == 2 {
			return last, true
		}
	}
	return nil, false
}

// Outline is how a message shows a term: as written when it is short and on one line,
// else the outline of a tagged tuple (`{:reply, _}`), else "...".
func Outline(f *source.File, n *source.Node) string {
	if text := f.Slice(n); len(text) <= 40 && !strings.Contains(text, "\n") {
		return text
	}
	tag, els, ok := Tag(f, n)
	if !ok {
		return "..."
	}
	return "{:" + tag + strings.Repeat(", _", len(els)-1) + "}"
}
