package childspec_test

import (
	"testing"

	"github.com/otpls/otpls/analysis/rules/childspec"
	"github.com/otpls/otpls/analysis/rules/ruletest"
)

func TestFixtures(t *testing.T) { ruletest.Run(t, childspec.Analyzer) }

func TestGoldensCompile(t *testing.T) { ruletest.CompileGoldens(t, "OTP006") }
