package analysis_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/config"
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/source"
	"github.com/otpls/otpls/analysis/workspace"
)

// flagAtoms reports every `:flag` atom; it panics on `:boom`.
var flagAtoms = &analysis.Analyzer{
	Code: "OTP997", Name: "flag-atoms", Title: "test rule", Severity: analysis.Warning,
	Run: func(p *analysis.Pass) {
		for _, n := range p.Nodes("atom") {
			switch p.File.Slice(n) {
			case ":flag":
				p.Report(n, "flagged %s", p.File.Slice(n))
			case ":boom":
				panic("kaboom")
			}
		}
	},
}

var testOnly = &analysis.Analyzer{
	Code: "OTP996", Name: "flag-atoms-off-in-tests", Title: "test rule", Severity: analysis.Information, InTests: analysis.OffInTests,
	Run: func(p *analysis.Pass) {
		for _, n := range p.Nodes("atom") {
			if p.File.Slice(n) == ":flag" {
				p.Report(n, "flagged %s", p.File.Slice(n))
			}
		}
	},
}

func run(t *testing.T, path, text string, cfg *config.Config, analyzers ...*analysis.Analyzer) []analysis.Diagnostic {
	t.Helper()
	var panics []string
	_, diags := workspace.Check(index.NewWorkspace(analysis.FactKinds(analyzers)...), path, text, workspace.RunOptions{Config: cfg, Analyzers: analyzers,
		OnPanic: func(code string, r any, _ []byte) { panics = append(panics, fmt.Sprint(code, r)) }})
	return diags
}

func render(diags []analysis.Diagnostic) string {
	var b strings.Builder
	for _, d := range diags {
		fmt.Fprintf(&b, "%d:%d %s %s %s\n", d.Range.Start.Line+1, d.Range.Start.Character+1, d.Code, d.Severity, d.Message)
	}
	return b.String()
}

func TestSuppressions(t *testing.T) {
	text := `defmodule M do
  def a, do: :flag # otpls:disable-line OTP997
  # otpls:disable-next-line OTP997 known and accepted
  def b, do: :flag
  # otpls:disable-next-line OTP123
  def c, do: :flag
  # otpls:disable-next-line
  def d, do: :ok
  def e, do: ":flag in a string is not an atom"
end
`
	got := render(run(t, "lib/m.ex", text, nil, flagAtoms))
	// OTP123 is not a rule that ran: its suppression is not reported, and c is still flagged.
	want := "6:14 OTP997 warning flagged :flag\n7:3 OTP090 hint suppression of any rule matches no diagnostic\n"
	if got != want {
		t.Fatalf("got:\n%swant:\n%s", got, want)
	}
	whole := run(t, "lib/m.ex", "# otpls:disable-file OTP997\ndefmodule M do\n  def a, do: :flag\nend\n", nil, flagAtoms)
	if len(whole) != 0 {
		t.Fatalf("disable-file: %s", render(whole))
	}
	unusedFile := run(t, "lib/m.ex", "# otpls:disable-file OTP997, OTP996\ndefmodule M do\nend\n", nil, flagAtoms, testOnly)
	if got := render(unusedFile); got != "1:1 OTP090 hint suppression of OTP996, OTP997 matches no diagnostic\n" {
		t.Fatalf("unused disable-file: %s", got)
	}
	if len(unusedFile[0].Fixes) != 1 || unusedFile[0].Fixes[0].Edits[0].Start != 0 || unusedFile[0].Fixes[0].Edits[0].End != len("# otpls:disable-file OTP997, OTP996\n") {
		t.Fatalf("fix removing the suppression line: %+v", unusedFile[0].Fixes)
	}
}

func TestPanickingRuleIsReportedAndOthersRun(t *testing.T) {
	diags := run(t, "lib/m.ex", "defmodule M do\n  def a, do: [:boom, :flag]\nend\n", nil, flagAtoms, testOnly)
	got := render(diags)
	if !strings.Contains(got, "1:1 OTP000 error rule OTP997 (flag-atoms) crashed on this file and was skipped: kaboom") ||
		!strings.Contains(got, "2:22 OTP996 information flagged :flag") {
		t.Fatalf("got:\n%s", got)
	}
}

