// Package all is the list of otpls rules: Analyzers is the one place a rule is added, and
// importing the package registers exactly those (rule packages do not register themselves,
// so a rule missing here is neither run nor documented anywhere; a test checks the list
// against the rule directories, docs/rules and the README's table).
package all

import (
	"fmt"
	"os"
	"strings"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/rules/blockingcallback"
	"github.com/otpls/otpls/analysis/rules/bootorder"
	"github.com/otpls/otpls/analysis/rules/callbackreturn"
	"github.com/otpls/otpls/analysis/rules/callbacksignature"
	"github.com/otpls/otpls/analysis/rules/callchain"
	"github.com/otpls/otpls/analysis/rules/castbackpressure"
	"github.com/otpls/otpls/analysis/rules/childspec"
	"github.com/otpls/otpls/analysis/rules/closurecopiesstate"
	"github.com/otpls/otpls/analysis/rules/dynamicprocessname"
	"github.com/otpls/otpls/analysis/rules/etstableoptions"
	"github.com/otpls/otpls/analysis/rules/godgenserver"
	"github.com/otpls/otpls/analysis/rules/messagecontract"
	"github.com/otpls/otpls/analysis/rules/rescueexit"
	"github.com/otpls/otpls/analysis/rules/startchildrace"
	"github.com/otpls/otpls/analysis/rules/statelessgenserver"
	"github.com/otpls/otpls/analysis/rules/supervisorstrategy"
	"github.com/otpls/otpls/analysis/rules/tasktimeout"
	"github.com/otpls/otpls/analysis/rules/unhandledmessage"
	"github.com/otpls/otpls/analysis/rules/unsupervisedstart"
	"github.com/otpls/otpls/analysis/rules/unsupervisedtask"
)

// Analyzers are every otpls rule, ordered by code.
var Analyzers = []*analysis.Analyzer{
	godgenserver.Analyzer,       // OTP001
	statelessgenserver.Analyzer, // OTP002
	blockingcallback.Analyzer,   // OTP003
	unsupervisedstart.Analyzer,  // OTP004
	supervisorstrategy.Analyzer, // OTP005
	childspec.Analyzer,          // OTP006
	castbackpressure.Analyzer,   // OTP007
	callchain.Analyzer,          // OTP008
	unsupervisedtask.Analyzer,   // OTP009
	etstableoptions.Analyzer,    // OTP010
	unhandledmessage.Analyzer,   // OTP011
	callbackreturn.Analyzer,     // OTP012
	callbacksignature.Analyzer,  // OTP013
	messagecontract.Analyzer,    // OTP014
	closurecopiesstate.Analyzer, // OTP015
	bootorder.Analyzer,          // OTP016
	startchildrace.Analyzer,     // OTP017
	tasktimeout.Analyzer,        // OTP018
	dynamicprocessname.Analyzer, // OTP019
	rescueexit.Analyzer,         // OTP020
}

func init() {
	for _, a := range Analyzers {
		analysis.Register(a)
	}
}

// Lookup finds one of Analyzers by code ("OTP003", any case) or name.
func Lookup(codeOrName string) *analysis.Analyzer {
	return analysis.Find(Analyzers, codeOrName)
}

// FromEnv returns the analyzers the environment variable names (codes or names,
// comma-separated), or all of them when it is unset. The benchmarks read
// OTPLS_BENCH_RULES with it: run with an older commit's rules, they compare the machinery
// with that commit's at the same work.
func FromEnv(variable string) ([]*analysis.Analyzer, error) {
	list := os.Getenv(variable)
	if list == "" {
		return Analyzers, nil
	}
	var out []*analysis.Analyzer
	for _, name := range strings.Split(list, ",") {
		a := Lookup(strings.TrimSpace(name))
		if a == nil {
			return nil, fmt.Errorf("%s: no rule %q", variable, name)
		}
		out = append(out, a)
	}
	return out, nil
}
