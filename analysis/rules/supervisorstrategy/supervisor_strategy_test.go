package supervisorstrategy_test

import (
	"testing"

	"github.com/otpls/otpls/analysis/rules/ruletest"
	"github.com/otpls/otpls/analysis/rules/supervisorstrategy"
)

func TestFixtures(t *testing.T) { ruletest.Run(t, supervisorstrategy.Analyzer) }

func TestGoldensCompile(t *testing.T) { ruletest.CompileGoldens(t, "OTP005") }
