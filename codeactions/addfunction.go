package codeactions

import (
	"strings"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/source"
)

// AddFunctionAfter is the edit putting a new function after the definition clause after
// (the last clause of a function, so that clauses of one function stay together): lines,
// given without indentation (an `@impl true` line included when wanted), go on the lines
// after it at its indentation, set apart by a blank line as mix format lays functions out.
// A comment ending after's last line stays on that line. ok is false when code follows
// after on its line.
func AddFunctionAfter(f *source.File, after *source.Node, lines []string) (analysis.Edit, bool) {
	at := after.End
	rest := f.Text[at:f.NextLineStart(at)]
	if trimmed := strings.TrimSpace(rest); trimmed != "" && trimmed[0] != '#' {
		return analysis.Edit{}, false
	}
	at += len(strings.TrimRight(rest, "\r\n"))
	indent, nl := f.IndentAt(after.Start), f.Newline()
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
