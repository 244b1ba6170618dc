package dynamicprocessname_test

import (
	"strings"
	"testing"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/rules/dynamicprocessname"
	"github.com/otpls/otpls/analysis/rules/ruletest"
	"github.com/otpls/otpls/analysis/workspace"
)

func TestFixtures(t *testing.T) { ruletest.Run(t, dynamicprocessname.Analyzer) }

func TestGoldensCompile(t *testing.T) { ruletest.CompileGoldens(t, "OTP019") }

// TestProve runs the driver: names made per table leave an atom each behind in the code as
// written, and none once the fix names them in a Registry.
func TestProve(t *testing.T) { ruletest.ProveCrashes(t, "OTP019") }

// TestSeverities: a converted string is a Warning; an interpolated atom or Module.concat is
// Information and carries no fix.
func TestSeverities(t *testing.T) {
	seen := map[analysis.Severity]int{}
	for _, c := range ruletest.Cases(t, "OTP019") {
		res := workspace.Analyze(c.Files, workspace.Options{Analyzers: []*analysis.Analyzer{dynamicprocessname.Analyzer}})
		for _, diags := range res.Diagnostics {
			for _, d := range diags {
				seen[d.Severity]++
				hint := strings.Contains(d.Message, "left as a hint because")
				switch {
				case hint != (d.Severity == analysis.Information):
					t.Errorf("%s: severity %v for %q", c.Name, d.Severity, d.Message)
				case hint && len(d.Fixes) > 0:
					t.Errorf("%s: a hint offers %q", c.Name, d.Fixes[0].Label())
				case len(d.Fixes) > 0 && (d.Fixes[0].Safe || d.Fixes[0].Changes == ""):
					t.Errorf("%s: fix %+v should be unsafe and say what changes", c.Name, d.Fixes[0])
				}
			}
		}
	}
	if seen[analysis.Information] == 0 || seen[analysis.Warning] == 0 {
		t.Fatalf("the fixtures should give both kinds of finding: %v", seen)
	}
}
