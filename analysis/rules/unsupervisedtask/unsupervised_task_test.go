package unsupervisedtask_test

import (
	"testing"

	"github.com/otpls/otpls/analysis/rules/ruletest"
	"github.com/otpls/otpls/analysis/rules/unsupervisedtask"
)

func TestFixtures(t *testing.T) { ruletest.Run(t, unsupervisedtask.Analyzer) }

func TestGoldensCompile(t *testing.T) { ruletest.CompileGoldens(t, "OTP009") }
