package startchildrace_test

import (
	"strings"
	"testing"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/rules/ruletest"
	"github.com/otpls/otpls/analysis/rules/startchildrace"
	"github.com/otpls/otpls/analysis/workspace"
)

func TestFixtures(t *testing.T) { ruletest.Run(t, startchildrace.Analyzer) }

func TestGoldensCompile(t *testing.T) { ruletest.CompileGoldens(t, "OTP017") }

// TestProve runs the drivers: two callers start the same named child at once, and the
// loser crashes on {:error, {:already_started, pid}} in the code as written; after the fix
// both get the pid.
func TestProve(t *testing.T) { ruletest.ProveCrashes(t, "OTP017") }

// TestSeverities: lookup-or-create run by callers is a Warning with an unsafe fix; the
// hints (serialized by a server, or no lookup first) are Information and carry no fix.
func TestSeverities(t *testing.T) {
	seen := map[analysis.Severity]int{}
	for _, c := range ruletest.Cases(t, "OTP017") {
		res := workspace.Analyze(c.Files, workspace.Options{Analyzers: []*analysis.Analyzer{startchildrace.Analyzer}})
		for _, diags := range res.Diagnostics {
			for _, d := range diags {
				seen[d.Severity]++
				hint := strings.Contains(d.Message, "left as a hint because")
				switch {
				case hint != (d.Severity == analysis.Information):
					t.Errorf("%s: severity %v for %q", c.Name, d.Severity, d.Message)
				case hint && len(d.Fixes) > 0:
					t.Errorf("%s: a hint offers %q", c.Name, d.Fixes[0].Label())
				case !hint && (len(d.Fixes) != 1 || d.Fixes[0].Safe || d.Fixes[0].Changes == ""):
					t.Errorf("%s: fixes %+v, want one unsafe fix", c.Name, d.Fixes)
				}
			}
		}
	}
	if seen[analysis.Information] == 0 || seen[analysis.Warning] == 0 {
		t.Fatalf("the fixtures should give both kinds of finding: %v", seen)
	}
}
