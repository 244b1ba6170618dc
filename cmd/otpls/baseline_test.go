package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const twiceMailer = `defmodule Shop.Mailer do
  def helper, do: :ok

  def send_receipt(order) do
    spawn(fn -> deliver(order) end)
    spawn(fn -> deliver(order) end)
    {:ok, order}
  end

  defp deliver(order), do: order
end
`

type baselineFileJSON struct {
	Version  int
	Findings []struct {
		File, Code, Scope, Hash string
		Count                   int
	}
}

func readBaselineFile(t *testing.T, path string) (baselineFileJSON, string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var b baselineFileJSON
	if err := json.Unmarshal(data, &b); err != nil {
		t.Fatalf("baseline is not JSON: %v\n%s", err, data)
	}
	return b, string(data)
}

func edit(t *testing.T, path, old, new string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s has no %q", path, old)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A baseline round trip: record the findings, edit above them (lines inserted, an
// unrelated function renamed) and nothing is new; a new finding (or one more of a counted
// kind) is all that is reported; a finding that goes away is dropped by the next update.
func TestBaselineRoundTrip(t *testing.T) {
	dir := writeTree(t, map[string]string{"mix.exs": mixExs, "lib/shop/application.ex": app,
		"lib/shop/mailer.ex": twiceMailer, "lib/relay.ex": relay})
	mailerPath, relayPath, basePath := filepath.Join(dir, "lib/shop/mailer.ex"), filepath.Join(dir, "lib/relay.ex"), filepath.Join(dir, "otpls-baseline.json")

	code, out, errOut := runIn(t, dir, "check")
	if code != exitFindings || !slices.Equal(codesIn(out), []string{"OTP019", "OTP009", "OTP009"}) {
		t.Fatalf("before: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut = runIn(t, dir, "check", "--baseline", "otpls-baseline.json", "--update-baseline")
	if code != exitClean || out != "\nFound 0 problems. 3 more in the baseline, not shown.\n" || errOut != "otpls: wrote 3 findings to the baseline otpls-baseline.json\n" {
		t.Fatalf("update: exit %d\n%q\n%s", code, out, errOut)
	}
	b, text := readBaselineFile(t, basePath)
	if b.Version != 1 || len(b.Findings) != 2 ||
		b.Findings[0].File != "lib/relay.ex" || b.Findings[0].Code != "OTP019" || b.Findings[0].Scope != "Relay.Node.start_named/1" || b.Findings[0].Count != 1 ||
		b.Findings[1].File != "lib/shop/mailer.ex" || b.Findings[1].Code != "OTP009" || b.Findings[1].Scope != "Shop.Mailer.send_receipt/1" || b.Findings[1].Count != 2 ||
		len(b.Findings[1].Hash) != 16 || strings.Count(text, "\n") != 7 {
		t.Fatalf("baseline:\n%s", text)
	}

	// Lines inserted above every finding, an unrelated function renamed, the flagged
	// text re-indented: nothing new.
	edit(t, mailerPath, "  def helper, do: :ok\n", "  @moduledoc \"Sends mail.\"\n\n  def assist(x), do: x\n  def other, do: :ok\n")
	edit(t, mailerPath, "    spawn(fn -> deliver(order) end)\n    spawn(", "    spawn(fn -> deliver(order) end)\n    spawn(  ")
	edit(t, relayPath, "  use GenServer\n", "  use GenServer\n  # Nodes of the relay.\n\n  def id(x), do: x\n")
	code, out, errOut = runIn(t, dir, "check", "--baseline", "otpls-baseline.json")
	if code != exitClean || out != "\nFound 0 problems. 3 more in the baseline, not shown.\n" || errOut != "" {
		t.Fatalf("after unrelated edits: exit %d\n%s%s", code, out, errOut)
	}

	// A third spawn in the same function is one more than the baseline counts; a spawn
	// in a new function is new too: both reported, nothing else.
	edit(t, mailerPath, "    {:ok, order}\n", "    spawn(fn -> deliver(order) end)\n    {:ok, order}\n  end\n\n  def resend(order) do\n    spawn(fn -> deliver(order) end)\n")
	code, out, errOut = runIn(t, dir, "check", "--baseline", "otpls-baseline.json")
	lines := strings.Split(out, "\n")
	if code != exitFindings || !slices.Equal(codesIn(out), []string{"OTP009", "OTP009"}) ||
		!strings.HasPrefix(lines[0], "lib/shop/mailer.ex:10:5: OTP009") || !strings.HasPrefix(lines[1], "lib/shop/mailer.ex:15:5: OTP009") ||
		!strings.HasPrefix(lines[3], "Found 2 problems") || !strings.HasSuffix(lines[3], " 3 more in the baseline, not shown.") {
		t.Fatalf("new findings: exit %d\n%s%s", code, out, errOut)
	}
	code, out, _ = runIn(t, dir, "check", "--baseline", "otpls-baseline.json", "--format", "json")
	var got struct {
		Diagnostics []struct{ Line int }
		Baselined   int
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil || code != exitFindings || len(got.Diagnostics) != 2 || got.Baselined != 3 {
		t.Fatalf("json: exit %d %v\n%s", code, err, out)
	}

	// The relay finding fixed: the update drops it and records the new ones.
	edit(t, relayPath, "name: name(node_id)", "name: __MODULE__")
	code, out, errOut = runIn(t, dir, "check", "--baseline", "otpls-baseline.json", "--update-baseline")
	b, text = readBaselineFile(t, basePath)
	if code != exitClean || errOut != "otpls: wrote 4 findings to the baseline otpls-baseline.json\n" || len(b.Findings) != 2 ||
		b.Findings[0].Scope != "Shop.Mailer.resend/1" || b.Findings[0].Count != 1 ||
		b.Findings[1].Scope != "Shop.Mailer.send_receipt/1" || b.Findings[1].Count != 3 {
		t.Fatalf("update after a fix: exit %d\n%s%s\n%s", code, out, errOut, text)
	}
	// Updating for one file leaves the other files' entries alone.
	edit(t, relayPath, "name: __MODULE__", "name: name(node_id)")
	if code, _, errOut := runIn(t, dir, "check", "--baseline", "otpls-baseline.json", "--update-baseline", "lib/shop"); code != exitClean || errOut != "otpls: wrote 4 findings to the baseline otpls-baseline.json\n" {
		t.Fatalf("partial update: exit %d %s", code, errOut)
	}
	if code, out, _ := runIn(t, dir, "check", "--baseline", "otpls-baseline.json"); code != exitFindings || !slices.Equal(codesIn(out), []string{"OTP019"}) {
		t.Fatalf("after partial update: exit %d\n%s", code, out)
	}
}

// A missing or malformed baseline, or --update-baseline alone, is a usage error.
func TestBaselineErrors(t *testing.T) {
	dir := writeTree(t, map[string]string{"mix.exs": mixExs, "lib/shop/mailer.ex": mailer,
		"old.json": `{"version": 2, "findings": []}`, "bad.json": `{"findings": [}`})
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--update-baseline"}, "otpls check: --update-baseline needs --baseline FILE\n"},
		{[]string{"--baseline", "missing.json"}, "otpls check: cannot read baseline missing.json: "},
		{[]string{"--baseline", "old.json"}, "otpls check: baseline old.json: baseline format version 2, this otpls reads version 1\n"},
		{[]string{"--baseline", "bad.json"}, "otpls check: baseline bad.json: not a baseline file: "},
	} {
		code, out, errOut := runIn(t, dir, append([]string{"check"}, tc.args...)...)
		if code != exitUsage || out != "" || !strings.HasPrefix(errOut, tc.want) {
			t.Errorf("check %v: exit %d, %q, stderr %q, want 2 and %q", tc.args, code, out, errOut, tc.want)
		}
	}
}
