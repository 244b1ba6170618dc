package main

import (
	"strings"
	"testing"

	"github.com/otpls/otpls/analysis"
)

// The text report's closing line counts the problems `otpls fix` fixes (marked [*]) apart
// from those only `otpls fix --unsafe` fixes, and says nothing of fixes when none has one.
func TestTextSummaryCountsFixes(t *testing.T) {
	diag := func(line int, fixes ...analysis.Fix) analysis.Diagnostic {
		d := analysis.Diagnostic{Path: "lib/a.ex", Code: "OTP009", Rule: "unsupervised-task", Message: "m", Fixes: fixes}
		d.Range.Start.Line = line
		return d
	}
	safe, unsafe := analysis.Fix{Title: "s", Safe: true}, analysis.Fix{Title: "u"}
	for _, tc := range []struct {
		diags []analysis.Diagnostic
		want  string
	}{
		{[]analysis.Diagnostic{diag(0, safe), diag(1, unsafe, safe), diag(2, unsafe), diag(3)},
			"lib/a.ex:1:1: OTP009 unsupervised-task: m [*]\n" +
				"lib/a.ex:2:1: OTP009 unsupervised-task: m [*]\n" +
				"lib/a.ex:3:1: OTP009 unsupervised-task: m\n" +
				"lib/a.ex:4:1: OTP009 unsupervised-task: m\n" +
				"\nFound 4 problems (2 fixable with `otpls fix`, marked [*]; 1 fixable only with `otpls fix --unsafe`).\n"},
		{[]analysis.Diagnostic{diag(0, unsafe)},
			"lib/a.ex:1:1: OTP009 unsupervised-task: m\n\nFound 1 problem (1 fixable only with `otpls fix --unsafe`).\n"},
		{[]analysis.Diagnostic{diag(0)},
			"lib/a.ex:1:1: OTP009 unsupervised-task: m\n\nFound 1 problem.\n"},
		{nil, ""},
	} {
		var out strings.Builder
		if err := writeText(&out, tc.diags); err != nil || out.String() != tc.want {
			t.Errorf("writeText = %q (%v), want %q", out.String(), err, tc.want)
		}
	}
}
