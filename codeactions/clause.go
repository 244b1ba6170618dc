package codeactions

import (
	"strings"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/source"
)

// ClauseWithHead is a copy of the stab clause `pattern -> body` (of a case, rescue or
// catch) with head for its pattern, laid out at indent and ended with nl: the body's
// lines are copied as they are, so the copy goes at the clause's own indentation. A
// one-line clause that the new head pushes past LineLength gets its body on the next line,
// as mix format lays it out. ok is false for a clause with no body.
func ClauseWithHead(f *source.File, clause *source.Node, head, indent, nl string) (string, bool) {
	left, body := clause.Child("left"), clause.Child("right")
	exprs := elixir.Exprs(body)
	if left == nil || len(exprs) == 0 {
		return "", false
	}
	rest := f.Text[left.End():exprs[len(exprs)-1].End()] // ` -> body`, its lines as they are
	line := indent + head + rest
	if !strings.Contains(rest, "\n") && width(line) > LineLength {
		_, value, _ := strings.Cut(rest, "->")
		line = indent + head + " ->" + nl + indent + "  " + strings.TrimSpace(value)
	}
	return line + nl, true
}

// ShiftFollowingLines indents every line of text but the first by shift more columns:
// code moved right by shift keeps its layout.
func ShiftFollowingLines(text string, shift int) string { return shiftFollowingLines(text, shift) }

// MultilineString reports whether n holds a string, charlist or sigil spanning lines,
// whose text would change if its lines were re-indented.
func MultilineString(f *source.File, n *source.Node) bool { return multilineString(f, n) }

// StartsLine reports whether only blanks come before off on its line.
func StartsLine(f *source.File, off int) bool {
	return strings.TrimSpace(f.Text[f.LineStartOf(off):off]) == ""
}

// SetApart is the edits putting blank lines around stmt, an expression of a block that a
// fix makes span several lines, where its neighbours touch it: mix format sets a
// multi-line expression apart from the expressions around it.
func SetApart(f *source.File, stmt *source.Node) []analysis.Edit { return separated(f, stmt) }
