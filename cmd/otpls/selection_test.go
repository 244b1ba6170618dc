package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const relay = "defmodule Relay.Node do\n" +
	"  use GenServer\n" +
	"  def name(node_id), do: List.to_atom(~c\"relay_\" ++ node_id)\n" +
	"  def start_named(node_id), do: GenServer.start_link(__MODULE__, node_id, name: name(node_id))\n" +
	"  def init(node_id), do: {:ok, node_id}\n" +
	"end\n"

// codesIn returns the codes of the finding lines of a text report.
func codesIn(out string) []string {
	var codes []string
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); len(f) > 1 && strings.HasSuffix(f[0], ":") && strings.HasPrefix(f[1], "OTP") {
			codes = append(codes, f[1])
		}
	}
	return codes
}

// --select and --ignore choose the rules of one run over what .otpls.exs says: a selected
// rule runs though the config turns it off; an ignored one does not run though the
// config turns it on; codes, prefixes and names are accepted, comma-separated or repeated;
// a pattern naming no rule is a usage error.
func TestSelectAndIgnore(t *testing.T) {
	dir := writeTree(t, map[string]string{"mix.exs": mixExs, "lib/shop/application.ex": app,
		"lib/shop/mailer.ex": mailer, "lib/relay.ex": relay,
		".otpls.exs": "[rules: [OTP009: false, OTP019: true]]\n"})
	for _, tc := range []struct {
		args []string
		want []string
		exit int
	}{
		{nil, []string{"OTP019"}, exitFindings},
		{[]string{"--select", "OTP009"}, []string{"OTP009"}, exitFindings},
		{[]string{"--select", "otp009,OTP019"}, []string{"OTP019", "OTP009"}, exitFindings},
		{[]string{"--select", "OTP009", "--select", "dynamic-process-name"}, []string{"OTP019", "OTP009"}, exitFindings},
		{[]string{"--select", "OTP01"}, []string{"OTP019"}, exitFindings},
		{[]string{"--select", "OTP0", "--ignore", "OTP019"}, []string{"OTP009"}, exitFindings},
		{[]string{"--ignore", "OTP019"}, nil, exitClean},
		{[]string{"--ignore", "dynamic-process-name"}, nil, exitClean},
	} {
		code, out, errOut := runIn(t, dir, append([]string{"check"}, tc.args...)...)
		if got := codesIn(out); code != tc.exit || !slices.Equal(got, tc.want) || errOut != "" {
			t.Errorf("check %v: exit %d, codes %v, want %d %v\n%s%s", tc.args, code, got, tc.exit, tc.want, out, errOut)
		}
	}
	for _, args := range [][]string{{"--select", "OTP404"}, {"--ignore", "OTP009,nope"}, {"--select", "OTP1"}} {
		code, out, errOut := runIn(t, dir, append([]string{"check"}, args...)...)
		bad := strings.Split(args[1], ",")
		want := "otpls check: " + args[0] + " " + bad[len(bad)-1] + ": no rule has this code, code prefix or name (`otpls rules` lists them)\n"
		if code != exitUsage || out != "" || errOut != want {
			t.Errorf("check %v: exit %d, stdout %q, stderr %q, want 2 and %q", args, code, out, errOut, want)
		}
	}

	code, out, errOut := runIn(t, dir, "check", "--ignore", "dynamic-process-name", "--select", "OTP019")
	if want := "otpls check: --select OTP019 --ignore dynamic-process-name leaves no rule to run\n"; code != exitUsage || out != "" || errOut != want {
		t.Errorf("check selecting nothing: exit %d, stdout %q, stderr %q, want %q", code, out, errOut, want)
	}

	// fix takes the same flags: only the selected rules' fixes apply.
	code, out, errOut = runIn(t, dir, "fix", "--diff", "--ignore", "OTP009", "--select", "OTP009,OTP019")
	if code != exitFindings || out != "" || !strings.HasPrefix(errOut, "Would fix 0 problems") {
		t.Errorf("fix --ignore OTP009: exit %d\n%s\n%s", code, out, errOut)
	}
	code, out, errOut = runIn(t, dir, "fix", "--select", "OTP009")
	fixed, _ := os.ReadFile(filepath.Join(dir, "lib/shop/mailer.ex"))
	if code != exitClean || !strings.Contains(string(fixed), "Task.Supervisor.start_child") || !strings.HasPrefix(errOut, "Fixed 1 problem in 2 files (OTP009: 1)") {
		t.Errorf("fix --select OTP009: exit %d\n%s\n%s\n%s", code, out, errOut, fixed)
	}
	if code, _, errOut := runIn(t, dir, "fix", "--select", "OTP404"); code != exitUsage || !strings.Contains(errOut, "otpls fix: --select OTP404: no rule") {
		t.Errorf("fix --select OTP404: exit %d %s", code, errOut)
	}
}
