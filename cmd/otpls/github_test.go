package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/otpls/otpls/analysis"
)

// parseWorkflowCommand reads a line as the GitHub Actions runner does (ActionCommand's
// parse of `::name key=value,key=value::message`): the command info runs from the
// leading "::" to the next "::", its name up to the first space, its properties split at
// "," and each at its first "="; properties and message are then unescaped.
func parseWorkflowCommand(t *testing.T, line string) (name string, props map[string]string, message string) {
	t.Helper()
	if !strings.HasPrefix(line, "::") {
		t.Fatalf("%q: not a workflow command", line)
	}
	end := strings.Index(line[2:], "::")
	if end < 0 {
		t.Fatalf("%q: no closing ::", line)
	}
	info, data := line[2:2+end], line[2+end+2:]
	name, propText, _ := strings.Cut(info, " ")
	props = map[string]string{}
	for _, kv := range strings.Split(propText, ",") {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			t.Fatalf("%q: property %q has no =", line, kv)
		}
		if _, dup := props[k]; dup {
			t.Fatalf("%q: property %q twice", line, k)
		}
		props[k] = strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%").Replace(v)
	}
	for _, raw := range []string{"\r", "\n"} {
		if strings.Contains(line, raw) {
			t.Fatalf("%q: raw %q in the line", line, raw)
		}
	}
	return name, props, strings.NewReplacer("%0D", "\r", "%0A", "\n", "%25", "%").Replace(data)
}

// Every finding is one workflow command that GitHub reads back to the same file, position,
// title and message, whatever %, newline, CR, comma and colon they hold.
func TestGitHubFormatEscapes(t *testing.T) {
	message := "100% sure: a, b\nnext line\r\nend %0A"
	diags := []analysis.Diagnostic{
		{Path: "lib/a,b:c%.ex", Code: "OTP009", Rule: "unsupervised-task", Severity: analysis.Warning, Message: message},
		{Path: "lib/x.ex", Code: "OTP006", Rule: "r", Severity: analysis.Error, Message: "e"},
		{Path: "lib/x.ex", Code: "OTP010", Rule: "r", Severity: analysis.Information, Message: "i"},
		{Path: "lib/x.ex", Code: "OTP090", Rule: "r", Severity: analysis.Hint, Message: "h"},
	}
	diags[0].Range.Start.Line, diags[0].Range.Start.Character = 2, 4
	diags[0].Range.End.Line, diags[0].Range.End.Character = 3, 7
	var out strings.Builder
	if err := writeGitHub(&out, diags); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != len(diags) {
		t.Fatalf("%d lines for %d findings:\n%s", len(lines), len(diags), out.String())
	}
	name, props, msg := parseWorkflowCommand(t, lines[0])
	want := map[string]string{"file": "lib/a,b:c%.ex", "line": "3", "col": "5", "endLine": "4", "endColumn": "8", "title": "OTP009 unsupervised-task"}
	if name != "warning" || msg != message || len(props) != len(want) {
		t.Errorf("line %q read as %s %v %q", lines[0], name, props, msg)
	}
	for k, v := range want {
		if props[k] != v {
			t.Errorf("%s = %q, want %q (line %q)", k, props[k], v, lines[0])
		}
	}
	for i, wantName := range []string{"warning", "error", "notice", "notice"} {
		if name, _, _ := parseWorkflowCommand(t, lines[i]); name != wantName {
			t.Errorf("line %d: command %q, want %q", i, name, wantName)
		}
	}
}

// `otpls check --format github` on a project: the annotation names the file as the
// checkout does (relative), exit status as for any format.
func TestCheckGitHubFormat(t *testing.T) {
	dir := writeTree(t, map[string]string{"mix.exs": mixExs, "lib/shop/application.ex": app, "lib/shop/mailer.ex": mailer})
	code, out, errOut := runIn(t, dir, "check", "--format", "github")
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if code != exitFindings || len(lines) != 1 || errOut != "" {
		t.Fatalf("exit %d\n%s\nstderr: %s", code, out, errOut)
	}
	name, props, msg := parseWorkflowCommand(t, lines[0])
	if name != "warning" || props["file"] != "lib/shop/mailer.ex" || props["line"] != "3" || props["col"] != "5" ||
		props["title"] != "OTP009 unsupervised-task" || !strings.Contains(msg, "spawn/1 in send_receipt/1") {
		t.Errorf("%q", lines[0])
	}
	if err := os.Remove(filepath.Join(dir, "lib/shop/mailer.ex")); err != nil {
		t.Fatal(err)
	}
	if code, out, _ := runIn(t, dir, "check", "--format", "github"); code != exitClean || out != "" {
		t.Errorf("clean project: exit %d, %q", code, out)
	}
}
