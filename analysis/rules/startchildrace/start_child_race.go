// Package startchildrace is OTP017 start-child-race: a start of a named process whose
// `{:error, {:already_started, pid}}` is not handled. What it flags, what it leaves alone
// and why: docs/rules/OTP017.md.
package startchildrace

import (
	"fmt"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/source"
)

// Analyzer is OTP017.
var Analyzer = &analysis.Analyzer{
	Code:     "OTP017",
	Name:     "start-child-race",
	Title:    "Start of a named process that fails on {:error, {:already_started, pid}}",
	Severity: analysis.Warning,
	InTests:  analysis.OffInTests,
	Doc:      doc,
	Facts:    []*index.FactKind{registersFact.Kind()},
	Run:      run,
}

// start is one start of a named process whose result is matched as success only.
type start struct {
	call  *elixir.Call
	expr  *source.Node // the start expression (the whole pipe when piped)
	named named
	// match is the `{:ok, pid} = start` assignment; kase the `case start do` call.
	match *source.Node
	kase  *elixir.Call
	def   elixir.Def
	// lookup is the registry lookup earlier in the function that found nothing.
	lookup *elixir.Call
	// serialized names the callback whose server makes every start of the function in turn.
	serialized string
}

func run(p *analysis.Pass) {
	calls := p.Calls()
	for i := range calls {
		c := &calls[i]
		if c.Module == "" || c.Name != "start_child" && c.Name != "start_link" && c.Name != "start" {
			continue // most calls: no module lookup for them
		}
		em := p.Module(c.Node)
		if em == nil {
			continue
		}
		n, ok := namedStart(p, em, c)
		if !ok || !elixir.InExpression(p.File, c.Node) {
			continue
		}
		s := start{call: c, expr: startExpr(p.File, c), named: n}
		if !failsOnAlreadyStarted(p.File, &s) {
			continue
		}
		d, ok := elixir.EnclosingDef(p.File, c.Node)
		if !ok || bootOnce(p, em, d) {
			continue
		}
		s.def = d
		s.lookup = lookupBefore(p, em, d, c)
		s.serialized = serializedBy(p, em, d)
		report(p, s)
	}
}

// startExpr is the expression whose value is the start's result: the call, or the pipe
// ending in it.
func startExpr(f *source.File, c *elixir.Call) *source.Node {
	if c.Piped() {
		return c.Node.Parent()
	}
	return c.Node
}

func report(p *analysis.Pass, s start) {
	d := p.Report(s.call.Node, "%s", message(s))
	if s.lookup != nil {
		d.Related = append(d.Related, analysis.Related{Loc: p.Loc(s.lookup.Node), Message: "the lookup that found nothing"})
	}
	if s.lookup == nil || s.serialized != "" {
		// A hint carries no fix: `otpls fix --unsafe` applies every fix offered, and a
		// second start here may well be the bug the crash exposes.
		d.Severity = analysis.Information
		return
	}
	if fx, ok := fix(p, s); ok {
		d.Fixes = append(d.Fixes, fx)
	}
}

// message says what fails and how: a MatchError on the match, a CaseClauseError on the
// case; Information findings say why they are left as hints.
func message(s start) string {
	what := elixir.FuncID(s.named.call, s.call.Arity()) + " " + s.named.what
	fails := "fails this match with a MatchError"
	if s.kase != nil {
		fails = "matches no clause of this case (a CaseClauseError)"
	}
	switch {
	case s.lookup != nil && s.serialized == "":
		return fmt.Sprintf("%s after %s found nothing: two callers can both find nothing and both start it, and the loser's {:error, {:already_started, pid}} %s", what, s.lookup.Qualified(), fails)
	case s.lookup != nil:
		return fmt.Sprintf("%s after %s found nothing: a start elsewhere returns {:error, {:already_started, pid}}, which %s (left as a hint because %s runs these starts one at a time)", what, s.lookup.Qualified(), fails, s.serialized)
	}
	return fmt.Sprintf("%s: once it runs, another start returns {:error, {:already_started, pid}}, which %s (left as a hint because nothing here looks for a running one first, so it may be started only once)", what, fails)
}
