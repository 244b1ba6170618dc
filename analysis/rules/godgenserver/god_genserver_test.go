package godgenserver_test

import (
	"testing"

	"github.com/otpls/otpls/analysis/rules/godgenserver"
	"github.com/otpls/otpls/analysis/rules/ruletest"
)

func TestFixtures(t *testing.T) { ruletest.Run(t, godgenserver.Analyzer) }
