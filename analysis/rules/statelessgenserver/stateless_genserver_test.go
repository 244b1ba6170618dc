package statelessgenserver_test

import (
	"testing"

	"github.com/otpls/otpls/analysis/rules/ruletest"
	"github.com/otpls/otpls/analysis/rules/statelessgenserver"
)

func TestFixtures(t *testing.T) { ruletest.Run(t, statelessgenserver.Analyzer) }

func TestGoldensCompile(t *testing.T) { ruletest.CompileGoldens(t, "OTP002") }
