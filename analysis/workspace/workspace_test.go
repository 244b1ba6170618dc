package workspace_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/config"
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/rules/all"
	"github.com/otpls/otpls/analysis/source"
	"github.com/otpls/otpls/analysis/workspace"
)

func write(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func rels(root string, paths []string) string {
	var out []string
	for _, p := range paths {
		r, _ := filepath.Rel(root, p)
		out = append(out, filepath.ToSlash(r))
	}
	return strings.Join(out, " ")
}

func TestDiscoverSkipsAndExcludes(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"lib/a.ex", "lib/b.exs", "lib/legacy/old.ex", "deps/x/lib/x.ex", "_build/dev/y.ex", ".git/z.ex", "node_modules/n.ex", "lib/readme.md", ".otpls.exs", "test/a_test.exs"} {
		write(t, dir, n, "defmodule X do\nend\n")
	}
	// A symlink loop and a dangling link: skipped, never followed forever.
	os.Symlink(dir, filepath.Join(dir, "lib", "loop"))
	os.Symlink(filepath.Join(dir, "nowhere.ex"), filepath.Join(dir, "lib", "dangling.ex"))
	// A named pipe with an Elixir name would block any reader forever: never opened.
	if err := syscall.Mkfifo(filepath.Join(dir, "lib", "pipe.ex"), 0o644); err != nil {
		t.Fatal(err)
	}
	var skipped []string
	files, err := workspace.Discover(dir, []string{dir}, []string{"lib/legacy/**"}, func(p string, err error) { skipped = append(skipped, filepath.Base(p)+": "+err.Error()) })
	if err != nil {
		t.Fatal(err)
	}
	if got := rels(dir, files); got != "lib/a.ex lib/b.exs test/a_test.exs" {
		t.Fatalf("files = %s", got)
	}
	if got := strings.Join(skipped, "|"); got != "dangling.ex: dangling symlink|pipe.ex: not a regular file (a named pipe)" {
		t.Fatalf("skipped = %v", got)
	}
	// An explicit file is taken even where a directory walk would not look.
	files, _ = workspace.Discover(dir, []string{filepath.Join(dir, "deps/x/lib/x.ex")}, nil, nil)
	if len(files) != 1 {
		t.Fatalf("explicit file: %v", files)
	}
	if _, err := workspace.Discover(dir, []string{filepath.Join(dir, "missing")}, nil, nil); err == nil {
		t.Fatal("a missing path is an error")
	}
}

