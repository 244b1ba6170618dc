package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/rules/all"
	"github.com/otpls/otpls/analysis/rules/ruletest"
)

// panicRule panics on a marker, to check a crashing rule is contained; only the test
// that needs it runs it.
var panicRule = &analysis.Analyzer{
	Code: "OTP998", Name: "test-panic", Title: "panics on a marker (tests only)", Severity: analysis.Warning,
	Run: func(p *analysis.Pass) {
		if strings.Contains(p.File.Text, "OTPLS_TEST_PANIC") {
			panic("boom")
		}
	},
}

func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// runIn runs otpls with every rule in dir.
func runIn(t *testing.T, dir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	return runWith(t, all.Analyzers, dir, args...)
}

// runWith runs otpls with the given rules in dir.
func runWith(t *testing.T, rules []*analysis.Analyzer, dir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	var out, errb bytes.Buffer
	code = run(rules, args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

const app = `defmodule Shop.Application do
  use Application

  def start(_type, _args) do
    children = [
      Shop.Repo
    ]

    Supervisor.start_link(children, strategy: :one_for_one, name: Shop.Supervisor)
  end
end
`

const mailer = `defmodule Shop.Mailer do
  def send_receipt(order) do
    spawn(fn -> deliver(order) end)
    {:ok, order}
  end

  defp deliver(order), do: order
end
`

type jsonOut struct {
	Diagnostics []struct {
		Path      string `json:"path"`
		Line      int    `json:"line"`
		Column    int    `json:"column"`
		EndLine   int    `json:"end_line"`
		EndColumn int    `json:"end_column"`
		Code      string `json:"code"`
		Rule      string `json:"rule"`
		Severity  string `json:"severity"`
		Message   string `json:"message"`
		Fixable   bool   `json:"fixable"`
		Fix       any    `json:"fix"`
	} `json:"diagnostics"`
}

func TestCheckJSONReportsSpawn(t *testing.T) {
	dir := writeTree(t, map[string]string{"lib/shop/application.ex": app, "lib/shop/mailer.ex": mailer})
	code, out, errOut := runIn(t, dir, "check", "--format", "json")
	if code != exitFindings {
		t.Fatalf("exit %d, want 1; stderr: %s", code, errOut)
	}
	var got jsonOut
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("bad JSON %q: %v", out, err)
	}
	if len(got.Diagnostics) != 1 {
		t.Fatalf("diagnostics = %+v, want one", got.Diagnostics)
	}
	d := got.Diagnostics[0]
	if d.Path != "lib/shop/mailer.ex" || d.Line != 3 || d.Column != 5 || d.EndLine != 3 || d.EndColumn != 36 ||
		d.Code != "OTP009" || d.Rule != "unsupervised-task" || d.Severity != "warning" || !d.Fixable || d.Fix != "safe" ||
		!strings.Contains(d.Message, "spawn/1 in send_receipt/1 starts a process outside any supervisor") {
		t.Fatalf("diagnostic = %+v", d)
	}
}

// TestCheckJSONFixKind: each finding says which fix it has, "safe", "unsafe" (only
// `otpls fix --unsafe` applies it) or null, while the text output's counts stay.
func TestCheckJSONFixKind(t *testing.T) {
	// OTP005's strategy change is unsafe: it changes which children restart together.
	sup := `defmodule Shop.Sup do
  use Supervisor

  def init(_), do: Supervisor.init([Shop.Prices, Shop.Stock], strategy: :one_for_all)
end

defmodule Shop.Prices do
  use Agent
  def start_link(_), do: Agent.start_link(fn -> %{} end, name: __MODULE__)
end

defmodule Shop.Stock do
  use Agent
  def start_link(_), do: Agent.start_link(fn -> %{} end, name: __MODULE__)
end
`
	// Without an Application nor a started Task.Supervisor, OTP009 offers no fix.
	lonely := "defmodule Lonely do\n  def go(x) do\n    spawn(fn -> x end)\n    :ok\n  end\nend\n"
	dir := writeTree(t, map[string]string{"lib/shop/application.ex": app, "lib/shop/mailer.ex": mailer, "lib/shop/sup.ex": sup})
	lonelyDir := writeTree(t, map[string]string{"lib/lonely.ex": lonely})
	kinds := map[string]any{}
	for _, d := range []string{dir, lonelyDir} {
		_, out, _ := runIn(t, d, "check", "--format", "json")
		var got jsonOut
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("bad JSON %q: %v", out, err)
		}
		for _, diag := range got.Diagnostics {
			kinds[diag.Path] = diag.Fix
			if diag.Fixable != (diag.Fix != nil) {
				t.Errorf("%s: fixable %v but fix %v", diag.Path, diag.Fixable, diag.Fix)
			}
		}
		if d == dir && !strings.Contains(out, `"fix": "safe"`) || d == lonelyDir && !strings.Contains(out, `"fix": null`) {
			t.Errorf("output:\n%s", out)
		}
	}
	want := map[string]any{"lib/shop/mailer.ex": "safe", "lib/shop/sup.ex": "unsafe", "lib/lonely.ex": nil}
	if len(kinds) != len(want) {
		t.Fatalf("fix kinds %v, want %v", kinds, want)
	}
	for p, k := range want {
		if kinds[p] != k {
			t.Errorf("%s: fix %v, want %v", p, kinds[p], k)
		}
	}
	_, text, _ := runIn(t, dir, "check")
	if !strings.Contains(text, "(1 fixable with `otpls fix`, marked [*]; 1 fixable only with `otpls fix --unsafe`)") {
		t.Errorf("text counts:\n%s", text)
	}
}

