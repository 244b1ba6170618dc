package unsupervisedstart_test

import (
	"testing"

	"github.com/otpls/otpls/analysis/rules/ruletest"
	"github.com/otpls/otpls/analysis/rules/unsupervisedstart"
)

func TestFixtures(t *testing.T) { ruletest.Run(t, unsupervisedstart.Analyzer) }

func TestGoldensCompile(t *testing.T) { ruletest.CompileGoldens(t, "OTP004") }
