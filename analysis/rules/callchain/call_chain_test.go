package callchain_test

import (
	"testing"

	"github.com/otpls/otpls/analysis/rules/callchain"
	"github.com/otpls/otpls/analysis/rules/ruletest"
)

func TestFixtures(t *testing.T) { ruletest.Run(t, callchain.Analyzer) }

func TestGoldensCompile(t *testing.T) { ruletest.CompileGoldens(t, "OTP008") }
