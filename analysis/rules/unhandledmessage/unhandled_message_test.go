package unhandledmessage_test

import (
	"testing"

	"github.com/otpls/otpls/analysis/rules/ruletest"
	"github.com/otpls/otpls/analysis/rules/unhandledmessage"
)

func TestFixtures(t *testing.T) { ruletest.Run(t, unhandledmessage.Analyzer) }

func TestGoldensCompile(t *testing.T) { ruletest.CompileGoldens(t, "OTP011") }

// Every positive fixture family proves its crash: the input server dies with
// function_clause on the predicted message, the fixed one stays alive.
func TestCrashes(t *testing.T) { ruletest.ProveCrashes(t, "OTP011") }