func TestCheckSuppressedIsClean(t *testing.T) {
	suppressed := strings.Replace(mailer, "    spawn(", "    # otpls:disable-next-line OTP009 receipts may be lost\n    spawn(", 1)
	dir := writeTree(t, map[string]string{"lib/shop/application.ex": app, "lib/shop/mailer.ex": suppressed})
	code, out, _ := runIn(t, dir, "check", "--format", "json")
	if code != exitClean || strings.TrimSpace(out) != "{\n  \"diagnostics\": [],\n  \"unparsed\": [],\n  \"baselined\": 0\n}" {
		t.Fatalf("exit %d, output %q; want 0 and no diagnostics", code, out)
	}
}

func TestCheckTextFormat(t *testing.T) {
	dir := writeTree(t, map[string]string{"lib/shop/application.ex": app, "lib/shop/mailer.ex": mailer, "deps/x/lib/x.ex": mailer, "_build/y.ex": mailer})
	code, out, _ := runIn(t, dir, "check")
	want := "lib/shop/mailer.ex:3:5: OTP009 unsupervised-task: spawn/1 in send_receipt/1 starts a process outside any supervisor"
	if code != exitFindings || !strings.HasPrefix(out, want) || strings.Contains(out, "deps/") || strings.Contains(out, "_build") {
		t.Fatalf("exit %d, output:\n%s", code, out)
	}
}

