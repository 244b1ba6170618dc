package codeactions_test

import (
	"strings"
	"testing"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/source"
	"github.com/otpls/otpls/analysis/workspace"
	"github.com/otpls/otpls/codeactions"
)

func TestApply(t *testing.T) {
	e := func(s, end int, text string) analysis.Edit {
		return analysis.Edit{Path: "a", Start: s, End: end, NewText: text}
	}
	got, err := codeactions.Apply("hello world", []analysis.Edit{e(6, 11, "there"), e(0, 0, "> "), e(0, 0, "> ")})
	if err != nil || got != "> hello there" {
		t.Fatalf("%q %v", got, err)
	}
	if _, err := codeactions.Apply("hello world", []analysis.Edit{e(0, 5, "a"), e(3, 7, "b")}); err == nil {
		t.Fatal("overlapping edits applied")
	}
	if _, err := codeactions.Apply("hi", []analysis.Edit{e(1, 9, "x")}); err == nil {
		t.Fatal("edit past the end applied")
	}
	// Two different insertions at one point are both kept, in order.
	if got, _ := codeactions.Apply("ab", []analysis.Edit{e(1, 1, "1"), e(1, 1, "2")}); got != "a12b" {
		t.Fatalf("%q", got)
	}
}

func TestSelectFixesSkipsConflictsAndUnsafe(t *testing.T) {
	fix := func(safe bool, s, end int) analysis.Fix {
		return analysis.Fix{Title: "f", Safe: safe, Edits: []analysis.Edit{{Path: "a", Start: s, End: end, NewText: "x"}}}
	}
	diags := []analysis.Diagnostic{
		{Fixes: []analysis.Fix{fix(true, 0, 5)}},
		{Fixes: []analysis.Fix{fix(true, 3, 8)}},   // overlaps the first: waits for the next round
		{Fixes: []analysis.Fix{fix(false, 9, 10)}}, // unsafe
		{Fixes: []analysis.Fix{fix(true, 10, 12)}},
	}
	if got := codeactions.SelectFixes(diags, false, nil); len(got) != 2 || got[1].Edits[0].Start != 10 {
		t.Fatalf("safe: %+v", got)
	}
	if got := codeactions.SelectFixes(diags, true, nil); len(got) != 3 {
		t.Fatalf("unsafe: %+v", got)
	}
}

// breaker offers a fix that would leave the file unparsable; FixAll must refuse it.
var breaker = &analysis.Analyzer{
	Code: "OTP995", Name: "breaker", Title: "test", Severity: analysis.Warning,
	Run: func(p *analysis.Pass) {
		if i := strings.Index(p.File.Text, "end\n"); i >= 0 && strings.Contains(p.File.Text, ":break") {
			d := p.ReportRange(i, i+3, "break it")
			d.Fixes = []analysis.Fix{{Title: "Delete end", Safe: true, Edits: []analysis.Edit{p.Edit(i, i+3, "")}}}
		}
	},
}

func TestFixAllRejectsUnparsableResults(t *testing.T) {
	texts := map[string]string{"lib/a.ex": "defmodule A do\n  def f, do: :break\nend\n"}
	res := codeactions.FixAll([]string{"lib/a.ex"}, workspace.Options{Texts: texts, Analyzers: []*analysis.Analyzer{breaker}}, false, 5)
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

// A fix marked Verify is used only when the file still parses after it: FixAll leaves it
// out (reporting it), takes the diagnostic's next fix instead, and applies the file's
// other fixes; a Verify fix that keeps the file parsing applies as any other.
func TestVerifiedFixesThatBreakTheParseAreLeftOut(t *testing.T) {
	text := "defmodule A do\n  def f, do: :x\nend\n"
	res := codeactions.FixAll([]string{"lib/a.ex"}, workspace.Options{Texts: map[string]string{"lib/a.ex": text}, Analyzers: []*analysis.Analyzer{verifiedBreaker}}, true, 1)
	want := "defmodule A do\n  def f, do: :y\nend # checked\n"
	if got := res.Fixed["lib/a.ex"]; got != want || len(res.Rejected) != 0 || !res.Unusable[codeactions.UnusableFix{Path: "lib/a.ex", Title: "Delete end"}] || len(res.Unusable) != 1 {
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

// A clause's text is its line's indentation and the clause itself, edits applied; code
// before it on its line is not part of it (copying it duplicated a module header: fuzz
// input bbfd1759f3429427).
func TestClauseText(t *testing.T) {
	text := "defmodule A do\n  def a(x), do: x\n  @x 1; def b(y), do: y\nend\n"
	f := source.Parse("a.ex", text)
	for _, c := range []struct{ clause, want string }{
		{"def a(x), do: x", "  def a(z), do: x"},
		{"def b(y), do: y", "  def b(z), do: y"},
	} {
		start := strings.Index(text, c.clause)
		var clause *source.Node
		f.Root.Walk(func(n *source.Node) bool {
			if n.Start == start && n.End == start+len(c.clause) && n.Type() == "call" {
				clause = n
			}
			return clause == nil
		})
		arg := start + strings.Index(c.clause, "(") + 1
		got, err := codeactions.ClauseText(f, clause, []analysis.Edit{{Start: arg, End: arg + 1, NewText: "z"}})
		if err != nil || got != c.want {
			t.Errorf("ClauseText(%q) = %q, %v; want %q", c.clause, got, err, c.want)
		}
	}
}
