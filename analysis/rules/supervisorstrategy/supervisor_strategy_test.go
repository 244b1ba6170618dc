package supervisorstrategy_test

import (
	"strings"
	"testing"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/config"
	"github.com/otpls/otpls/analysis/rules/ruletest"
	"github.com/otpls/otpls/analysis/rules/supervisorstrategy"
	"github.com/otpls/otpls/analysis/workspace"
)

func TestFixtures(t *testing.T) { ruletest.Run(t, supervisorstrategy.Analyzer) }

func TestGoldensCompile(t *testing.T) { ruletest.CompileGoldens(t, "OTP005") }

// TestFixKinds: the strategy change is unsafe (it changes which children restart
// together), and a dependency-chain finding, at Information, carries no fix at all, so
// fix-all never applies a heuristic.
func TestFixKinds(t *testing.T) {
	cases := ruletest.Cases(t, "OTP005")
	var files []string
	for _, c := range cases {
		if c.Name == "shapes" {
			files = c.Files
		}
	}
	res := workspace.Analyze(files, workspace.Options{Config: config.Default(), Analyzers: []*analysis.Analyzer{supervisorstrategy.Analyzer}})
	seen := map[analysis.Severity]int{}
	for _, diags := range res.Diagnostics {
		for _, d := range diags {
			seen[d.Severity]++
			switch {
			case d.Severity == analysis.Information && len(d.Fixes) > 0:
				t.Errorf("line %d: an Information finding offers %q", d.Range.Start.Line+1, d.Fixes[0].Label())
			case strings.Contains(d.Message, ":one_for_all restarts") && (len(d.Fixes) != 1 || d.Fixes[0].Safe || d.Fixes[0].Label() != "Use strategy: :one_for_one (changes which children restart together)"):
				t.Errorf("line %d: fixes %+v, want one unsafe strategy change", d.Range.Start.Line+1, d.Fixes)
			}
		}
	}
	if seen[analysis.Information] == 0 || seen[analysis.Warning] == 0 {
		t.Fatalf("the shapes fixtures should give both kinds of finding: %v", seen)
	}
}
