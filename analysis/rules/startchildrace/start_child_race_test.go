package startchildrace_test

import (
	"testing"

	"github.com/otpls/otpls/analysis/rules/ruletest"
	"github.com/otpls/otpls/analysis/rules/startchildrace"
)

func TestFixtures(t *testing.T) { ruletest.Run(t, startchildrace.Analyzer) }

func TestGoldensCompile(t *testing.T) { ruletest.CompileGoldens(t, "OTP017") }

// TestProve runs the drivers: two callers start the same named child at once, and the
// loser crashes on {:error, {:already_started, pid}} in the code as written; after the fix
// both get the pid.
func TestProve(t *testing.T) { ruletest.ProveCrashes(t, "OTP017") }

// TestSeverities: lookup-or-create run by callers is a Warning with an unsafe fix; the
// hints (serialized by a server, or no lookup first) are Information and carry no fix.
func TestSeverities(t *testing.T) { ruletest.CheckHints(t, startchildrace.Analyzer) }
