package closurecopiesstate_test

import (
	"testing"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/rules/closurecopiesstate"
	"github.com/otpls/otpls/analysis/rules/ruletest"
)

func TestFixtures(t *testing.T) { ruletest.Run(t, closurecopiesstate.Analyzer) }

func TestGoldensCompile(t *testing.T) { ruletest.CompileGoldens(t, "OTP015") }

// TestSeverities pins which copies are Warnings: a copy per item of a stream, of a state
// holding a collection the closure does not read. One copy per spawn, or a copy of scalars,
// is Information.
func TestSeverities(t *testing.T) {
	ruletest.Severities(t, closurecopiesstate.Analyzer, map[string]analysis.Severity{
		"per_item.ex":     analysis.Warning,
		"map_state.ex":    analysis.Information,
		"struct_state.ex": analysis.Information,
		"handed_off.ex":   analysis.Information,
		"no_fix.ex":       analysis.Information,
		"information.ex":  analysis.Information,
	})
}
