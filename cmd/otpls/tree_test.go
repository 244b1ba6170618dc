package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"go.lsp.dev/uri"

	"github.com/otpls/otpls/analysis/rules/ruletest"
)

var updateTree = flag.Bool("update-tree", false, "rewrite testdata/tree/*.txt and *.json from otpls tree's output")

// treeFixtures are the projects under testdata/tree with their expected outputs beside
// them (<name>.txt, <name>.json): nested supervisors, aliases, __MODULE__, registered
// names, overrides, a DynamicSupervisor with start_child sites, dynamic children and a
// cross-branch call (shop); an umbrella of two apps, a module-based DynamicSupervisor, a
// supervisor cycle and an orphan (umbrella); children lists built by local functions,
// expanded when they have one clause whose value is a list, unknown with their
// alternatives named when they have two clauses or a value that depends on configuration,
// conditional entries, Task.Supervisor and Supervisor.start_child sites, and a supervisor
// started under one the code does not name (relay).
var treeFixtures = []string{"shop", "umbrella", "relay"}

func treeDir(t *testing.T, name string) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata", "tree", name))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// withRoot replaces the fixture's absolute location in JSON output with $ROOT.
func withRoot(out, dir string) string {
	return strings.ReplaceAll(out, string(uri.File(dir)), "file://$ROOT")
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *updateTree {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s:\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

func TestTreeText(t *testing.T) {
	for _, name := range treeFixtures {
		t.Run(name, func(t *testing.T) {
			dir := treeDir(t, name)
			code, out, errs := runIn(t, dir, "tree")
			if code != exitClean || errs != "" {
				t.Fatalf("exit %d, stderr %q", code, errs)
			}
			golden(t, dir+".txt", out)
		})
	}
}

func TestTreeJSON(t *testing.T) {
	for _, name := range treeFixtures {
		t.Run(name, func(t *testing.T) {
			dir := treeDir(t, name)
			code, out, errs := runIn(t, dir, "tree", "--format", "json")
			if code != exitClean || errs != "" {
				t.Fatalf("exit %d, stderr %q", code, errs)
			}
			checkContract(t, []byte(out))
			golden(t, dir+".json", withRoot(out, dir))
		})
	}
}

// checkContract checks the shape of contract 1 (docs/tree.md): every field present on
// every node (null when unknown), ids unique, edges between nodes of the result.
func checkContract(t *testing.T, data []byte) {
	t.Helper()
	var f struct {
		Version      int                          `json:"version"`
		Applications []map[string]json.RawMessage `json:"applications"`
		Orphans      []map[string]json.RawMessage `json:"orphans"`
		Edges        []map[string]json.RawMessage `json:"edges"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	if f.Version != 1 || f.Applications == nil || f.Orphans == nil || f.Edges == nil {
		t.Fatalf("version %d, applications/orphans/edges must be lists: %s", f.Version, data)
	}
	ids := map[string]bool{}
	var walk func(n map[string]json.RawMessage)
	walk = func(n map[string]json.RawMessage) {
		for _, k := range []string{"id", "kind", "label", "module", "childId", "name", "strategy", "restart", "dynamic", "location", "children"} {
			if _, ok := n[k]; !ok {
				t.Errorf("node %s has no %q", n["id"], k)
			}
		}
		var id string
		json.Unmarshal(n["id"], &id)
		if ids[id] {
			t.Errorf("id %q twice", id)
		}
		ids[id] = true
		var children []map[string]json.RawMessage
		json.Unmarshal(n["children"], &children)
		for _, c := range children {
			walk(c)
		}
	}
	for _, n := range append(f.Applications, f.Orphans...) {
		walk(n)
	}
	for _, e := range f.Edges {
		var from, to string
		json.Unmarshal(e["from"], &from)
		json.Unmarshal(e["to"], &to)
		if !ids[from] || !ids[to] {
			t.Errorf("edge %s -> %s: not nodes of the result", from, to)
		}
	}
}

// TestTreeDot renders the dot output with graphviz: dot exits 0 on it, and the SVG holds
// the nodes and the dashed call edge.
func TestTreeDot(t *testing.T) {
	dotTool := ruletest.RequireTool(t, "dot")
	dir := treeDir(t, "shop")
	code, out, _ := runIn(t, dir, "tree", "--format", "dot")
	if code != exitClean {
		t.Fatalf("exit %d", code)
	}
	cmd := exec.Command(dotTool, "-Tsvg")
	cmd.Stdin = strings.NewReader(out)
	var svg, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &svg, &stderr
	if err := cmd.Run(); err != nil || stderr.Len() > 0 {
		t.Fatalf("dot: %v %s\n%s", err, stderr.String(), out)
	}
	for _, want := range []string{"Shop.Orders.Intake (worker, permanent)", "extra_children()", "stroke-dasharray", "GenServer.call :orders_ledger"} {
		if !strings.Contains(svg.String(), want) {
			t.Errorf("the SVG has no %q", want)
		}
	}
}

func TestTreeUsage(t *testing.T) {
	code, _, errs := runIn(t, t.TempDir(), "tree", "--format", "png")
	if code != exitUsage || !strings.Contains(errs, `unknown format "png"`) {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	code, out, _ := runIn(t, t.TempDir(), "tree")
	if code != exitClean || out != "No application or supervisor found.\n" {
		t.Fatalf("empty project: exit %d, %q", code, out)
	}
}

// TestTreeMermaid checks the mermaid output with mermaid's own parser (mermaid.parse under
// node, with jsdom for the DOM it wants; testdata/tree/mermaid, installed by make deps).
// The checker is shown to reject a broken chart first, so a pass means something.
func TestTreeMermaid(t *testing.T) {
	nodeTool := ruletest.RequireTool(t, "node")
	checker, err := filepath.Abs(filepath.Join("..", "..", "testdata", "tree", "mermaid"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(checker, "node_modules", "mermaid")); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("mermaid is required under CI but is not installed in %s (make deps)", checker)
		}
		t.Skipf("mermaid not installed in %s (make deps installs it)", checker)
	}
	parse := func(chart string) (string, error) {
		p := filepath.Join(t.TempDir(), "chart.mmd")
		if err := os.WriteFile(p, []byte(chart), 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(nodeTool, filepath.Join(checker, "check.mjs"), p).CombinedOutput()
		return string(out), err
	}
	if out, err := parse("flowchart TD\n  n0[\"a\" --> \n"); err == nil {
		t.Fatalf("the checker accepts a broken chart: %s", out)
	}
	for _, name := range treeFixtures {
		t.Run(name, func(t *testing.T) {
			code, chart, _ := runIn(t, treeDir(t, name), "tree", "--format", "mermaid")
			if code != exitClean || !strings.HasPrefix(chart, "flowchart TD\n") {
				t.Fatalf("exit %d:\n%s", code, chart)
			}
			if out, err := parse(chart); err != nil || !strings.Contains(out, "flowchart") {
				t.Fatalf("mermaid rejects the chart: %v %s\n%s", err, out, chart)
			}
		})
	}
}