func TestConfigSeverityEnablementAndTestFiles(t *testing.T) {
	text := "defmodule M do\n  def a, do: :flag\nend\n"
	if got := render(run(t, "test/m_test.exs", text, nil, testOnly)); got != "" {
		t.Fatalf("off in tests by default, got %s", got)
	}
	on := true
	cfg := &config.Config{Rules: map[string]config.Rule{"OTP996": {Enabled: &on, Severity: "error"}}}
	if got := render(run(t, "test/m_test.exs", text, cfg, testOnly)); got != "2:14 OTP996 error flagged :flag\n" {
		t.Fatalf("enabled by config with severity error, got %q", got)
	}
	off := false
	cfg = &config.Config{Rules: map[string]config.Rule{"OTP997": {Enabled: &off}}}
	if got := render(run(t, "lib/m.ex", text, cfg, flagAtoms)); got != "" {
		t.Fatalf("disabled, got %s", got)
	}
}

// mixedSeverity reports `:flag` as a Warning (its default) and `:note` as Information.
var mixedSeverity = &analysis.Analyzer{
	Code: "OTP995", Name: "mixed-severity", Title: "test rule", Severity: analysis.Warning,
	Run: func(p *analysis.Pass) {
		for _, n := range p.Nodes("atom") {
			switch p.File.Slice(n) {
			case ":flag":
				p.Report(n, "warn")
			case ":note":
				p.Report(n, "note").Severity = analysis.Information
			}
		}
	},
}

func TestPerFindingSeverityKeptUnlessConfigured(t *testing.T) {
	text := "defmodule M do\n  def a, do: [:flag, :note]\nend\n"
	if got, want := render(run(t, "lib/m.ex", text, nil, mixedSeverity)), "2:15 OTP995 warning warn\n2:22 OTP995 information note\n"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
	cfg := &config.Config{Rules: map[string]config.Rule{"OTP995": {Severity: "error"}}}
	if got, want := render(run(t, "lib/m.ex", text, cfg, mixedSeverity)), "2:15 OTP995 error warn\n2:22 OTP995 error note\n"; got != want {
		t.Fatalf("configured severity applies to every finding: got %q, want %q", got, want)
	}
}

func TestSuppressionFixInsertsComment(t *testing.T) {
	text := "defmodule M do\r\n  def a, do: :flag\r\nend\r\n"
	d := run(t, "lib/m.ex", text, nil, flagAtoms)[0]
	fx := analysis.SuppressionFix(source.Parse("lib/m.ex", text), d)
	e := fx.Edits[0]
	got := text[:e.Start] + e.NewText + text[e.End:]
	if fx.Title != "Suppress OTP997 on this line" || got != "defmodule M do\r\n  # otpls:disable-next-line OTP997\r\n  def a, do: :flag\r\nend\r\n" {
		t.Fatalf("%q %q", fx.Title, got)
	}
	if again := run(t, "lib/m.ex", got, nil, flagAtoms); len(again) != 0 {
		t.Fatalf("the inserted suppression does not suppress: %s", render(again))
	}
}

func TestDiagnosticsOnMalformedInput(t *testing.T) {
	// Broken code still gets the diagnostics that can be computed.
	diags := run(t, "lib/m.ex", "defmodule M do\n  def a, do: :flag\n  def b(, do\nend\n", nil, flagAtoms)
	if got := render(diags); !strings.Contains(got, "2:14 OTP997 warning flagged :flag") {
		t.Fatalf("got %q", got)
	}
}

func TestDiagnosticsAreCapped(t *testing.T) {
	text := "defmodule M do\n  def a, do: [" + strings.Repeat(":flag, ", 30) + ":flag]\nend\n"
	f := source.Parse("lib/m.ex", text)
	diags := analysis.Run(analysis.Input{File: f, Analyzers: []*analysis.Analyzer{flagAtoms}, MaxDiagnostics: 10})
	if len(diags) != 11 || diags[9].Code != "OTP997" || diags[10].Code != analysis.TruncatedCode ||
		diags[10].Message != "and 21 more otpls diagnostics in this file (showing the first 10)" {
		t.Fatalf("got %d:\n%s", len(diags), render(diags))
	}
}

