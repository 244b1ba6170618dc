package castbackpressure_test

import (
	"testing"

	"github.com/otpls/otpls/analysis/rules/castbackpressure"
	"github.com/otpls/otpls/analysis/rules/ruletest"
)

func TestFixtures(t *testing.T) { ruletest.Run(t, castbackpressure.Analyzer) }

func TestGoldensCompile(t *testing.T) { ruletest.CompileGoldens(t, "OTP007") }
