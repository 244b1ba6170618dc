package codeactions_test

import (
	"strings"
	"testing"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/source"
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
	if got := codeactions.SelectFixes(diags, codeactions.Policy{}, nil); len(got) != 2 || got[1].Edits[0].Start != 10 {
		t.Fatalf("safe: %+v", got)
	}
	if got := codeactions.SelectFixes(diags, codeactions.Policy{Unsafe: true}, nil); len(got) != 3 {
		t.Fatalf("unsafe: %+v", got)
	}
}

// A hint's fix is left to a quick fix: fix-all applies the fixes of Warning and Error
// findings only, unless the policy asks for hints too (the goldens do).
func TestSelectFixesLeavesHintsAlone(t *testing.T) {
	fix := func(s int) []analysis.Fix {
		return []analysis.Fix{{Title: "f", Safe: true, Edits: []analysis.Edit{{Path: "a", Start: s, End: s + 1, NewText: "x"}}}}
	}
	diags := []analysis.Diagnostic{
		{Severity: analysis.Error, Fixes: fix(0)},
		{Severity: analysis.Warning, Fixes: fix(2)},
		{Severity: analysis.Information, Fixes: fix(4)},
		{Severity: analysis.Hint, Fixes: fix(6)},
	}
	if got := codeactions.SelectFixes(diags, codeactions.Policy{Unsafe: true}, nil); len(got) != 2 || got[1].Edits[0].Start != 2 {
		t.Fatalf("without hints: %+v", got)
	}
	if got := codeactions.SelectFixes(diags, codeactions.Policy{Hints: true}, nil); len(got) != 4 {
		t.Fatalf("with hints: %+v", got)
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
			if n.Start() == start && n.End() == start+len(c.clause) && n.Type() == "call" {
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
