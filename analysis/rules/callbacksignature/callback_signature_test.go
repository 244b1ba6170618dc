package callbacksignature_test

import (
	"testing"

	"github.com/otpls/otpls/analysis/rules/callbacksignature"
	"github.com/otpls/otpls/analysis/rules/ruletest"
)

func TestFixtures(t *testing.T) { ruletest.Run(t, callbacksignature.Analyzer) }

func TestGoldensCompile(t *testing.T) { ruletest.CompileGoldens(t, "OTP013") }

// TestCrashes runs each positive fixture: the server crashes as the rule says (a call or
// cast reaching a missing callback, a continue without handle_continue/2), and the fixed
// version does not.
func TestCrashes(t *testing.T) { ruletest.ProveCrashes(t, "OTP013") }
