package closurecopiesstate_test

import (
	"path/filepath"
	"testing"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/rules/closurecopiesstate"
	"github.com/otpls/otpls/analysis/rules/ruletest"
	"github.com/otpls/otpls/analysis/workspace"
)

func TestFixtures(t *testing.T) { ruletest.Run(t, closurecopiesstate.Analyzer) }

func TestGoldensCompile(t *testing.T) { ruletest.CompileGoldens(t, "OTP015") }

// TestSeverities pins which copies are Warnings: those of a state holding a collection the
// closure does not read. A state whose other fields are scalars or of unknown size costs a
// few words per copy, and is reported as Information.
func TestSeverities(t *testing.T) {
	want := map[string]analysis.Severity{
		"map_state.ex":    analysis.Warning,
		"struct_state.ex": analysis.Warning,
		"handed_off.ex":   analysis.Warning,
		"no_fix.ex":       analysis.Warning,
		"information.ex":  analysis.Information,
	}
	dir := filepath.Join(ruletest.Root(t), "testdata", "rules", "OTP015")
	for name, sev := range want {
		path := filepath.Join(dir, name)
		res := workspace.Analyze([]string{path}, workspace.Options{Analyzers: []*analysis.Analyzer{closurecopiesstate.Analyzer}})
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