// errorsInTests reports :flag as a Warning and :bug as an Error.
var errorsInTests = &analysis.Analyzer{
	Code: "OTP995", Name: "errors-in-tests", Title: "test rule", Severity: analysis.Warning, InTests: analysis.ErrorsInTests,
	Run: func(p *analysis.Pass) {
		for _, n := range p.Nodes("atom") {
			switch p.File.Slice(n) {
			case ":flag":
				p.Report(n, "flagged %s", p.File.Slice(n))
			case ":bug":
				p.Report(n, "bug %s", p.File.Slice(n)).Severity = analysis.Error
			}
		}
	},
}

func TestErrorsOnlyInTestFiles(t *testing.T) {
	text := "defmodule M do\n  def a, do: :flag\n  def b, do: :bug\nend\n"
	if got := render(run(t, "lib/m.ex", text, nil, errorsInTests)); got != "2:14 OTP995 warning flagged :flag\n3:14 OTP995 error bug :bug\n" {
		t.Fatalf("outside tests every finding, got %q", got)
	}
	if got := render(run(t, "test/m_test.exs", text, nil, errorsInTests)); got != "3:14 OTP995 error bug :bug\n" {
		t.Fatalf("in tests only the Error, got %q", got)
	}
	on := true
	cfg := &config.Config{Rules: map[string]config.Rule{"OTP995": {Enabled: &on}}}
	if got := render(run(t, "test/m_test.exs", text, cfg, errorsInTests)); got != "2:14 OTP995 warning flagged :flag\n3:14 OTP995 error bug :bug\n" {
		t.Fatalf("enabled by config: every finding, got %q", got)
	}
}

var (
	limitOption = analysis.IntOption("limit", 2, "how many atoms are flagged.")
	namesOption = analysis.StringsOption("names", []string{":flag"}, "the atoms flagged.")
	// limited reports the first `limit` atoms among `names`.
	limited = &analysis.Analyzer{
		Code: "OTP994", Name: "limited", Title: "test rule", Severity: analysis.Warning,
		Options: []analysis.OptionDecl{limitOption, namesOption},
		Doc:     analysis.Doc{Options: "The top-level `x` setting also applies."},
		Run: func(p *analysis.Pass) {
			n := 0
			for _, a := range p.Nodes("atom") {
				if slices.Contains(namesOption.Get(p), p.File.Slice(a)) && n < limitOption.Get(p) {
					p.Report(a, "limit %d", limitOption.Get(p))
					n++
				}
			}
		},
	}
)

// A rule reads its options through their declarations: the default when the config sets
// none, else the configured value, read as the config file or the editor settings give it.
func TestOptionsDefaultAndConfigured(t *testing.T) {
	text := "defmodule M do\n  def a, do: [:flag, :flag, :flag, :note]\nend\n"
	if got := render(run(t, "lib/m.ex", text, nil, limited)); got != "2:15 OTP994 warning limit 2\n2:22 OTP994 warning limit 2\n" {
		t.Fatalf("defaults: %q", got)
	}
	cfg, problems := config.ParseWith(".otpls.exs", `[rules: [OTP994: [limit: 1, names: [":note"]]]]`, analysis.ConfigSchema([]*analysis.Analyzer{limited}))
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	if got := render(run(t, "lib/m.ex", text, cfg, limited)); got != "2:36 OTP994 warning limit 1\n" {
		t.Fatalf("configured in .otpls.exs: %q", got)
	}
	settings, _ := config.Default().Override(map[string]any{"rules": map[string]any{"OTP994": map[string]any{"limit": float64(3)}}})
	if got := render(run(t, "lib/m.ex", text, settings, limited)); strings.Count(got, "limit 3") != 3 {
		t.Fatalf("configured in editor settings (JSON, unchecked): %q", got)
	}
	bad := &config.Config{Rules: map[string]config.Rule{"OTP994": {Options: map[string]any{"limit": "many"}}}}
	if got := render(run(t, "lib/m.ex", text, bad, limited)); strings.Count(got, "limit 2") != 2 {
		t.Fatalf("a value of the wrong type that reaches the rule reads as the default: %q", got)
	}
}

