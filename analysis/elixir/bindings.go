package elixir

import "github.com/otpls/otpls/analysis/source"

// BoundBefore is the value last bound to the variable name by `name = value` in the
// function holding at, before at; nil when there is none (a parameter, a variable bound in
// a pattern, or code outside a function). A binding whose value holds at (`x = f(x)`) is
// not before it: at reads the earlier value.
func BoundBefore(f *source.File, at *source.Node, name string) *source.Node {
	d, ok := EnclosingDef(f, at)
	if !ok || d.Body == nil {
		return nil
	}
	var value *source.Node
	d.Body.Walk(func(n *source.Node) bool {
		if n.Start() >= at.Start() {
			return false
		}
		if n.Type() == "binary_operator" && Operator(n) == "=" {
			if l := n.Child("left"); l != nil && l.Type() == "identifier" && f.Slice(l) == name && n.End() <= at.Start() {
				value = n.Child("right")
			}
		}
		return true
	})
	return value
}
