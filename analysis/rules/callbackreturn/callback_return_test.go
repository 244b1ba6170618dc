package callbackreturn_test

import (
	"testing"

	"github.com/otpls/otpls/analysis/rules/callbackreturn"
	"github.com/otpls/otpls/analysis/rules/ruletest"
)

func TestFixtures(t *testing.T) { ruletest.Run(t, callbackreturn.Analyzer) }

func TestGoldensCompile(t *testing.T) { ruletest.CompileGoldens(t, "OTP012") }

// TestCrashes runs each positive fixture: the value the rule reports crashes the server
// as its message says, and the fixed version does not.
func TestCrashes(t *testing.T) { ruletest.ProveCrashes(t, "OTP012") }
