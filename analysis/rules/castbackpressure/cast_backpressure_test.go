package castbackpressure_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/rules/castbackpressure"
	"github.com/otpls/otpls/analysis/rules/ruletest"
	"github.com/otpls/otpls/analysis/workspace"
)

func TestFixtures(t *testing.T) { ruletest.Run(t, castbackpressure.Analyzer) }

func TestGoldensCompile(t *testing.T) { ruletest.CompileGoldens(t, "OTP007") }

// A bare trigger (a literal atom message) is Information and offers no fix; a message
// carrying data is a Warning (docs/rules/OTP007.md).
func TestTriggerSeverity(t *testing.T) {
	path := filepath.Join(ruletest.Root(t), "testdata", "rules", "OTP007", "triggers", "vacuum.ex")
	res := workspace.Analyze([]string{path}, workspace.Options{Analyzers: []*analysis.Analyzer{castbackpressure.Analyzer}})
	if len(res.Diagnostics[path]) != 3 {
		t.Fatalf("%d diagnostics, want 3", len(res.Diagnostics[path]))
	}
	for _, d := range res.Diagnostics[path] {
		trigger := strings.Contains(d.Message, "bare trigger")
		want := analysis.Warning
		if trigger {
			want = analysis.Information
		}
		if d.Severity != want {
			t.Errorf("severity %v, want %v: %s", d.Severity, want, d.Message)
		}
		if trigger && len(d.Fixes) > 0 {
			t.Errorf("a trigger is offered a fix: %s", d.Message)
		}
	}
}
