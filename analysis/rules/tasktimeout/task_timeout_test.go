package tasktimeout_test

import (
	"testing"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/rules/ruletest"
	"github.com/otpls/otpls/analysis/rules/tasktimeout"
)

func TestFixtures(t *testing.T) { ruletest.Run(t, tasktimeout.Analyzer) }

func TestGoldensCompile(t *testing.T) { ruletest.CompileGoldens(t, "OTP018") }

// TestProveTimeouts runs the fixtures' drivers: an item (or an awaited task) slower than
// 5 s exits the caller as written, and no longer does after the fix.
func TestProveTimeouts(t *testing.T) { ruletest.ProveCrashes(t, "OTP018") }

// TestSeverities pins the calibration: network, database, external commands and long
// calls are Warnings; local file work, which rarely takes seconds, is Information.
func TestSeverities(t *testing.T) {
	ruletest.Severities(t, tasktimeout.Analyzer, map[string]analysis.Severity{
		"streams.ex":     analysis.Warning,
		"consumers.ex":   analysis.Warning,
		"awaits.ex":      analysis.Warning,
		"slow_item.ex":   analysis.Warning,
		"local_files.ex": analysis.Information,
	})
}
