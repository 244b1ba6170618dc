package blockingcallback

import (
	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/source"
)

// maxPatientMillis is the largest call timeout taken as "short": callers that give up this
// soon, and catch the exit, are built to tolerate a busy server.
const maxPatientMillis = 1_000

// impatientCallers reports whether every synchronous caller of the server gives up soon:
// no other module calls it, the module's own GenServer.call/:gen_server.call sites (at
// least one) each pass a literal timeout of at most maxPatientMillis and catch the :exit
// of a timeout around the call. It returns the largest of those timeouts
// (docs/rules/OTP003.md).
func impatientCallers(p *analysis.Pass, em *elixir.Module) (int64, bool) {
	if p.Index == nil || p.Index.OutsideUses(em.Name).Call {
		return 0, false
	}
	var most int64
	seen := false
	for _, c := range p.CallsIn(em.Body) {
		if module := em.Resolve(c.Module); c.Name != "call" || module != "GenServer" && module != ":gen_server" || p.Module(c.Node) != em {
			continue
		}
		if len(c.Args) != 3 {
			return 0, false
		}
		ms, ok := bounds{p: p, em: em, at: c.Node}.millis(c.Args[2], maxBoundSteps)
		if !ok || ms > maxPatientMillis || !exitCaught(p.File, c.Node) {
			return 0, false
		}
		seen = true
		most = max(most, ms)
	}
	return most, seen
}

// exitCaught reports whether n sits in the body of a block (a def's or a try's) with a
// catch clause for exits (`catch :exit, _ ->`, or any kind: `catch kind, reason ->`).
func exitCaught(f *source.File, n *source.Node) bool {
	for ; n.Parent() != nil; n = n.Parent() {
		if n.Type() == "anonymous_function" {
			return false
		}
		if n.Type() != "do_block" {
			continue
		}
		for block := range n.Children() {
			if block.Type() == "catch_block" && catchesExit(f, block) {
				return true
			}
		}
		if _, ok := elixir.AsDef(f, n.Parent()); ok {
			return false
		}
	}
	return false
}

// catchesExit reports whether a catch block has a clause whose kind is :exit or a variable.
func catchesExit(f *source.File, block *source.Node) bool {
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
