package blockingcallback_test

import (
	"testing"

	"github.com/otpls/otpls/analysis/rules/blockingcallback"
	"github.com/otpls/otpls/analysis/rules/ruletest"
)

func TestFixtures(t *testing.T) { ruletest.Run(t, blockingcallback.Analyzer) }

func TestGoldensCompile(t *testing.T) { ruletest.CompileGoldens(t, "OTP003") }
