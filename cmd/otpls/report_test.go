package main

import (
	"encoding/json"
	"os"
	"path/filepath"
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

// A file name holding a newline cannot forge a finding line: in text output (and in the
// lines on stderr) a path with a control character is printed quoted, Go style, on one
// line; JSON carries the name exactly. (The forged name is a directory "a\n" + "lib" and a
// file "b.ex:1:1: OTP999 forged.ex" in it: a name cannot hold a slash.)
func TestNewlineInFileNameCannotForgeALine(t *testing.T) {
	name := "a\nlib/b.ex:1:1: OTP999 forged.ex"
	dir := writeTree(t, map[string]string{"mix.exs": mixExs, "lib/shop/application.ex": app, "lib/" + name: mailer})
	if err := os.Symlink("/etc/passwd", filepath.Join(dir, "lib", "x\r: OTP999 forged.ex")); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runIn(t, dir, "check")
	wantOut := `"lib/a\nlib/b.ex:1:1: OTP999 forged.ex":3:5: OTP009 unsupervised-task: spawn/1 in send_receipt/1 starts`
	wantErr := `otpls: skipped "lib/x\r: OTP999 forged.ex": symlink leads outside the workspace (to /etc/passwd)` + "\n"
	if code != exitFindings || !strings.HasPrefix(out, wantOut) || strings.Count(out, "\n") != 3 || strings.Contains(out, "\r") || errOut != wantErr {
		t.Errorf("check: exit %d\n%s\nstderr:\n%q\nwant %s...\nand stderr %q", code, out, errOut, wantOut, wantErr)
	}
	code, out, _ = runIn(t, dir, "check", "--format", "json")
	var got jsonOut
	if err := json.Unmarshal([]byte(out), &got); err != nil || code != exitFindings || len(got.Diagnostics) != 1 || got.Diagnostics[0].Path != "lib/"+name {
		t.Errorf("json: exit %d, %v\n%s", code, err, out)
	}
	// A message is escaped too, should one ever quote source text holding a newline.
	var text strings.Builder
	writeText(&text, []analysis.Diagnostic{{Path: "lib/a.ex", Code: "OTP009", Rule: "r", Message: "x\nlib/b.ex:1:1: OTP999 forged"}})
	if want := "lib/a.ex:1:1: OTP009 r: x\\nlib/b.ex:1:1: OTP999 forged\n\nFound 1 problem.\n"; text.String() != want {
		t.Errorf("message: %q, want %q", text.String(), want)
	}
}

// The JSON report carries a finding's related locations, the same places (path, 1-based
// range, message) SARIF gives as relatedLocations.
func TestJSONCarriesRelatedLocations(t *testing.T) {
	relay := "defmodule Relay.Node do\n" +
		"  use GenServer\n" +
		"  def name(node_id), do: List.to_atom(~c\"relay_\" ++ node_id)\n" +
		"  def start_named(node_id), do: GenServer.start_link(__MODULE__, node_id, name: name(node_id))\n" +
		"  def init(node_id), do: {:ok, node_id}\n" +
		"end\n"
	dir := writeTree(t, map[string]string{"lib/relay.ex": relay})
	code, out, errOut := runIn(t, dir, "check", "--format", "json")
	var got struct {
		Diagnostics []struct {
			Code    string
			Related []struct {
				Path      string
				Line      int
				Column    int
				EndLine   int `json:"end_line"`
				EndColumn int `json:"end_column"`
				Message   string
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil || code != exitFindings || len(got.Diagnostics) != 1 {
		t.Fatalf("exit %d, %v\n%s\n%s", code, err, out, errOut)
	}
	d := got.Diagnostics[0]
	if d.Code != "OTP019" || len(d.Related) != 1 {
		t.Fatalf("%+v", d)
	}
	r := d.Related[0]
	// List.to_atom(~c"relay_" ++ node_id) on line 3.
	if r.Path != "lib/relay.ex" || r.Line != 3 || r.Column != 26 || r.EndLine != 3 || r.EndColumn != 61 || r.Message != "where the atom is made" {
		t.Errorf("related = %+v", r)
	}
	if !strings.Contains(out, `"end_line": 3,`) {
		t.Errorf("related keys are not snake_case like the finding's:\n%s", out)
	}

	_, sarifOut, _ := runIn(t, dir, "check", "--format", "sarif")
	var log struct {
		Runs []struct {
			Results []struct {
				RelatedLocations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string } `json:"artifactLocation"`
						Region           struct {
							StartLine, StartColumn, EndLine, EndColumn int
						} `json:"region"`
					} `json:"physicalLocation"`
					Message struct{ Text string } `json:"message"`
				} `json:"relatedLocations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(sarifOut), &log); err != nil || len(log.Runs[0].Results) != 1 || len(log.Runs[0].Results[0].RelatedLocations) != 1 {
		t.Fatalf("sarif: %v\n%s", err, sarifOut)
	}
	s := log.Runs[0].Results[0].RelatedLocations[0]
	if s.PhysicalLocation.ArtifactLocation.URI != r.Path || s.PhysicalLocation.Region.StartLine != r.Line || s.PhysicalLocation.Region.StartColumn != r.Column ||
		s.PhysicalLocation.Region.EndLine != r.EndLine || s.PhysicalLocation.Region.EndColumn != r.EndColumn || s.Message.Text != r.Message {
		t.Errorf("sarif related %+v differs from json %+v", s, r)
	}
}
