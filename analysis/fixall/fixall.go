// Package fixall is the batch fix driver: it analyses files, applies the fixes the
// diagnostics offer, and repeats on the edited text until nothing changes. The CLI's
// `otpls fix` and the rule tests' goldens use it. It lives apart from codeactions (the edit
// application and the rewrites rules share) so that a rule offering a fix does not depend
// on the batch analysis, the disk walker and glob matching of analysis/workspace.
package fixall

import (
	"fmt"
	"maps"
	"os"
	"slices"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/source"
	"github.com/otpls/otpls/analysis/workspace"
	"github.com/otpls/otpls/codeactions"
)

// Result is the outcome of Run.
type Result struct {
	// Original and Fixed hold the text of every file that changed.
	Original map[string]string
	Fixed    map[string]string
	// Applied counts applied fixes by diagnostic code.
	Applied map[string]int
	// Rejected explains files whose edits were dropped because the result did not parse.
	Rejected map[string]string
	// Unusable holds each fix left out because its rewrite would not parse there (see
	// analysis.Fix.Verify); the file's other fixes still apply.
	Unusable map[UnusableFix]bool
	// Remaining are the diagnostics left after the last round.
	Remaining *workspace.Result
}

// UnusableFix names a fix Run left out: the file of its diagnostic and its title.
type UnusableFix struct{ Path, Title string }

// Run analyses paths, applies the non-conflicting fixes the policy allows (safe fixes of
// Warning and Error findings by default), and repeats on the edited text until no fix applies or maxRounds pass.
// Nothing is written: the caller decides (the CLI writes atomically, tests compare goldens).
// A file whose edited text has syntax errors its original did not have keeps its text.
func Run(paths []string, opts workspace.Options, policy codeactions.Policy, maxRounds int) *Result {
	res := &Result{Original: map[string]string{}, Fixed: map[string]string{}, Applied: map[string]int{}, Rejected: map[string]string{}, Unusable: map[UnusableFix]bool{}}
	texts := map[string]string{}
	for k, v := range opts.Texts {
		texts[k] = v
	}
	for round := 0; ; round++ {
		opts.Texts = texts
		r := workspace.Analyze(paths, opts)
		res.Remaining = r
		if round == maxRounds {
			break
		}
		var diags []analysis.Diagnostic
		for _, p := range slices.Sorted(maps.Keys(r.Diagnostics)) {
			diags = append(diags, r.Diagnostics[p]...)
		}
		fixes := codeactions.SelectFixes(diags, policy, func(d analysis.Diagnostic, fx analysis.Fix) bool {
			if codeactions.Usable(r.Files[d.Path], fx) {
				return true
			}
			res.Unusable[UnusableFix{Path: d.Path, Title: fx.Title}] = true
			return false
		})
		var kept []analysis.Fix
		for _, fx := range fixes {
			if !touches(fx, res.Rejected) {
				kept = append(kept, fx)
			}
		}
		if len(kept) == 0 {
			break
		}
		progressed := false
		for path, edits := range codeactions.ByPath(kept) {
			before, ok := currentText(path, texts, r)
			if !ok {
				res.Rejected[path] = "cannot read the file"
				continue
			}
			after, err := codeactions.Apply(before, edits)
			if err != nil {
				res.Rejected[path] = err.Error()
				continue
			}
			if n := codeactions.SyntaxErrorsAdded(path, errorsIn(path, before, r), after); n > 0 {
				res.Rejected[path] = fmt.Sprintf("the fixed text would not parse (%d new syntax errors); left unchanged", n)
				continue
			}
			if _, seen := res.Original[path]; !seen {
				res.Original[path] = before
			}
			if after != before {
				progressed = true
			}
			texts[path] = after
			res.Fixed[path] = after
		}
		if !progressed {
			break
		}
		for _, d := range diags {
			for _, fx := range kept {
				if len(d.Fixes) > 0 && sameFix(d.Fixes, fx) {
					res.Applied[d.Code]++ // once per problem, however many fixes share its edits
					break
				}
			}
		}
	}
	for p, fixed := range res.Fixed {
		if res.Original[p] == fixed {
			delete(res.Fixed, p)
			delete(res.Original, p)
		}
	}
	return res
}

func touches(fx analysis.Fix, rejected map[string]string) bool {
	for _, e := range fx.Edits {
		if _, bad := rejected[e.Path]; bad {
			return true
		}
	}
	return false
}

func sameFix(fixes []analysis.Fix, fx analysis.Fix) bool {
	for _, f := range fixes {
		if f.Title == fx.Title && len(f.Edits) == len(fx.Edits) && (len(f.Edits) == 0 || f.Edits[0] == fx.Edits[0]) {
			return true
		}
	}
	return false
}

// errorsIn counts the syntax errors of text, the file at path before this round's fixes:
// from the round's analysis when it parsed that text, by a parse otherwise (a fix may
// edit a file the run was not given).
func errorsIn(path, text string, r *workspace.Result) int {
	if f, ok := r.Files[path]; ok && f.Text == text {
		return len(f.Errors)
	}
	return len(source.Parse(path, text).Errors)
}

func currentText(path string, texts map[string]string, r *workspace.Result) (string, bool) {
	if t, ok := texts[path]; ok {
		return t, true
	}
	if f, ok := r.Files[path]; ok {
		return f.Text, true
	}
	data, err := os.ReadFile(path)
	return string(data), err == nil
}
