// Package codeactions turns fixes into edited text (for the CLI) and into LSP edits, and
// holds the rewrites several rules share (finding or adding the Task.Supervisor).
package codeactions

import (
	"fmt"
	"sort"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/source"
)

// Conflict is returned when edits overlap.
type Conflict struct{ A, B analysis.Edit }

func (c *Conflict) Error() string {
	return fmt.Sprintf("edits overlap in %s: [%d,%d) and [%d,%d)", c.A.Path, c.A.Start, c.A.End, c.B.Start, c.B.End)
}

// Apply applies edits of one file to text. Identical edits count once; overlapping ones
// are a Conflict. Two insertions at the same offset are applied in the given order.
func Apply(text string, edits []analysis.Edit) (string, error) {
	edits = dedupe(edits)
	sorted := make([]analysis.Edit, len(edits))
	copy(sorted, edits)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Start < sorted[j].Start })
	for i := 1; i < len(sorted); i++ {
		if overlaps(sorted[i-1], sorted[i]) {
			return "", &Conflict{sorted[i-1], sorted[i]}
		}
	}
	out := make([]byte, 0, len(text))
	pos := 0
	for _, e := range sorted {
		if e.Start < pos || e.End > len(text) || e.Start > e.End {
			return "", fmt.Errorf("edit [%d,%d) lies outside the text (%d bytes)", e.Start, e.End, len(text))
		}
		out = append(out, text[pos:e.Start]...)
		out = append(out, e.NewText...)
		pos = e.End
	}
	out = append(out, text[pos:]...)
	return string(out), nil
}

func overlaps(a, b analysis.Edit) bool {
	if a.Path != b.Path {
		return false
	}
	// Insertions at the same point do not overlap each other; a replacement containing
	// another edit's start does.
	return b.Start < a.End || (a.Start == b.Start && a.End > a.Start && b.End > b.Start)
}

func dedupe(edits []analysis.Edit) []analysis.Edit {
	seen := map[analysis.Edit]bool{}
	out := make([]analysis.Edit, 0, len(edits))
	for _, e := range edits {
		if !seen[e] {
			seen[e] = true
			out = append(out, e)
		}
	}
	return out
}

// Policy says which fixes a fix-all applies.
type Policy struct {
	// Unsafe: unsafe fixes too (`otpls fix --unsafe`), not only those that keep behaviour.
	Unsafe bool
	// Hints: the fixes of Information and Hint findings too. A hint is a heuristic finding
	// the user has not agreed matters, so `otpls fix` and the editor's fix-all leave its fix
	// to a quick fix the user picks; the fixture goldens apply every fix.
	Hints bool
}

// SelectFixes picks, in diagnostic order, the first fix of each diagnostic that the policy
// allows, usable (usable(d, fx) when usable is not nil; asked only of fixes otherwise
// allowed) and not overlapping fixes picked before. The rest wait for the next round (the
// CLI re-analyses and repeats).
func SelectFixes(diags []analysis.Diagnostic, policy Policy, usable func(d analysis.Diagnostic, fx analysis.Fix) bool) []analysis.Fix {
	var picked []analysis.Fix
	var taken []analysis.Edit
	for _, d := range diags {
		if d.Severity > analysis.Warning && !policy.Hints {
			continue
		}
		for _, fx := range d.Fixes {
			if !fx.Safe && !policy.Unsafe || usable != nil && !usable(d, fx) {
				continue
			}
			if conflictsWith(fx.Edits, taken) {
				break
			}
			picked = append(picked, fx)
			taken = append(taken, fx.Edits...)
			break
		}
	}
	return picked
}

func conflictsWith(edits, taken []analysis.Edit) bool {
	for _, e := range edits {
		for _, t := range taken {
			if e == t {
				continue // the same edit twice (e.g. adding the same child) is fine
			}
			a, b := e, t
			if b.Start < a.Start {
				a, b = b, a
			}
			if overlaps(a, b) {
				return true
			}
		}
	}
	return false
}

// ByPath groups the edits of fixes by file, identical edits once.
func ByPath(fixes []analysis.Fix) map[string][]analysis.Edit {
	out := map[string][]analysis.Edit{}
	for _, fx := range fixes {
		for _, e := range fx.Edits {
			out[e.Path] = append(out[e.Path], e)
		}
	}
	for p, es := range out {
		out[p] = dedupe(es)
	}
	return out
}

// ClauseText is the text of a definition clause with its line's indentation in front,
// to its end, with edits (at file offsets, inside the clause) applied: the form a
// rewritten clause is moved or inserted in. Code before the clause on its line stays
// where it is (it is not part of the clause, and copying it would duplicate it).
func ClauseText(f *source.File, clause *source.Node, edits []analysis.Edit) (string, error) {
	rel := make([]analysis.Edit, len(edits))
	for i, e := range edits {
		rel[i] = analysis.Edit{Start: e.Start - clause.Start(), End: e.End - clause.Start(), NewText: e.NewText}
	}
	text, err := Apply(f.Text[clause.Start():clause.End()], rel)
	return f.IndentAt(clause.Start()) + text, err
}

// SyntaxErrorsAdded is how many more syntax errors after, a new text of the file at path,
// has than the before errors its old text had (0 when none). The CLI refuses a file whose
// fixed text adds any, and Usable refuses a Verify fix that would.
func SyntaxErrorsAdded(path string, before int, after string) int {
	return max(0, len(source.Parse(path, after).Errors)-before)
}

// Usable reports whether fx may be offered or applied to f, the file its diagnostic is
// in: a fix marked Verify only when its edits of f leave f parsing as cleanly as before.
func Usable(f *source.File, fx analysis.Fix) bool {
	if !fx.Verify || f == nil {
		return true
	}
	var mine []analysis.Edit
	for _, e := range fx.Edits {
		if e.Path == f.Path {
			mine = append(mine, e)
		}
	}
	after, err := Apply(f.Text, mine)
	return err == nil && SyntaxErrorsAdded(f.Path, len(f.Errors), after) == 0
}
