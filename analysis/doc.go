package analysis

import (
	"fmt"
	"strings"
)

// Markdown renders a rule's documentation page: docs/rules/OTPnnn.md is exactly this
// text (a test keeps them equal) and `otpls explain` prints it.
func Markdown(a *Analyzer) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s %s: %s\n\n", a.Code, a.Name, a.Title)
	fmt.Fprintf(&b, "Default severity: %s", strings.ToUpper(a.Severity.String()[:1])+a.Severity.String()[1:])
	switch a.InTests {
	case OffInTests:
		b.WriteString(" (off in test files by default)")
	case ErrorsInTests:
		b.WriteString(" (only its Error findings in test files by default)")
	}
	b.WriteString("\n\n")
	section := func(title, body string) {
		fmt.Fprintf(&b, "## %s\n\n%s\n\n", title, strings.TrimSpace(body))
	}
	code := func(title, body string) {
		fmt.Fprintf(&b, "## %s\n\n```elixir\n%s\n```\n\n", title, strings.TrimSpace(body))
	}
	section("What it does", a.Doc.What)
	section("Why is this bad?", a.Doc.Why)
	code("Example", a.Doc.Example)
	code("Use instead", a.Doc.UseInstead)
	section("Options", optionsSection(a))
	section("Fix safety", a.Doc.FixSafety)
	return strings.TrimRight(b.String(), "\n") + "\n"
}

// optionsSection lists the rule's declared options, then its Doc.Options note.
func optionsSection(a *Analyzer) string {
	var parts []string
	if len(a.Options) > 0 {
		var b strings.Builder
		for _, o := range a.Options {
			d := o.Declaration()
			fmt.Fprintf(&b, "- `%s` (%s, default `%s`): %s\n", d.Name, d.Type, d.Literal(d.Default), d.Doc)
		}
		parts = append(parts, strings.TrimSpace(b.String()))
	}
	if note := strings.TrimSpace(a.Doc.Options); note != "" {
		parts = append(parts, note)
	}
	if len(parts) == 0 {
		return "None."
	}
	return strings.Join(parts, "\n\n")
}

// RuleTable renders the README's table of rules (code, name, title) from the analyzers,
// between the markers TableStart and TableEnd; a test keeps the README equal to it.
func RuleTable(list []*Analyzer) string {
	var b strings.Builder
	b.WriteString(TableStart + "\n| Code | Name | What it flags |\n|---|---|---|\n")
	for _, a := range list {
		fmt.Fprintf(&b, "| %s | %s | %s |\n", a.Code, a.Name, strings.ReplaceAll(a.Title, "|", `\|`))
	}
	b.WriteString(TableEnd)
	return b.String()
}

// The markers around the README's generated rule table.
const (
	TableStart = "<!-- rules: generated from the analyzers by `go test ./analysis/rules/all -update` -->"
	TableEnd   = "<!-- end of rules -->"
)
