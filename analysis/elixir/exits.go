package elixir

import "github.com/otpls/otpls/analysis/source"

// ExitCaught reports whether n sits in the body of a block (a def's or a try's) with a
// catch clause for exits (`catch :exit, _ ->`, or any kind: `catch kind, reason ->`),
// looking outwards up to the enclosing definition; an anonymous function ends the search
// (it may run anywhere, later).
func ExitCaught(f *source.File, n *source.Node) bool {
	for ; n.Parent() != nil; n = n.Parent() {
		if n.Type() == "anonymous_function" {
			return false
		}
		if n.Type() != "do_block" {
			continue
		}
		for block := range n.Children() {
			if block.Type() == "catch_block" && CatchesExits(f, block) {
				return true
			}
		}
		if _, ok := AsDef(f, n.Parent()); ok {
			return false
		}
	}
	return false
}

// CatchesExits reports whether a catch block has a clause whose kind is :exit or a
// variable (`catch kind, reason ->` and `catch _, _ ->` catch every kind). A one-argument
// clause (`catch value ->`) catches throws only.
func CatchesExits(f *source.File, block *source.Node) bool {
	for clause := range block.Children() {
		if clause.Type() != "stab_clause" || clause.Child("left") == nil {
			continue
		}
		args := clause.Child("left").NamedChildren()
		if len(args) != 2 {
			continue
		}
		if kind := args[0]; f.Slice(kind) == ":exit" || kind.Type() == "identifier" {
			return true
		}
	}
	return false
}
