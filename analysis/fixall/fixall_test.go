package fixall_test

import (
	"strings"
	"testing"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/fixall"
	"github.com/otpls/otpls/analysis/source"
	"github.com/otpls/otpls/analysis/workspace"
	"github.com/otpls/otpls/codeactions"
)

// breaker offers a fix that would leave the file unparsable; Run must refuse it.
var breaker = &analysis.Analyzer{
	Code: "OTP995", Name: "breaker", Title: "test", Severity: analysis.Warning,
	Run: func(p *analysis.Pass) {
		if i := strings.Index(p.File.Text, "end\n"); i >= 0 && strings.Contains(p.File.Text, ":break") {
			d := p.ReportRange(i, i+3, "break it")
			d.Fixes = []analysis.Fix{{Title: "Delete end", Safe: true, Edits: []analysis.Edit{p.Edit(i, i+3, "")}}}
		}
	},
}

func TestRunRejectsUnparsableResults(t *testing.T) {
	texts := map[string]string{"lib/a.ex": "defmodule A do\n  def f, do: :break\nend\n"}
	res := fixall.Run([]string{"lib/a.ex"}, workspace.Options{Texts: texts, Analyzers: []*analysis.Analyzer{breaker}}, codeactions.Policy{}, 5)
	if len(res.Fixed) != 0 || !strings.Contains(res.Rejected["lib/a.ex"], "would not parse") {
		t.Fatalf("fixed=%v rejected=%v", res.Fixed, res.Rejected)
	}
}

// verifiedBreaker offers two fixes for the same text: a Verify rewrite that would leave the
// file unparsable, then a plain one; and a safe fix elsewhere.
var verifiedBreaker = &analysis.Analyzer{
	Code: "OTP994", Name: "verified-breaker", Title: "test", Severity: analysis.Warning,
	Run: func(p *analysis.Pass) {
		i := strings.Index(p.File.Text, "end\n")
		d := p.ReportRange(i, i+3, "rewrite it")
		d.Fixes = []analysis.Fix{
			{Title: "Delete end", Verify: true, Edits: []analysis.Edit{p.Edit(i, i+3, "")}},
			{Title: "Comment after end", Edits: []analysis.Edit{p.Edit(i+3, i+3, " # checked")}},
		}
		j := strings.Index(p.File.Text, ":x")
		e := p.ReportRange(j, j+2, "rename it")
		e.Fixes = []analysis.Fix{{Title: "Rename", Safe: true, Verify: true, Edits: []analysis.Edit{p.Edit(j, j+2, ":y")}}}
	},
}

// A fix marked Verify is used only when the file still parses after it: Run leaves it
// out (reporting it), takes the diagnostic's next fix instead, and applies the file's
// other fixes; a Verify fix that keeps the file parsing applies as any other.
func TestVerifiedFixesThatBreakTheParseAreLeftOut(t *testing.T) {
	text := "defmodule A do\n  def f, do: :x\nend\n"
	res := fixall.Run([]string{"lib/a.ex"}, workspace.Options{Texts: map[string]string{"lib/a.ex": text}, Analyzers: []*analysis.Analyzer{verifiedBreaker}}, codeactions.Policy{Unsafe: true}, 1)
	want := "defmodule A do\n  def f, do: :y\nend # checked\n"
	if got := res.Fixed["lib/a.ex"]; got != want || len(res.Rejected) != 0 || !res.Unusable[fixall.UnusableFix{Path: "lib/a.ex", Title: "Delete end"}] || len(res.Unusable) != 1 {
		t.Fatalf("fixed %q (want %q), rejected %v, unusable %v", got, want, res.Rejected, res.Unusable)
	}
	f := source.Parse("lib/a.ex", text)
	del := analysis.Fix{Edits: []analysis.Edit{{Path: "lib/a.ex", Start: strings.Index(text, "end\n"), End: strings.Index(text, "end\n") + 3}}}
	if !codeactions.Usable(f, del) {
		t.Fatal("a fix not marked Verify was checked")
	}
	del.Verify = true
	if codeactions.Usable(f, del) {
		t.Fatal("a Verify fix that breaks the parse was usable")
	}
}
