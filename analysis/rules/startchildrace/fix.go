package startchildrace

import (
	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/source"
	"github.com/otpls/otpls/codeactions"
)

// alreadyStarted maps the loser's error to the winner's pid, as a case clause.
const alreadyStarted = "{:error, {:already_started, pid}} -> {:ok, pid}"

// fix makes the start take the running process (docs/rules/OTP017.md, "Fix safety"):
//   - `{:ok, pid} = start` becomes `{:ok, pid} = case start do` with a clause mapping
//     `{:error, {:already_started, pid}}` to `{:ok, pid}` and one returning anything else,
//     so every other error still fails the match as before;
//   - a `case start do` gets, after its `{:ok, pid} ->` clause, the same clause for
//     `{:error, {:already_started, pid}}`.
//
// Both are laid out as mix format would. No fix when the code does not sit on lines of its
// own, a string in the start spans lines, or the case has no plain `{:ok, pid}` clause.
func fix(p *analysis.Pass, s start) (analysis.Fix, bool) {
	var edits []analysis.Edit
	var ok bool
	if s.match != nil {
		edits, ok = matchFix(p.File, s)
	} else {
		edits, ok = caseFix(p.File, s)
	}
	if !ok {
		return analysis.Fix{}, false
	}
	return analysis.Fix{
		Title:   "Take the running process when the start finds it already started",
		Changes: "a start that loses the race returns the winner's pid instead of crashing",
		Edits:   edits,
	}, true
}

// matchFix wraps the start of `{:ok, pid} = start` in a case.
func matchFix(f *source.File, s start) ([]analysis.Edit, bool) {
	m := s.match
	left := m.Child("left")
	if !codeactions.StartsLine(f, m.Start()) || codeactions.MultilineString(f, s.expr) {
		return nil, false
	}
	nl := f.Newline()
	indent := f.IndentAt(m.Start())
	inner := indent + "  "
	// mix format lines the start's continuation lines up under the call after `case `.
	shift := len(inner+"case ") - len(f.IndentAt(s.expr.Start()))
	text := f.Slice(left) + " =" + nl +
		inner + "case " + codeactions.ShiftFollowingLines(f.Slice(s.expr), shift) + " do" + nl +
		inner + "  " + alreadyStarted + nl +
		inner + "  other -> other" + nl +
		inner + "end"
	edits := []analysis.Edit{{Path: f.Path, Start: m.Start(), End: m.End(), NewText: text}}
	return append(edits, codeactions.SetApart(f, m)...), true
}

// caseFix adds the already-started clause after the case's `{:ok, pid} ->` clause, with its
// body.
func caseFix(f *source.File, s start) ([]analysis.Edit, bool) {
	clause, pid := okClause(f, s.kase)
	if clause == nil || !codeactions.StartsLine(f, clause.Start()) {
		return nil, false
	}
	exprs := elixir.Exprs(clause.Child("right"))
	if len(exprs) == 0 {
		return nil, false
	}
	head := "{:error, {:already_started, " + pid + "}}"
	text, ok := codeactions.ClauseWithHead(f, clause, head, f.IndentAt(clause.Start()), f.Newline())
	if !ok {
		return nil, false
	}
	at := f.NextLineStart(exprs[len(exprs)-1].End())
	if f.BlankLine(at) {
		text = f.Newline() + text // clauses set apart by blank lines stay so
	}
	return []analysis.Edit{{Path: f.Path, Start: at, End: at, NewText: text}}, true
}

// okClause is the case's clause whose whole head is `{:ok, pid}` (a variable, no guard),
// and the variable as written.
func okClause(f *source.File, kase *elixir.Call) (*source.Node, string) {
	for clause := range kase.DoBlock().Children() {
		if clause.Type() != "stab_clause" || clause.Child("left") == nil {
			continue
		}
		args := clause.Child("left").NamedChildren()
		if len(args) != 1 || !okTuple(f, args[0]) {
			continue
		}
		pid := elixir.Elements(args[0])[1]
		if pid.Type() == "identifier" {
			return clause, f.Slice(pid)
		}
	}
	return nil, ""
}