func TestMarkdownListsDeclaredOptions(t *testing.T) {
	md := analysis.Markdown(limited)
	want := "## Options\n\n- `limit` (integer, default `2`): how many atoms are flagged.\n- `names` (list of strings, default `[\":flag\"]`): the atoms flagged.\n\nThe top-level `x` setting also applies.\n\n"
	if !strings.Contains(md, want) {
		t.Fatalf("options section:\n%s", md)
	}
	if md := analysis.Markdown(flagAtoms); !strings.Contains(md, "## Options\n\nNone.\n") {
		t.Fatalf("no options:\n%s", md)
	}
}

// A run whose context is done stops before the next rule: the language server cancels an
// analysis no request waits for any more, and its work must stop, not run to the end.
func TestRunStopsBetweenRulesOnceCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var ran []string
	rule := func(code string, then func()) *analysis.Analyzer {
		return &analysis.Analyzer{Code: code, Name: "cancel-" + code, Title: "test rule", Severity: analysis.Warning,
			Run: func(p *analysis.Pass) { ran = append(ran, code); then() }}
	}
	first, second := rule("OTP994", cancel), rule("OTP995", func() {})
	ws := index.NewWorkspace()
	e := workspace.Enter(ws, "lib/m.ex", "defmodule M do\nend\n")
	if diags := e.Analyze(ws.Snapshot(), workspace.RunOptions{Analyzers: []*analysis.Analyzer{first, second}, Context: ctx}); diags != nil || !slices.Equal(ran, []string{"OTP994"}) {
		t.Fatalf("after a cancel in the first rule: diagnostics %v, rules run %v", diags, ran)
	}
	ran = nil
	e.Analyze(ws.Snapshot(), workspace.RunOptions{Analyzers: []*analysis.Analyzer{second, second}})
	if len(ran) != 2 {
		t.Fatalf("without a context: rules run %v", ran)
	}
}

// TestTailsAreSharedAndKeptApart: the rules of a file read each body's tails once
// (Pass.Tails hands the second rule the list the first got), and a rule appending to its
// list changes nothing another rule reads.
func TestTailsAreSharedAndKeptApart(t *testing.T) {
	f := source.Parse("lib/m.ex", "defmodule M do\n  def a(x) do\n    case x do\n      1 -> :one\n      2 -> :two\n      _ -> :many\n    end\n  end\nend\n")
	body := func(p *analysis.Pass) *source.Node {
		defs, _ := p.Defs(p.Modules[0])
		return defs["a/1"][0].Body
	}
	var first, second []*source.Node
	appender := &analysis.Analyzer{Code: "OTP990", Name: "appender", Title: "test rule", Severity: analysis.Warning,
		Run: func(p *analysis.Pass) {
			first = p.Tails(body(p))
			_ = append(first, body(p)) // what a rule may do with a list of its own
		}}
	reader := &analysis.Analyzer{Code: "OTP989", Name: "reader", Title: "test rule", Severity: analysis.Warning,
		Run: func(p *analysis.Pass) { second = p.Tails(body(p)) }}
	analysis.Run(analysis.Input{File: f, Analyzers: []*analysis.Analyzer{appender, reader}})
	var texts []string
	for _, n := range second {
		texts = append(texts, f.Slice(n))
	}
	if strings.Join(texts, " ") != ":one :two :many" || len(first) != 3 || &first[0] != &second[0] {
		t.Fatalf("second rule's tails = %q (shared with the first's: %v), want :one :two :many, the same list", texts, len(first) > 0 && &first[0] == &second[0])
	}
	if cap(second) != len(second) {
		t.Fatalf("the shared list has room for %d: an append would write into it", cap(second))
	}
}
