package all_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/rules/all"
	"github.com/otpls/otpls/analysis/source"
)

// analyse runs every rule on text as a one-file workspace and checks the invariants every
// input must keep: no rule crashes, every range lies inside the document.
func analyse(t testing.TB, name, text string) []analysis.Diagnostic {
	f := source.Parse("lib/"+name+".ex", text)
	sum := index.Summarize(f, nil, allFacts)
	ws := index.NewWorkspace(allFacts...)
	ws.Update(sum)
	diags := analysis.Run(analysis.Input{File: f, Summary: sum, Index: ws.Snapshot(),
		OnPanic: func(code string, r any, stack []byte) { t.Errorf("%s: rule %s panicked: %v\n%s", name, code, r, stack) }})
	for _, d := range diags {
		if d.Start < 0 || d.End < d.Start || d.End > len(text) {
			t.Errorf("%s: %s range [%d,%d) outside a %d-byte document", name, d.Code, d.Start, d.End, len(text))
		}
		if want := f.Lines.Range(d.Start, d.End); want != d.Range {
			t.Errorf("%s: %s LSP range %v disagrees with its bytes %v", name, d.Code, d.Range, want)
		}
	}
	return diags
}

const spawnModule = "defmodule W do\n  def go(x) do\n    spawn(fn -> x end)\n    :ok\n  end\nend\n"

func codes(diags []analysis.Diagnostic) string {
	var out []string
	for _, d := range diags {
		out = append(out, fmt.Sprintf("%s@%d:%d", d.Code, d.Range.Start.Line, d.Range.Start.Character))
	}
	return strings.Join(out, " ")
}

func TestHostileInput(t *testing.T) {
	deep := strings.Repeat("[", 10000) + strings.Repeat("]", 10000)
	deepCalls := "defmodule D do\n  def f(x) do\n    " + strings.Repeat("g(", 10000) + "x" + strings.Repeat(")", 10000) + "\n  end\nend\n"
	deepCase := "defmodule D do\n  def f(x) do\n" + strings.Repeat("case x do\n_ ->\n", 3000) + "spawn(fn -> x end)\n" + strings.Repeat("end\n", 3000) + "  end\nend\n"
	cases := map[string]string{
		"invalid_utf8":   "defmodule W do\n  def go(x) do\n    \xff\xfe\x80 = x\n    spawn(fn -> x end)\n    :ok\n  end\nend\n",
		"bom":            "\ufeff" + spawnModule,
		"crlf":           strings.ReplaceAll(spawnModule, "\n", "\r\n"),
		"mixed_endings":  "defmodule W do\r\n  def go(x) do\r    spawn(fn -> x end)\n    :ok\r\n  end\nend",
		"nul_bytes":      strings.Replace(spawnModule, ":ok", ":ok\x00\x00", 1),
		"deep_lists":     deep,
		"deep_calls":     deepCalls,
		"deep_case":      deepCase,
		"one_long_line":  "defmodule L do def f, do: [" + strings.Repeat(":a, ", 250000) + ":a] end",
		"empty":          "",
		"only_garbage":   "\x00\x01\x02 end end do ) ] } fn ->",
		"unclosed":       "defmodule W do\n  def go(x) do\n    spawn(fn -> x end)\n",
		"huge_atom_name": ":" + strings.Repeat("a", 1<<20),
	}
	for name, text := range cases {
		t.Run(name, func(t *testing.T) { analyse(t, name, text) })
	}
	// What can be computed on odd input still is.
	for _, name := range []string{"bom", "crlf", "nul_bytes", "invalid_utf8", "unclosed"} {
		if got := codes(analyse(t, name, cases[name])); !strings.Contains(got, "OTP009@2:") && !strings.Contains(got, "OTP009@3:") {
			t.Errorf("%s: spawn not reported; got %q", name, got)
		}
	}
	if got := codes(analyse(t, "deep_case", deepCase)); !strings.Contains(got, "OTP009") {
		t.Errorf("deep_case: spawn not reported under 3000 nested cases")
	}
}

func TestTenMegabyteFile(t *testing.T) {
	if testing.Short() {
		t.Skip("10 MB file in -short mode")
	}
	var b strings.Builder
	for i := 0; b.Len() < 10<<20; i++ {
		fmt.Fprintf(&b, "defmodule Big%d do\n  def run(x) do\n    Enum.map(x, &(&1 * %d))\n  end\nend\n", i, i)
	}
	b.WriteString(spawnModule)
	if got := codes(analyse(t, "big", b.String())); !strings.Contains(got, "OTP009") {
		t.Errorf("spawn at the end of a 10 MB file not reported: %q", got)
	}
}

// allFacts are the facts of every rule: what the workspaces of these tests compute.
var allFacts = analysis.FactKinds(all.Analyzers)
