package codeactions

import (
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
	return addLinesAfter(f, after.End(), f.IndentAt(after.Start()), lines)
}