func TestFixRewritesSpawnAndAddsChild(t *testing.T) {
	dir := writeTree(t, map[string]string{"lib/shop/application.ex": app, "lib/shop/mailer.ex": mailer})
	code, out, errOut := runIn(t, dir, "fix", "--diff")
	if code != exitFindings || !strings.Contains(out, "+    Task.Supervisor.start_child(Shop.TaskSupervisor, fn -> deliver(order) end)") ||
		!strings.Contains(out, "+      {Task.Supervisor, name: Shop.TaskSupervisor}") {
		t.Fatalf("--diff: exit %d\n%s\n%s", code, out, errOut)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "lib/shop/mailer.ex")); string(data) != mailer {
		t.Fatal("--diff wrote the file")
	}
	code, _, errOut = runIn(t, dir, "fix")
	if code != exitClean || !strings.Contains(errOut, "Fixed 1 problem in 2 files (OTP009: 1)") {
		t.Fatalf("fix: exit %d: %s", code, errOut)
	}
	gotMailer, _ := os.ReadFile(filepath.Join(dir, "lib/shop/mailer.ex"))
	gotApp, _ := os.ReadFile(filepath.Join(dir, "lib/shop/application.ex"))
	wantMailer := strings.Replace(mailer, "spawn(fn", "Task.Supervisor.start_child(Shop.TaskSupervisor, fn", 1)
	// First in the children: the children after it may start tasks under it from init/1.
	wantApp := strings.Replace(app, "      Shop.Repo\n", "      {Task.Supervisor, name: Shop.TaskSupervisor},\n      Shop.Repo\n", 1)
	if string(gotMailer) != wantMailer || string(gotApp) != wantApp {
		t.Fatalf("fixed files:\n%s\n%s", gotMailer, gotApp)
	}
	// Fixing again changes nothing, and check is now clean.
	if code, _, errOut := runIn(t, dir, "fix"); code != exitClean || !strings.Contains(errOut, "Fixed 0 problems in 0 files") {
		t.Fatalf("second fix: %d %s", code, errOut)
	}
	if code, out, _ := runIn(t, dir, "check"); code != exitClean || out != "" {
		t.Fatalf("check after fix: %d %q", code, out)
	}
	elixirc := ruletest.RequireTool(t, "elixirc")
	ruletest.CompileFiles(t, elixirc, []string{filepath.Join(dir, "lib/shop/application.ex"), filepath.Join(dir, "lib/shop/mailer.ex")})
}

func TestFixKeepsUnsafeFixesForUnsafeFlag(t *testing.T) {
	used := strings.Replace(mailer, "    spawn(fn -> deliver(order) end)\n    {:ok, order}", "    pid = spawn(fn -> deliver(order) end)\n    {:ok, pid}", 1)
	dir := writeTree(t, map[string]string{"lib/shop/application.ex": app, "lib/shop/mailer.ex": used})
	if _, out, _ := runIn(t, dir, "check"); !strings.HasSuffix(out, "Found 1 problem (1 fixable only with `otpls fix --unsafe`).\n") || strings.Contains(out, "[*]") {
		t.Fatalf("check does not point at the unsafe fix:\n%s", out)
	}
	if code, _, errOut := runIn(t, dir, "fix"); code != exitFindings || !strings.Contains(errOut, "Fixed 0 problems") {
		t.Fatalf("safe-only fix applied an unsafe fix: %d %s", code, errOut)
	}
	if code, _, errOut := runIn(t, dir, "fix", "--unsafe"); code != exitClean {
		t.Fatalf("fix --unsafe: %d %s", code, errOut)
	}
	got, _ := os.ReadFile(filepath.Join(dir, "lib/shop/mailer.ex"))
	if !strings.Contains(string(got), "{:ok, pid} = Task.Supervisor.start_child(Shop.TaskSupervisor, fn -> deliver(order) end)") {
		t.Fatalf("unsafe fix result:\n%s", got)
	}
}

func TestMalformedConfigIsReported(t *testing.T) {
	dir := writeTree(t, map[string]string{
		".otpls.exs":         `[rules: [OTP009: false], exclude: System.cmd("rm", ["-rf", "/"])]`,
		"lib/shop/mailer.ex": mailer,
	})
	code, out, _ := runIn(t, dir, "check")
	if code != exitUsage || !strings.Contains(out, ".otpls.exs:1:35: OTP091 invalid-config: a call to System.cmd is not allowed in .otpls.exs: it is read as data and never evaluated") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	// The valid part (OTP009 disabled) still applies.
	if strings.Contains(out, "OTP009") {
		t.Fatalf("OTP009 should be disabled by the valid part of the config:\n%s", out)
	}
}

// A config nested past the limit (the attack: a million `[a: ` levels, which overflowed the
// stack) is an OTP091 on the first list too deep, and the rest of the config applies.
func TestDeepConfigIsReported(t *testing.T) {
	const n = 20_000
	dir := writeTree(t, map[string]string{
		".otpls.exs":         "[rules: [OTP009: false], exclude: " + strings.Repeat("[a: ", n) + "1" + strings.Repeat("]", n) + "]",
		"lib/shop/mailer.ex": mailer,
	})
	code, out, _ := runIn(t, dir, "check")
	want := ".otpls.exs:1:159: OTP091 invalid-config: nested deeper than 32 levels: the config is read as data of a few levels (defaults are used instead)\n\nFound 1 problem.\n"
	if code != exitUsage || out != want {
		t.Fatalf("exit %d:\n%s\nwant exit %d:\n%s", code, out, exitUsage, want)
	}
}