func TestLoadConfig(t *testing.T) {
	dir := t.TempDir()
	if cfg, problems, err := workspace.LoadConfig(dir, ""); err != nil || problems != nil || cfg == nil {
		t.Fatalf("no file: %v %v", problems, err)
	}
	if _, _, err := workspace.LoadConfig(dir, filepath.Join(dir, "custom.exs")); err == nil {
		t.Fatal("a missing explicit config is an error")
	}
	write(t, dir, ".otpls.exs", "[rules: [OTP009: false]]")
	if cfg, problems, err := workspace.LoadConfig(dir, ""); err != nil || len(problems) != 0 || *cfg.Rules["OTP009"].Enabled {
		t.Fatalf("%+v %v %v", cfg, problems, err)
	}
	// Options are checked against the rules' declarations: the registered rules by
	// default, or the rules given; editor settings on top are checked against the same.
	write(t, dir, ".otpls.exs", "[rules: [OTP001: [min_concern: 4], OTP008: [max_depth: :deep]]]")
	_, problems, _ := workspace.LoadConfig(dir, "")
	var got []string
	for _, p := range problems {
		got = append(got, p.Message)
	}
	want := `OTP001 (god-genserver): unknown option "min_concern" (its options: min_concerns; and enabled, severity)|` +
		`OTP008 (call-chain): max_depth must be an integer`
	if strings.Join(got, "|") != want {
		t.Fatalf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
	// The config is read as workspace files are: a named pipe would block the read
	// forever, a symlink out of the root reads another file, a huge file takes memory.
	base := t.TempDir()
	pipeDir, linkDir, bigDir := filepath.Join(base, "pipe"), filepath.Join(base, "link"), filepath.Join(base, "big")
	for _, d := range []string{pipeDir, linkDir, bigDir} {
		os.Mkdir(d, 0o755)
	}
	if err := syscall.Mkfifo(filepath.Join(pipeDir, ".otpls.exs"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Symlink(filepath.Join(dir, ".otpls.exs"), filepath.Join(linkDir, ".otpls.exs"))
	write(t, bigDir, ".otpls.exs", "["+strings.Repeat(" ", workspace.MaxConfigSize)+"]")
	for d, want := range map[string]string{
		pipeDir: "cannot read config " + pipeDir + "/.otpls.exs: not a regular file (a named pipe)",
		linkDir: "cannot read config " + linkDir + "/.otpls.exs: symlink leads outside the workspace (to " + dir + "/.otpls.exs)",
	} {
		if _, _, err := workspace.LoadConfig(d, ""); err == nil || err.Error() != want {
			t.Errorf("config: %v, want %s", err, want)
		}
	}
	if cfg, problems, err := workspace.LoadConfig(bigDir, ""); err != nil || cfg == nil || len(problems) != 1 ||
		problems[0].Message != "the config is 1048578 bytes, over the 1048576-byte limit for .otpls.exs" {
		t.Errorf("a config too large: %v, %v", problems, err)
	}
	// Named explicitly, a config is read where it is.
	if cfg, problems, err := workspace.LoadConfig(linkDir, filepath.Join(linkDir, ".otpls.exs")); err != nil || len(problems) != 2 || cfg == nil {
		t.Errorf("explicit config through a link: %v, %v", problems, err)
	}
	cfg, _, _ := workspace.LoadConfig(dir, "", all.Lookup("OTP008"))
	if _, bad := cfg.Override(map[string]any{"rules": map[string]any{"OTP008": map[string]any{"serverity": "error"}}}); len(bad) != 1 ||
		bad[0] != `OTP008 (call-chain): unknown option "serverity" (its options: max_depth; and enabled, severity)` {
		t.Fatalf("settings: %v", bad)
	}
}

// A workspace of 20,000 files is found and analysed, with cross-file facts intact.
func TestTwentyThousandFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("large workspace in -short mode")
	}
	dir := t.TempDir()
	write(t, dir, "lib/app/application.ex", "defmodule App.Application do\n  use Application\n  def start(_t, _a) do\n    children = [App.Repo]\n    Supervisor.start_link(children, strategy: :one_for_one)\n  end\nend\n")
	for i := 0; i < 19_999; i++ {
		body := fmt.Sprintf("defmodule App.M%d do\n  def f(x), do: x + %d\nend\n", i, i)
		if i == 12_345 {
			body = "defmodule App.Late do\n  def go(x) do\n    spawn(fn -> x end)\n    :ok\n  end\nend\n"
		}
		write(t, dir, fmt.Sprintf("lib/app/d%d/m%d.ex", i%100, i), body)
	}
	files, err := workspace.Discover(dir, []string{dir}, nil, nil)
	if err != nil || len(files) != 20_000 {
		t.Fatalf("found %d files: %v", len(files), err)
	}
	res := workspace.Analyze(files, workspace.Options{})
	var found []analysis.Diagnostic
	for _, ds := range res.Diagnostics {
		found = append(found, ds...)
	}
	if len(found) != 1 || found[0].Code != "OTP009" || len(found[0].Fixes) != 1 ||
		!strings.Contains(found[0].Fixes[0].Title, "App.TaskSupervisor") || len(found[0].Fixes[0].Edits) != 3 {
		t.Fatalf("diagnostics = %+v", found)
	}
}

// The entry point: an open document's edits are reparsed, summarised and entered into the
// index before they are analysed, so another file's analysis sees them at once, and an
// edited document's findings are those of its text checked from scratch.
func TestDocumentEditsReachTheIndexBeforeAnalysis(t *testing.T) {
	owner := "defmodule Owner do\n  def init, do: :ets.new(:shared, [:public, :named_table])\n  def cycle(k) do\n    :ets.insert(:shared, {k})\n    :ets.delete(:shared, k)\n  end\nend\n"
	reader := "defmodule Reader do\nend\n"
	ws := index.NewWorkspace(allFacts...)
	ownerEntry, diags := workspace.Check(ws, "/p/lib/owner.ex", owner, workspace.RunOptions{})
	if len(diags) != 0 {
		t.Fatalf("owner alone: %v", diags)
	}
	doc := workspace.OpenDocument(ws, "/p/lib/reader.ex", reader, 0)
	defer doc.Close()
	// An edit inside the module adds a concurrent reader of the owner's table.
	insert := &source.Range{Start: source.Position{Line: 0, Character: 19}, End: source.Position{Line: 0, Character: 19}}
	edited, err := doc.Apply(ws, []source.Change{{Range: insert, Text: "\n  def get(k), do: Task.async(fn -> :ets.lookup(:shared, k) end)"}})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Entry().File != edited.File || !strings.Contains(edited.File.Text, "Task.async") {
		t.Fatalf("Apply returned %q, the document holds %q", edited.File.Text, doc.Entry().File.Text)
	}
	got := ownerEntry.Analyze(ws.Snapshot(), workspace.RunOptions{})
	if len(got) != 1 || !strings.Contains(got[0].Message, "used concurrently") {
		t.Fatalf("owner after the reader's edit: %v", got)
	}
	// The edited document analyses as its text does from scratch, in a fresh index.
	fresh := index.NewWorkspace(allFacts...)
	workspace.Enter(fresh, "/p/lib/owner.ex", owner)
	_, want := workspace.Check(fresh, "/p/lib/reader.ex", edited.File.Text, workspace.RunOptions{})
	if a, b := fmt.Sprint(edited.Analyze(ws.Snapshot(), workspace.RunOptions{})), fmt.Sprint(want); a != b {
		t.Fatalf("edited document: %s\nfrom scratch: %s", a, b)
	}
}

// allFacts are the facts of every rule: what a workspace analysed by all of them computes.
var allFacts = analysis.FactKinds(all.Analyzers)

// Past its TreeBudget a run keeps no trees between its steps and parses every file again
// for its rules; with DropAnalysed it drops each tree once the file's rules have run. The
// findings, their ranges and their fixes are the same.
func TestDroppingTreesGivesTheSameFindings(t *testing.T) {
	paths, texts, size := corpus(20_000)
	kept := workspace.Analyze(paths, workspace.Options{Texts: texts})
	dropped := workspace.Analyze(paths, workspace.Options{Texts: texts, TreeBudget: int64(size) - 1})
	analysed := workspace.Analyze(paths, workspace.Options{Texts: texts, DropAnalysed: true})
	if len(kept.Files) != len(paths) || len(dropped.Files) != 0 || len(analysed.Files) != 0 {
		t.Fatalf("files kept: %d, %d and %d", len(kept.Files), len(dropped.Files), len(analysed.Files))
	}
	n := 0
	for _, p := range paths {
		n += len(kept.Diagnostics[p])
		a := fmt.Sprintf("%+v", kept.Diagnostics[p])
		if b := fmt.Sprintf("%+v", dropped.Diagnostics[p]); a != b {
			t.Errorf("%s:\ntrees kept:    %s\ntrees dropped: %s", p, a, b)
		}
		if b := fmt.Sprintf("%+v", analysed.Diagnostics[p]); a != b {
			t.Errorf("%s:\ntrees kept:          %s\ndropped once analysed: %s", p, a, b)
		}
	}
	if n == 0 {
		t.Fatal("the corpus has no findings to compare")
	}
	if within := workspace.Analyze(paths, workspace.Options{Texts: texts, TreeBudget: int64(size)}); len(within.Files) != len(paths) {
		t.Errorf("within the budget, trees are kept: %d files", len(within.Files))
	}
}

// Options.WhileLarge brackets the parse, the summary and the rules of each text of
// source.LargeText bytes or more, and nothing else: check paces its collector tighter
// while they run.
func TestWhileLargeBracketsTheWorkOnLargeTexts(t *testing.T) {
	big := "defmodule Big do\n" + strings.Repeat("  def f(x), do: x + 1\n", source.LargeText/20) + "end\n"
	texts := map[string]string{"/p/lib/big.ex": big, "/p/lib/small.ex": "defmodule Small do\n  def g, do: 1\nend\n"}
	for _, drop := range []bool{false, true} {
		started, ended := 0, 0
		cfg, _ := config.Parse(".otpls.exs", "[max_file_size: 16_000_000]")
		opts := workspace.Options{Config: cfg, Texts: texts, DropAnalysed: drop, WhileLarge: func() func() {
			started++
			return func() { ended++ }
		}}
		if drop {
			opts.TreeBudget = 1
		}
		workspace.Analyze([]string{"/p/lib/big.ex", "/p/lib/small.ex"}, opts)
		const want = 3 // the parse, the summary, the rules (with, trees dropped, the second parse)
		if started != want || ended != want {
			t.Errorf("trees dropped %v: WhileLarge started %d times and ended %d, want %d each", drop, started, ended, want)
		}
	}
}

// A large document is held lean (no form cache, its derived values dropped after each
// analysis): edited, it gives the findings a fresh check of its text gives.
func TestLargeDocumentEditedFindsWhatCheckFinds(t *testing.T) {
	body := strings.Repeat("  def f(x), do: x + 1\n", source.LargeText/20)
	text := "defmodule Big do\n  use GenServer\n  def init(s), do: {:ok, s}\n  def handle_call(:get, _from, s) do\n    HTTPoison.get!(\"http://x\")\n    {:reply, s, s}\n  end\n" + body + "end\n"
	ws := index.NewWorkspace(analysis.FactKinds(analysis.All())...)
	cfg, _ := config.Parse(".otpls.exs", "[max_file_size: 16_000_000]")
	run := workspace.RunOptions{Config: cfg}
	doc := workspace.OpenDocument(ws, "/p/lib/big.ex", text, cfg.FileSizeLimit())
	defer doc.Close()
	codes := func(ds []analysis.Diagnostic) string {
		var out []string
		for _, d := range ds {
			out = append(out, fmt.Sprintf("%s@%d", d.Code, d.Range.Start.Line))
		}
		return strings.Join(out, " ")
	}
	first := codes(doc.Entry().Analyze(ws.Snapshot(), run))
	if first == "" {
		t.Fatal("nothing reported in the large module")
	}
	// A line inserted above the callbacks: every finding moves a line down.
	at := strings.Index(text, "  def handle_call")
	pos := doc.Entry().File.Lines.Position(at)
	entry, err := doc.Apply(ws, []source.Change{{Range: &source.Range{Start: pos, End: pos}, Text: "  @doc false\n"}})
	if err != nil {
		t.Fatal(err)
	}
	text = text[:at] + "  @doc false\n" + text[at:]
	got := codes(entry.Analyze(ws.Snapshot(), run))
	fresh := index.NewWorkspace(analysis.FactKinds(analysis.All())...)
	_, want := workspace.Check(fresh, "/p/lib/big.ex", text, run)
	if got != codes(want) || got == first {
		t.Errorf("after the edit: %s (before it: %s)\nwant (a fresh check): %s", got, first, codes(want))
	}
}
