package rescueexit_test

import (
	"testing"

	"github.com/otpls/otpls/analysis/rules/rescueexit"
	"github.com/otpls/otpls/analysis/rules/ruletest"
)

func TestFixtures(t *testing.T) { ruletest.Run(t, rescueexit.Analyzer) }

func TestGoldensCompile(t *testing.T) { ruletest.CompileGoldens(t, "OTP020") }

// TestProve runs the drivers: the exit passes through the rescue of each fixture as
// written, and the fixed version handles it.
func TestProve(t *testing.T) { ruletest.ProveCrashes(t, "OTP020") }
