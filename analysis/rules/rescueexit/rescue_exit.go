// Package rescueexit is OTP020 rescue-exit: a rescue around a call that fails by exiting,
// with no catch clause for exits. What it flags, what it leaves alone and why:
// docs/rules/OTP020.md.
package rescueexit

import (
	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/source"
)

// Analyzer is OTP020.
var Analyzer = &analysis.Analyzer{
	Code:     "OTP020",
	Name:     "rescue-exit",
	Title:    "rescue around a call that fails by exiting, with no catch :exit",
	Severity: analysis.Warning,
	InTests:  analysis.RunInTests,
	Doc:      doc,
	Run:      run,
}

// guarded is one try (or def) with a rescue that recovers from any exception, and the
// calls of its protected body that fail by exiting.
type guarded struct {
	do       *source.Node // the do_block holding the protected body and the rescue
	rescue   *source.Node // the rescue_block
	catchAll *source.Node // its clause for any exception (`e ->`, `_ ->`)
	owner    *elixir.Call // the try, or the def of a function-level rescue
	exits    []exiting
}

// exiting is a call of the protected body that fails by exiting.
type exiting struct {
	call *elixir.Call
	name string // resolved "Module.fun/arity"
	how  string // what makes it exit
}

func run(p *analysis.Pass) {
	for _, rb := range p.Nodes("rescue_block") {
		g, ok := guardedBy(p, rb)
		if !ok || len(g.exits) == 0 {
			continue
		}
		report(p, g)
	}
}

// guardedBy reads the try or def that rescue block rb belongs to, and the exiting calls of
// its protected body (the do part: the else and after parts are not protected by rescue).
// ok is false when the rescue is not one that means to recover from any failure: it names
// the exceptions it is for, or it re-raises.
func guardedBy(p *analysis.Pass, rb *source.Node) (guarded, bool) {
	do := rb.Parent()
	if do == nil || do.Type() != "do_block" {
		return guarded{}, false
	}
	owner, ok := elixir.AsCall(p.File, do.Parent())
	if !ok || owner.Module != "" {
		return guarded{}, false
	}
	if _, isDef := elixir.AsDef(p.File, owner.Node); !isDef && owner.Name != "try" {
		return guarded{}, false
	}
	catchAll := catchAllClause(p.File, rb)
	if catchAll == nil || reraises(p.File, catchAll) || elixir.ExitCaught(p.File, rb) {
		// Named exceptions only, a rescue that re-raises, or this try (or one around it
		// in the function) catches exits.
		return guarded{}, false
	}
	g := guarded{do: do, rescue: rb, catchAll: catchAll, owner: owner}
	em := p.Module(do)
	for _, expr := range elixir.Exprs(do) {
		calls := p.CallsIn(expr)
		for i := range calls {
			if x, ok := exitingCall(em, &calls[i]); ok && protectedBy(p.File, calls[i].Node, do) {
				g.exits = append(g.exits, x)
			}
		}
	}
	return g, true
}

// catchAllClause is the rescue clause that rescues any exception: its pattern is a bare
// variable (`e ->`, `_ ->`), not `e in [Error]` or an exception's name.
func catchAllClause(f *source.File, rb *source.Node) *source.Node {
	for clause := range rb.Children() {
		if clause.Type() != "stab_clause" || clause.Child("left") == nil {
			continue
		}
		if args := clause.Child("left").NamedChildren(); len(args) == 1 && args[0].Type() == "identifier" {
			return clause
		}
	}
	return nil
}

// reraises reports whether every way out of a rescue clause raises again (`reraise e,
// __STACKTRACE__`, `raise ...`): it cleans up or logs, and does not mean to recover.
func reraises(f *source.File, clause *source.Node) bool {
	tails := elixir.Tails(f, clause.Child("right"))
	for _, t := range tails {
		c, ok := elixir.AsCall(f, t)
		if !ok || (c.Module != "" && c.Module != "Kernel") || (c.Name != "raise" && c.Name != "reraise") {
			return false
		}
	}
	return len(tails) > 0
}

// protectedBy reports whether call n runs while the protected body of do runs, in its
// process: not in a typespec, not in the protected body of a nested try with its own rescue
// or catch (that one answers for it), and not in a function value unless an eager
// collection function runs it there and then (`Enum.map(xs, fn x -> ... end)`); a function
// handed to a task, a spawn or a lazy Stream runs elsewhere or later.
func protectedBy(f *source.File, n, do *source.Node) bool {
	if !elixir.InExpression(f, n) {
		return false
	}
	for p := n.Parent(); p != nil && p != do; p = p.Parent() {
		switch {
		case elixir.IsFun(p) && !runsNow(f, p):
			return false
		case p.Type() == "do_block" && handlesFailures(p) && inProtectedPart(n, p):
			return false
		}
	}
	return true
}

// eagerModules run the functions they are given before they return.
var eagerModules = map[string]bool{"Enum": true, "Map": true, "List": true, "Keyword": true}

// runsNow reports whether the function value fun is an argument of a call that runs it
// before returning.
func runsNow(f *source.File, fun *source.Node) bool {
	args := fun.Parent()
	if args == nil || args.Type() != "arguments" {
		return false
	}
	c, ok := elixir.AsCall(f, args.Parent())
	return ok && eagerModules[c.Module]
}

// handlesFailures reports whether a do_block has a rescue or catch block.
func handlesFailures(do *source.Node) bool {
	for b := range do.Children() {
		if b.Type() == "rescue_block" || b.Type() == "catch_block" {
			return true
		}
	}
	return false
}

// inProtectedPart reports whether n lies in the do part of do, not in one of the blocks
// (rescue, catch, else, after) it holds.
func inProtectedPart(n, do *source.Node) bool {
	for b := range do.Children() {
		switch b.Type() {
		case "rescue_block", "catch_block", "else_block", "after_block":
			if b.Contains(n) {
				return false
			}
		}
	}
	return true
}
