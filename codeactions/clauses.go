package codeactions

import (
	"strings"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/source"
)

// InsertAfterClauses is the edit adding new clauses (or a new function) right after the
// last clause of a function: clauses are that function's clauses in source order, forms
// of one module body (forms: that body's children). text is the code to add as written
// at column 0, lines separated by "\n": each line is indented as the clauses are, and
// the file's line ending is used. It goes after a blank line, on lines of its own, after
// a comment ending the last clause's line, and after a copy of the `@impl` attribute
// written before the function's first clause when there is one (a callback's clauses
// follow the module's @impl convention). The layout is mix format's. ok is false when
// code follows the last clause on its line.
func InsertAfterClauses(f *source.File, forms []*source.Node, clauses []elixir.Def, text string) (analysis.Edit, bool) {
	if len(clauses) == 0 {
		return analysis.Edit{}, false
	}
	indent := f.IndentAt(clauses[0].Node.Start())
	var lines []string
	if impl := elixir.ImplBefore(f, forms, clauses[0].Node); impl != nil {
		lines = append(lines, f.Slice(impl))
	}
	lines = append(lines, strings.Split(text, "\n")...)
	return addLinesAfter(f, clauses[len(clauses)-1].Node.End(), indent, lines)
}

// addLinesAfter is the edit putting lines (written at column 0; "" for a blank line) on
// lines of their own after the line where off ends, after a blank line, each indented by
// indent, with the file's line ending: how mix format sets a new function or clause apart.
// A comment ending that line stays on it; ok is false when code follows off on its line.
func addLinesAfter(f *source.File, off int, indent string, lines []string) (analysis.Edit, bool) {
	at, ok := lineEndAfter(f, off)
	if !ok {
		return analysis.Edit{}, false
	}
	nl := f.Newline()
	var b strings.Builder
	b.WriteString(nl)
	for _, l := range lines {
		b.WriteString(nl)
		if l != "" {
			b.WriteString(indent + l)
		}
	}
	return analysis.Edit{Path: f.Path, Start: at, End: at, NewText: b.String()}, true
}

// lineEndAfter is where the line holding off ends (before its line terminator), when
// what follows off on it is only blanks and a comment; ok is false when code follows.
func lineEndAfter(f *source.File, off int) (int, bool) {
	next := f.NextLineStart(off)
	end := next
	if end > off && f.Text[end-1] == '\n' {
		end--
		if end > off && f.Text[end-1] == '\r' {
			end--
		}
	}
	rest := strings.TrimSpace(f.Text[off:end])
	if rest != "" && rest[0] != '#' {
		return 0, false
	}
	return end, true
}
