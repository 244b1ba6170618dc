package messagecontract_test

import (
	"testing"

	"github.com/otpls/otpls/analysis/rules/messagecontract"
	"github.com/otpls/otpls/analysis/rules/ruletest"
)

func TestFixtures(t *testing.T) { ruletest.Run(t, messagecontract.Analyzer) }

func TestGoldensCompile(t *testing.T) { ruletest.CompileGoldens(t, "OTP014") }

// TestCrashes: each family's send crashes the server as the finding says, and the fixed
// send (or the correct twin) does not.
func TestCrashes(t *testing.T) { ruletest.ProveCrashes(t, "OTP014") }
