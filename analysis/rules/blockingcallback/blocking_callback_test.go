package blockingcallback_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/rules/blockingcallback"
	"github.com/otpls/otpls/analysis/rules/ruletest"
	"github.com/otpls/otpls/analysis/workspace"
)

func TestFixtures(t *testing.T) { ruletest.Run(t, blockingcallback.Analyzer) }

func TestGoldensCompile(t *testing.T) { ruletest.CompileGoldens(t, "OTP003") }

// A wait in terminate/2 holds up no caller, and an await of tasks that only compute waits
// for their work: both are reported as Information, the others as Warning
// (docs/rules/OTP003.md).
func TestSeverities(t *testing.T) {
	dir := filepath.Join(ruletest.Root(t), "testdata", "rules", "OTP003")
	for _, path := range []string{filepath.Join(dir, "consequence", "pipeline.ex"), filepath.Join(dir, "calls", "waits.ex")} {
		res := workspace.Analyze([]string{path}, workspace.Options{Analyzers: []*analysis.Analyzer{blockingcallback.Analyzer}})
		if len(res.Diagnostics[path]) == 0 {
			t.Fatalf("%s: no diagnostics", path)
		}
		for _, d := range res.Diagnostics[path] {
			want := analysis.Warning
			if strings.Contains(d.Message, "terminate/2") || strings.Contains(d.Message, "until the tasks it awaits finish") {
				want = analysis.Information
			}
			if d.Severity != want {
				t.Errorf("severity %v, want %v: %s", d.Severity, want, d.Message)
			}
		}
	}
}
