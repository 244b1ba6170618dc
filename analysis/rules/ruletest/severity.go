package ruletest

import (
	"path/filepath"
	"testing"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/workspace"
)

// Severities checks a rule's severity calibration: every finding in each named fixture
// file of testdata/rules/<a.Code> has the severity given for that file, and each file has
// at least one finding.
func Severities(t *testing.T, a *analysis.Analyzer, want map[string]analysis.Severity) {
	dir := filepath.Join(Root(t), "testdata", "rules", a.Code)
	for name, sev := range want {
		res := workspace.Analyze([]string{filepath.Join(dir, name)}, workspace.Options{Analyzers: []*analysis.Analyzer{a}})
		n := 0
		for _, diags := range res.Diagnostics {
			for _, d := range diags {
				n++
				if d.Severity != sev {
					t.Errorf("%s:%d: severity %v, want %v: %s", name, d.Range.Start.Line+1, d.Severity, sev, d.Message)
				}
			}
		}
		if n == 0 {
			t.Errorf("%s: no finding", name)
		}
	}
}
