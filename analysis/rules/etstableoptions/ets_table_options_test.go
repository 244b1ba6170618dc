package etstableoptions_test

import (
	"testing"

	"github.com/otpls/otpls/analysis/rules/etstableoptions"
	"github.com/otpls/otpls/analysis/rules/ruletest"
)

func TestFixtures(t *testing.T) { ruletest.Run(t, etstableoptions.Analyzer) }

func TestGoldensCompile(t *testing.T) { ruletest.CompileGoldens(t, "OTP010") }
