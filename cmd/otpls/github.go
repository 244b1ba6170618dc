package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/otpls/otpls/analysis"
)

// writeGitHub prints one GitHub Actions workflow command per finding
// (`::error file=F,line=L,col=C,endLine=..,endColumn=..,title=OTPnnn name::message`): run
// in a workflow step, each becomes an annotation on the pull request's diff. Errors are
// `error`, warnings `warning`, everything else `notice`.
func writeGitHub(w io.Writer, diags []analysis.Diagnostic) error {
	for _, d := range diags {
		props := []string{
			"file=" + githubProperty(display(d.Path)),
			fmt.Sprintf("line=%d", d.Range.Start.Line+1),
			fmt.Sprintf("col=%d", d.Range.Start.Character+1),
			fmt.Sprintf("endLine=%d", d.Range.End.Line+1),
			fmt.Sprintf("endColumn=%d", d.Range.End.Character+1),
			"title=" + githubProperty(d.Code+" "+d.Rule),
		}
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", githubCommand(d.Severity), strings.Join(props, ","), githubData(d.Message)); err != nil {
			return err
		}
	}
	return nil
}

func githubCommand(s analysis.Severity) string {
	switch s {
	case analysis.Error:
		return "error"
	case analysis.Warning:
		return "warning"
	}
	return "notice"
}

// The escapes of GitHub's workflow command syntax (the runner's ActionCommand, the
// toolkit's command.ts): a message escapes %, CR and LF; a property value also : and ,,
// which would otherwise end the value or the property list. % goes first so that the
// escapes themselves are not escaped again.
var (
	githubDataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	githubPropertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func githubData(s string) string     { return githubDataEscaper.Replace(s) }
func githubProperty(s string) string { return githubPropertyEscaper.Replace(s) }
