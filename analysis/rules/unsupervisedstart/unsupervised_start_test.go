package unsupervisedstart_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/rules/ruletest"
	"github.com/otpls/otpls/analysis/rules/unsupervisedstart"
	"github.com/otpls/otpls/analysis/workspace"
)

func TestFixtures(t *testing.T) { ruletest.Run(t, unsupervisedstart.Analyzer) }

func TestGoldensCompile(t *testing.T) { ruletest.CompileGoldens(t, "OTP004") }

// Application.start/2's findings are Warnings; starts in ordinary code are Information
// (docs/rules/OTP004.md).
func TestSeverity(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join(ruletest.Root(t), "testdata", "rules", "OTP004", "*", "*.ex"))
	res := workspace.Analyze(paths, workspace.Options{Analyzers: []*analysis.Analyzer{unsupervisedstart.Analyzer}})
	seen := map[analysis.Severity]int{}
	for path, diags := range res.Diagnostics {
		for _, d := range diags {
			want := analysis.Information
			if strings.Contains(d.Message, "outside the supervision tree") || strings.Contains(d.Message, "instead of a supervisor's start result") {
				want = analysis.Warning
			}
			seen[d.Severity]++
			if d.Severity != want {
				t.Errorf("%s:%d: severity %v, want %v (%s)", filepath.Base(path), d.Range.Start.Line+1, d.Severity, want, d.Message)
			}
		}
	}
	if seen[analysis.Warning] == 0 || seen[analysis.Information] == 0 {
		t.Errorf("want both Warnings and Information findings, got %v", seen)
	}
}