// task_supervisor is written into code by the fixes: a value that is not a module name
// (the attack: a quoted atom holding code) is an OTP091 and `fix --unsafe` writes nothing.
func TestTaskSupervisorIsNeverPastedIntoCode(t *testing.T) {
	dir := writeTree(t, map[string]string{
		".otpls.exs":              `[task_supervisor: :"foo ++ System.halt()"]`,
		"mix.exs":                 "defmodule Shop.MixProject do\n  use Mix.Project\n  def application, do: [mod: {Shop.Application, []}]\nend\n",
		"lib/shop/application.ex": app,
		"lib/shop/mailer.ex":      mailer,
	})
	want := `.otpls.exs:1:2: OTP091 invalid-config: task_supervisor must be a module name such as MyApp.TaskSupervisor (the fixes of OTP003 blocking-callback, OTP008 call-chain and OTP009 unsupervised-task write it into code), not :"foo ++ System.halt()" (defaults are used instead)`
	code, _, errOut := runIn(t, dir, "fix", "--unsafe")
	if code != exitUsage || !strings.Contains(errOut, want) {
		t.Fatalf("fix --unsafe: exit %d, stderr:\n%s\nwant exit %d and:\n%s", code, errOut, exitUsage, want)
	}
	for name, text := range map[string]string{"lib/shop/mailer.ex": mailer, "lib/shop/application.ex": app} {
		if got, _ := os.ReadFile(filepath.Join(dir, name)); string(got) != text {
			t.Errorf("%s was written:\n%s", name, got)
		}
	}
	if code, out, _ := runIn(t, dir, "check"); code != exitUsage || !strings.Contains(out, want) {
		t.Errorf("check: exit %d:\n%s", code, out)
	}
}

