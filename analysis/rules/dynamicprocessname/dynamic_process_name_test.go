package dynamicprocessname_test

import (
	"testing"

	"github.com/otpls/otpls/analysis/rules/dynamicprocessname"
	"github.com/otpls/otpls/analysis/rules/ruletest"
)

func TestFixtures(t *testing.T) { ruletest.Run(t, dynamicprocessname.Analyzer) }

func TestGoldensCompile(t *testing.T) { ruletest.CompileGoldens(t, "OTP019") }

// TestProve runs the driver: names made per table leave an atom each behind in the code as
// written, and none once the fix names them in a Registry.
func TestProve(t *testing.T) { ruletest.ProveCrashes(t, "OTP019") }

// TestSeverities: a converted string is a Warning; an interpolated atom or Module.concat is
// Information and carries no fix.
func TestSeverities(t *testing.T) { ruletest.CheckHints(t, dynamicprocessname.Analyzer) }
