package callgraph_test

import (
	"strings"
	"testing"

	"github.com/otpls/otpls/analysis/benchcorpus"
	"github.com/otpls/otpls/analysis/callgraph"
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/source"
)

// corpusWorkspace indexes the 100k-line generated corpus, which has 2- and 3-server call
// cycles across files, and returns one cycle file's path and text.
func corpusWorkspace(tb testing.TB) (*index.Workspace, string, string) {
	ws := index.NewWorkspace(callgraph.Facts()...)
	var path, text string
	for _, f := range benchcorpus.Files(100_000, 1) {
		ws.Update(index.Summarize(source.Parse(f.Path, string(f.Content)), nil, callgraph.Facts()))
		if path == "" && strings.Contains(f.Path, "/flow") {
			path, text = f.Path, string(f.Content)
		}
	}
	if path == "" {
		tb.Fatal("the corpus has no call cycle")
	}
	return ws, path, text
}

// BenchmarkGraphBuild builds the call graph of the corpus from scratch.
func BenchmarkGraphBuild(b *testing.B) {
	ws, _, _ := corpusWorkspace(b)
	snap := ws.Snapshot()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		callgraph.Build(snap)
	}
}

// BenchmarkGraphUpdateAfterEdit updates the graph after one file of a cycle changed
// (alternately breaking and restoring its call): compare with BenchmarkGraphBuild.
func BenchmarkGraphUpdateAfterEdit(b *testing.B) {
	ws, path, text := corpusWorkspace(b)
	broken := strings.Replace(text, "GenServer.call(", "GenServer.cast(", 1)
	versions := []*index.FileSummary{
		index.Summarize(source.Parse(path, broken), nil, callgraph.Facts()),
		index.Summarize(source.Parse(path, text), nil, callgraph.Facts()),
	}
	g := callgraph.Build(ws.Snapshot())
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		ws.Update(versions[i%2])
		snap := ws.Snapshot()
		b.StartTimer()
		g = callgraph.Update(g, snap)
	}
}

// TestCorpusCycles checks the corpus graph: every planted cycle file has a call on a cycle.
func TestCorpusCycles(t *testing.T) {
	ws, _, _ := corpusWorkspace(t)
	g := callgraph.Build(ws.Snapshot())
	planted := 0
	for _, p := range benchcorpus.Manifest(100_000, 1) {
		if p.Code != "OTP008" {
			continue
		}
		planted++
		es := g.EdgesIn(p.Path)
		if len(es) == 0 || !g.OnCycle(es[0]) {
			t.Errorf("%s: planted cycle not found (%d edges)", p.Path, len(es))
		}
	}
	if planted == 0 {
		t.Fatal("no planted cycles")
	}
}