// An option a rule does not declare, or a value of the wrong type, is an OTP091 naming the
// rule, the option and what was expected; the rest of the config applies.
func TestConfigOptionsAreChecked(t *testing.T) {
	dir := writeTree(t, map[string]string{
		".otpls.exs":         "[rules: [OTP001: [min_concern: 4], OTP009: [severity: :hint], OTP008: [max_depth: \"3\"]]]\n",
		"lib/shop/mailer.ex": mailer,
	})
	code, out, _ := runIn(t, dir, "check")
	for _, want := range []string{
		`.otpls.exs:1:19: OTP091 invalid-config: OTP001 (god-genserver): unknown option "min_concern" (its options: min_concerns; and enabled, severity) (defaults are used instead)`,
		`.otpls.exs:1:72: OTP091 invalid-config: OTP008 (call-chain): max_depth must be an integer (defaults are used instead)`,
		`lib/shop/mailer.ex:3:5: OTP009 unsupervised-task:`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
	if code != exitUsage {
		t.Errorf("exit %d, want %d", code, exitUsage)
	}
	if code, out, _ := runIn(t, dir, "check", "--format", "json"); code != exitUsage || !strings.Contains(out, `"severity": "hint"`) {
		t.Errorf("the valid severity applies: %d\n%s", code, out)
	}
}

func TestRulesOptions(t *testing.T) {
	code, out, _ := runIn(t, t.TempDir(), "rules", "--options")
	want := `CODE    NAME               OPTION        TYPE             DEFAULT  DESCRIPTION
OTP001  god-genserver      min_concerns  integer          3        how many concerns make a module a god GenServer.
OTP003  blocking-callback  extra         list of strings  []       more calls to treat as blocking, as ` + "`" + `"Module.fun"` + "`" + ` or ` + "`" + `"Module.fun/arity"` + "`" + ` (e.g. ` + "`" + `["MyApp.Http.get"]` + "`" + `).
OTP003  blocking-callback  ignore        list of strings  []       calls (or whole modules) not to treat as blocking.
OTP008  call-chain         max_depth     integer          3        the number of servers in a chain that is reported as a Warning (3 means A -> B -> C).
OTP018  task-timeout       timeout       integer          30000    the timeout, in milliseconds, the fix writes (` + "`" + `timeout: 30_000, on_timeout: :kill_task` + "`" + ` for a stream, ` + "`" + `Task.await(task, 30_000)` + "`" + `).

Every rule also takes enabled (true or false) and severity (:error, :warning, :information or :hint).
`
	if code != exitClean || out != want {
		t.Errorf("rules --options: exit %d\n%s\nwant:\n%s", code, out, want)
	}
}

func TestConfigDisablesRuleAndExcludes(t *testing.T) {
	dir := writeTree(t, map[string]string{
		".otpls.exs":            "# project settings\n[\n  rules: [OTP010: false],\n  exclude: [\"lib/legacy/**\"]\n]\n",
		"lib/legacy/old.ex":     mailer,
		"lib/shop/mailer.ex":    mailer,
		"lib/shop/ets_cache.ex": "defmodule C do\n  def a, do: :ets.new(:c, [:public, :named_table])\n  def b, do: :ets.insert(:c, {1})\n  def c, do: :ets.lookup(:c, 1)\nend\n",
	})
	code, out, _ := runIn(t, dir, "check")
	if code != exitFindings || strings.Contains(out, "OTP010") || strings.Contains(out, "legacy") || !strings.Contains(out, "lib/shop/mailer.ex:3:5: OTP009") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
}

func TestRulePanicIsContained(t *testing.T) {
	dir := writeTree(t, map[string]string{"lib/shop/application.ex": app, "lib/shop/mailer.ex": mailer + "# OTPLS_TEST_PANIC\n"})
	code, out, errOut := runWith(t, append(slices.Clone(all.Analyzers), panicRule), dir, "check")
	if code != exitInternal || !strings.Contains(out, "OTP000 internal-error: rule OTP998 (test-panic) crashed on this file") ||
		!strings.Contains(out, "lib/shop/mailer.ex:3:5: OTP009") || !strings.Contains(errOut, "panicked") {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
}

func TestSARIF(t *testing.T) {
	dir := writeTree(t, map[string]string{"lib/shop/application.ex": app, "lib/shop/mailer.ex": mailer})
	code, out, _ := runIn(t, dir, "check", "--format", "sarif")
	var log struct {
		Version string `json:"version"`
		Schema  string `json:"$schema"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string `json:"name"`
					Rules []struct {
						ID   string `json:"id"`
						Help struct {
							Text     string `json:"text"`
							Markdown string `json:"markdown"`
						} `json:"help"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string                `json:"ruleId"`
				Level     string                `json:"level"`
				Message   struct{ Text string } `json:"message"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string } `json:"artifactLocation"`
						Region           struct {
							StartLine   int `json:"startLine"`
							StartColumn int `json:"startColumn"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil || code != exitFindings {
		t.Fatalf("exit %d, %v:\n%s", code, err, out)
	}
	if log.Version != "2.1.0" || !strings.Contains(log.Schema, "sarif-schema-2.1.0") || len(log.Runs) != 1 || log.Runs[0].Tool.Driver.Name != "otpls" {
		t.Fatalf("bad SARIF header: %+v", log)
	}
	for _, r := range log.Runs[0].Tool.Driver.Rules {
		if r.Help.Text == "" || !strings.HasPrefix(r.Help.Markdown, "# "+r.ID) {
			t.Errorf("rule %s lacks help", r.ID)
		}
	}
	res := log.Runs[0].Results
	if len(res) != 1 || res[0].RuleID != "OTP009" || res[0].Level != "warning" || len(res[0].Locations) != 1 ||
		res[0].Locations[0].PhysicalLocation.ArtifactLocation.URI != "lib/shop/mailer.ex" ||
		res[0].Locations[0].PhysicalLocation.Region.StartLine != 3 || res[0].Locations[0].PhysicalLocation.Region.StartColumn != 5 {
		t.Fatalf("results: %+v", res)
	}
}

func TestUsageErrors(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{{"check", "--format", "xml"}, {"check", "nope/"}, {"explain"}, {"explain", "OTP404"}, {"frobnicate"}, {"check", "--bogus"}} {
		if code, _, _ := runIn(t, dir, args...); code != exitUsage {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	if code, out, _ := runIn(t, dir, "help"); code != 0 || !strings.Contains(out, "otpls check [--format text|json|sarif|github]") {
		t.Errorf("help: %d %s", code, out)
	}
	if code, _, errOut := runIn(t, dir, "check", "-h"); code != 0 || !strings.Contains(errOut, "Exit status: 0 clean, 1 findings") {
		t.Errorf("check -h: %d %s", code, errOut)
	}
	if code, out, _ := runIn(t, dir, "version"); code != 0 || out != "otpls "+version+"\n" {
		t.Errorf("version: %d %q", code, out)
	}
}

func TestExplainPrintsTheRuleDoc(t *testing.T) {
	for _, a := range all.Analyzers {
		want, err := os.ReadFile(filepath.Join(ruletest.Root(t), "docs", "rules", a.Code+".md"))
		if err != nil {
			t.Fatal(err)
		}
		code, out, _ := runIn(t, t.TempDir(), "explain", strings.ToLower(a.Code))
		if code != 0 || out != string(want) {
			t.Errorf("explain %s differs from docs/rules/%s.md", a.Code, a.Code)
		}
	}
	code, out, _ := runIn(t, t.TempDir(), "rules")
	if code != 0 || !strings.Contains(out, "OTP009  unsupervised-task") {
		t.Errorf("rules: %s", out)
	}
}

// The sample project is what the README's first command runs on: it must show real
// findings, exactly the ones its EXPECTED.md lists for the rules that exist (rows of rules
// not yet implemented are skipped until they are).
func TestSampleAppHasFindings(t *testing.T) {
	sample := filepath.Join(ruletest.Root(t), "testdata", "sample_app")
	code, out, errOut := runIn(t, sample, "check")
	if code != exitFindings {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	got := map[string]bool{} // "path CODE"
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if m := regexp.MustCompile(`^(\S+?):\d+:\d+: (OTP\d{3}) `).FindStringSubmatch(line); m != nil {
			got[m[1]+" "+m[2]] = true
		}
	}
	expected, _ := os.ReadFile(filepath.Join(sample, "EXPECTED.md"))
	want := map[string]bool{}
	row := regexp.MustCompile(`(?m)^\| (lib/[^\s,]+)((?:, [\w.]+\.ex)*)[^|]*\| (OTP\d{3}) \|`)
	for _, m := range row.FindAllStringSubmatch(string(expected), -1) {
		if all.Lookup(m[3]) == nil {
			continue
		}
		paths := []string{m[1]}
		for _, more := range strings.Split(strings.TrimPrefix(m[2], ", "), ", ") {
			if more != "" {
				paths = append(paths, filepath.Join(filepath.Dir(m[1]), more))
			}
		}
		for _, p := range paths {
			want[p+" "+m[3]] = true
		}
	}
	if len(want) < 5 {
		t.Fatalf("EXPECTED.md lists %d findings of implemented rules; the table was not read", len(want))
	}
	for k := range want {
		if !got[k] {
			t.Errorf("EXPECTED.md lists %s but otpls check does not report it", k)
		}
	}
	for k := range got {
		if !want[k] {
			t.Errorf("otpls check reports %s, which EXPECTED.md does not list", k)
		}
	}
}

// TestFixKeepsToTheFilesMixProject: asked only about the umbrella apps' lib directories,
// the fix still knows each file's Mix project from the mix.exs above it (read, not
// reported on): a sibling app's Task.Supervisor is never borrowed.
func TestFixKeepsToTheFilesMixProject(t *testing.T) {
	orchardApp := "defmodule Orchard.Application do\n  use Application\n\n  def start(_type, _args) do\n    children = [\n      {Task.Supervisor, name: Orchard.Pickers}\n    ]\n\n    Supervisor.start_link(children, strategy: :one_for_one)\n  end\nend\n"
	cellarApp := "defmodule Cellar.Application do\n  use Application\n\n  def start(_type, _args) do\n    children = [\n      Cellar.Racks\n    ]\n\n    Supervisor.start_link(children, strategy: :one_for_one)\n  end\nend\n"
	bottler := "defmodule Cellar.Bottler do\n  def fill(batch) do\n    spawn(fn -> batch end)\n    :ok\n  end\nend\n"
	mix := func(name string) string { return "defmodule " + name + ".MixProject do\n  use Mix.Project\nend\n" }
	dir := writeTree(t, map[string]string{
		"mix.exs": mix("Farm"), "apps/orchard/mix.exs": mix("Orchard"), "apps/cellar/mix.exs": mix("Cellar"),
		"apps/orchard/lib/orchard/application.ex": orchardApp,
		"apps/cellar/lib/cellar/application.ex":   cellarApp,
		"apps/cellar/lib/cellar/bottler.ex":       bottler,
	})
	_, out, errOut := runIn(t, dir, "fix", "--diff", "apps/orchard/lib", "apps/cellar/lib")
	if strings.Contains(out, "Orchard.Pickers") || !strings.Contains(out, "+    Task.Supervisor.start_child(Cellar.TaskSupervisor, fn -> batch end)") ||
		!strings.Contains(out, "+      {Task.Supervisor, name: Cellar.TaskSupervisor}") {
		t.Fatalf("--diff:\n%s\n%s", out, errOut)
	}
	_, out, _ = runIn(t, dir, "check", "apps/orchard/lib", "apps/cellar/lib")
	if strings.Contains(out, "mix.exs") {
		t.Errorf("a mix.exs read for context was reported on:\n%s", out)
	}
}

// An Information finding's fix is a quick fix the user picks in the editor: `otpls fix`
// leaves it alone, and the text output does not count it as fixable.
func TestFixLeavesHintsAlone(t *testing.T) {
	owner := "defmodule Owner do\n  def init, do: :ets.new(:shared, [:public, :named_table])\n\n  def cycle(k) do\n    :ets.insert(:shared, {k})\n    :ets.delete(:shared, k)\n  end\nend\n"
	reader := "defmodule Reader do\n  def get(k), do: Task.async(fn -> :ets.lookup(:shared, k) end)\nend\n"
	dir := writeTree(t, map[string]string{"lib/owner.ex": owner, "lib/reader.ex": reader})
	code, out, _ := runIn(t, dir, "check")
	if code != exitFindings || !strings.Contains(out, "lib/owner.ex:2:35: OTP010 ets-table-options: public ETS table :shared is used concurrently") ||
		strings.Contains(out, "[*]") || !strings.HasSuffix(out, "\nFound 1 problem.\n") {
		t.Fatalf("check: exit %d\n%s", code, out)
	}
	code, _, errOut := runIn(t, dir, "fix", "--unsafe")
	if got, _ := os.ReadFile(filepath.Join(dir, "lib/owner.ex")); string(got) != owner || !strings.Contains(errOut, "Fixed 0 problems in 0 files.") {
		t.Fatalf("fix --unsafe: exit %d: %s\n%s", code, errOut, got)
	}
}

// TestFixWritesAllOrNothing: the spawn's fix needs the Application to start the
// Task.Supervisor; with the Application read-only, neither file is written (the mailer
// would otherwise call a supervisor nothing starts), and the message says which file.
func TestFixWritesAllOrNothing(t *testing.T) {
	dir := writeTree(t, map[string]string{"lib/shop/application.ex": app, "lib/shop/mailer.ex": mailer})
	appPath := filepath.Join(dir, "lib/shop/application.ex")
	if err := os.Chmod(appPath, 0o444); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runIn(t, dir, "fix")
	if code != exitInternal || !strings.Contains(errOut, "otpls fix: nothing written: lib/shop/application.ex is read-only") {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	gotMailer, _ := os.ReadFile(filepath.Join(dir, "lib/shop/mailer.ex"))
	gotApp, _ := os.ReadFile(appPath)
	if string(gotMailer) != mailer || string(gotApp) != app {
		t.Fatalf("files changed:\n%s\n%s", gotMailer, gotApp)
	}
}
