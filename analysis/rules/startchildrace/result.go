package startchildrace

import (
	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/source"
)

// failsOnAlreadyStarted reports whether the start's result is matched so that
// `{:error, {:already_started, pid}}` crashes: `{:ok, pid} = start` (a MatchError), or
// `case start do` with no clause that can match it (a CaseClauseError). A result returned,
// bound, or taken apart by `with` is left to whoever gets it.
func failsOnAlreadyStarted(f *source.File, s *start) bool {
	parent := s.expr.Parent()
	if parent == nil {
		return false
	}
	if parent.Type() == "binary_operator" && elixir.Operator(parent) == "=" && parent.Child("right") == s.expr {
		if left := parent.Child("left"); left != nil && okTuple(f, left) {
			s.match = parent
			return true
		}
		return false
	}
	if parent.Type() != "arguments" {
		return false
	}
	c, ok := elixir.AsCall(f, parent.Parent())
	if !ok || c.Module != "" || c.Name != "case" || c.DoBlock() == nil || len(c.Args) != 1 {
		return false
	}
	for clause := range c.DoBlock().Children() {
		if clause.Type() != "stab_clause" {
			continue
		}
		if left := clause.Child("left"); left == nil || mayMatchAlreadyStarted(f, left) {
			return false
		}
	}
	s.kase = c
	return true
}

// okTuple reports whether a pattern is `{:ok, _}` (any second element): it fails on every
// error.
func okTuple(f *source.File, n *source.Node) bool {
	els := elixir.Elements(n)
	if n.Type() != "tuple" || len(els) != 2 {
		return false
	}
	a, ok := elixir.AtomName(f, els[0])
	return ok && a == "ok" && els[0].Type() == "atom"
}

// mayMatchAlreadyStarted reports whether a case clause's head can match
// `{:error, {:already_started, pid}}`. A guard, a pin, or a pattern not read counts as a
// match: only a clause that surely cannot take it leaves the error unhandled.
func mayMatchAlreadyStarted(f *source.File, head *source.Node) bool {
	args := head.NamedChildren()
	if len(args) != 1 {
		return true
	}
	pat := args[0]
	if pat.Type() == "binary_operator" && elixir.Operator(pat) == "when" {
		return true
	}
	return matches(f, pat, []string{"error", "already_started"}, 0)
}

// matches reports whether pattern n can match the term `{:error, {:already_started, pid}}`,
// tags[depth] being the tag of the tuple expected at this depth.
func matches(f *source.File, n *source.Node, tags []string, depth int) bool {
	switch n.Type() {
	case "identifier", "unary_operator": // a variable, `_`, or a pin
		return true
	case "binary_operator":
		if elixir.Operator(n) == "=" {
			return matches(f, n.Child("left"), tags, depth) && matches(f, n.Child("right"), tags, depth)
		}
		return false
	case "tuple":
		if depth >= len(tags) {
			return false // the pid is no tuple
		}
		els := elixir.Elements(n)
		if len(els) != 2 {
			return false
		}
		if a, ok := elixir.AtomName(f, els[0]); ok && els[0].Type() == "atom" && a != tags[depth] {
			return false
		} else if !ok && !matches(f, els[0], nil, 0) {
			return false
		}
		return matches(f, els[1], tags, depth+1)
	}
	return false
}

// lookups are the calls that look a registered process up: a lookup-or-create function
// calls one and starts the process when it finds nothing.
var lookups = map[string]bool{
	"Registry.lookup": true, "Registry.whereis_name": true, "Process.whereis": true,
	"GenServer.whereis": true, ":global.whereis_name": true, ":erlang.whereis": true,
	"Horde.Registry.lookup": true, ":syn.lookup": true, ":gproc.where": true, ":gproc.lookup_pid": true,
}

// lookupBefore is a lookup of a registered process made by d before the start c.
func lookupBefore(p *analysis.Pass, em *elixir.Module, d elixir.Def, c *elixir.Call) *elixir.Call {
	calls := p.CallsIn(d.Body)
	for i := range calls {
		l := &calls[i]
		if l.Node.Start() >= c.Node.Start() {
			break
		}
		if l.Module != "" && lookups[em.Resolve(l.Module)+"."+l.Name] {
			return l
		}
	}
	return nil
}

// processModules are the behaviours whose callbacks one process runs one at a time.
var processModules = []string{"GenServer", ":gen_statem", "GenStage", "Agent"}

// serializedBy names the callback of a process module that d is (handle_call/3...): its
// server runs the starts it makes one at a time, so they cannot race each other. "" when
// d is an ordinary function, run by its callers.
func serializedBy(p *analysis.Pass, em *elixir.Module, d elixir.Def) string {
	if !elixir.Callbacks[d.ID()] || d.ID() == "terminate/2" {
		return ""
	}
	m := p.ModuleSummary(em)
	if m == nil {
		return ""
	}
	for _, b := range processModules {
		if m.Is(b) {
			return em.Name + "'s " + d.ID()
		}
	}
	return ""
}

// bootOnce reports whether d runs once when the system boots: Application.start/2 (its
// start calls are OTP004's business), or a supervisor's init/1.
func bootOnce(p *analysis.Pass, em *elixir.Module, d elixir.Def) bool {
	m := p.ModuleSummary(em)
	if m == nil {
		return false
	}
	return d.ID() == "start/2" && m.Is("Application") || d.ID() == "init/1" && (m.Is("Supervisor") || m.Is("DynamicSupervisor"))
}
