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

// A wait in terminate/2 holds up no caller, an await of tasks that only compute waits for
// their work, an await with a finite timeout is bounded, a wait in a server with no
// handle_call holds up no caller, and callers that give up soon are not held up: all are
// reported as Information, the others as Warning
// (docs/rules/OTP003.md).
func TestSeverities(t *testing.T) {
	dir := filepath.Join(ruletest.Root(t), "testdata", "rules", "OTP003")
	for _, path := range []string{filepath.Join(dir, "consequence", "pipeline.ex"), filepath.Join(dir, "calls", "waits.ex"),
		filepath.Join(dir, "callers", "pacing.ex"), filepath.Join(dir, "callers", "bounded.ex"),
		filepath.Join(dir, "callers", "impatient.ex")} {
		res := workspace.Analyze([]string{path}, workspace.Options{Analyzers: []*analysis.Analyzer{blockingcallback.Analyzer}})
		if len(res.Diagnostics[path]) == 0 {
			t.Fatalf("%s: no diagnostics", path)
		}
		for _, d := range res.Diagnostics[path] {
			want := analysis.Warning
			if informational(d.Message) {
				want = analysis.Information
			}
			if d.Severity != want {
				t.Errorf("severity %v, want %v: %s", d.Severity, want, d.Message)
			}
		}
	}
}

// informational reports whether a message is one of those the doc reports as Information.
func informational(message string) bool {
	for _, s := range []string{"terminate/2", "until the tasks it awaits finish", " waits up to ", "no caller waits on a reply", "gives up after at most"} {
		if strings.Contains(message, s) {
			return true
		}
	}
	return false
}
