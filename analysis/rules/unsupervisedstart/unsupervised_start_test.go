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

// An unlinked start the server monitors is Information; every other finding is a Warning.
func TestOwnerSeverity(t *testing.T) {
	path := filepath.Join(ruletest.Root(t), "testdata", "rules", "OTP004", "owner", "servers.ex")
	res := workspace.Analyze([]string{path}, workspace.Options{Analyzers: []*analysis.Analyzer{unsupervisedstart.Analyzer}})
	diags := res.Diagnostics[path]
	if len(diags) != 4 {
		t.Fatalf("got %d diagnostics, want 4", len(diags))
	}
	for _, d := range diags {
		want := analysis.Warning
		if strings.Contains(d.Message, "monitors but is not linked") {
			want = analysis.Information
		}
		if d.Severity != want {
			t.Errorf("line %d: severity %v, want %v (%s)", d.Range.Start.Line+1, d.Severity, want, d.Message)
		}
	}
}
