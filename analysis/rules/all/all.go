// Package all registers every otpls rule; import it for its side effect.
package all

import (
	_ "github.com/otpls/otpls/analysis/rules/blockingcallback"
	_ "github.com/otpls/otpls/analysis/rules/callchain"
	_ "github.com/otpls/otpls/analysis/rules/castbackpressure"
	_ "github.com/otpls/otpls/analysis/rules/childspec"
	_ "github.com/otpls/otpls/analysis/rules/etstableoptions"
	_ "github.com/otpls/otpls/analysis/rules/godgenserver"
	_ "github.com/otpls/otpls/analysis/rules/statelessgenserver"
	_ "github.com/otpls/otpls/analysis/rules/supervisorstrategy"
	_ "github.com/otpls/otpls/analysis/rules/unsupervisedstart"
	_ "github.com/otpls/otpls/analysis/rules/unsupervisedtask"
)
