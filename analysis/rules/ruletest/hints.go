package ruletest

import (
	"strings"
	"testing"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/workspace"
)

// HintMarker is how a rule's message says a finding is left at Information and why.
const HintMarker = "left as a hint because"

// CheckHints runs a over its fixtures and checks the severity a message claims: a finding
// whose message says it is left as a hint is Information and offers no fix (`otpls fix
// --unsafe` applies every fix offered, and a hint is not evidence enough), every other one
// is of a's severity, and its fixes are unsafe. The fixtures must give both kinds.
func CheckHints(t *testing.T, a *analysis.Analyzer) {
	t.Helper()
	seen := map[bool]int{}
	for _, c := range Cases(t, a.Code) {
		res := workspace.Analyze(c.Files, workspace.Options{Analyzers: []*analysis.Analyzer{a}})
		for _, diags := range res.Diagnostics {
			for _, d := range diags {
				hint := strings.Contains(d.Message, HintMarker)
				seen[hint]++
				switch {
				case hint && d.Severity != analysis.Information, !hint && d.Severity != a.Severity:
					t.Errorf("%s: severity %v for %q", c.Name, d.Severity, d.Message)
				case hint && len(d.Fixes) > 0:
					t.Errorf("%s: a hint offers %q", c.Name, d.Fixes[0].Label())
				case len(d.Fixes) > 0 && (d.Fixes[0].Safe || d.Fixes[0].Changes == ""):
					t.Errorf("%s: fix %q should be unsafe and say what changes", c.Name, d.Fixes[0].Label())
				}
			}
		}
	}
	if seen[true] == 0 || seen[false] == 0 {
		t.Fatalf("%s: the fixtures should give both hints and %v findings: %v", a.Code, a.Severity, seen)
	}
}
