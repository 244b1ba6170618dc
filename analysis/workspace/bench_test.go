package workspace_test

import (
	"fmt"
	"math"
	"path/filepath"
	"runtime"
	"sort"
	"testing"
	"time"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/benchcorpus"
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/source"
	"github.com/otpls/otpls/analysis/workspace"
)

// corpus is the 100k-line generated corpus, in memory (disk I/O is not what we measure).
func corpus(tb testing.TB) (paths []string, texts map[string]string, bytes int) {
	texts = map[string]string{}
	for _, f := range benchcorpus.Files(100_000, 1) {
		p := filepath.Join("/corpus", f.Path)
		paths = append(paths, p)
		texts[p] = string(f.Content)
		bytes += len(f.Content)
	}
	sort.Strings(paths)
	return paths, texts, bytes
}

// BenchmarkCheckVsParse measures `otpls check`'s analysis (parse, syntax tree, summaries,
// index, every rule) against tree-sitter parsing alone, on the same corpus in the same run,
// one worker each so the ratio does not depend on scheduling. Each is timed once per
// iteration, alternating, and the fastest pass of each counts: on a shared, noisy machine
// the fastest pass is the one least disturbed by other load.
func BenchmarkCheckVsParse(b *testing.B) {
	paths, texts, size := corpus(b)
	parse, check := time.Duration(math.MaxInt64), time.Duration(math.MaxInt64)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		for _, p := range paths {
			source.ParseOnly(texts[p])
		}
		parse = min(parse, time.Since(t0))
		t0 = time.Now()
		workspace.Analyze(paths, workspace.Options{Texts: texts, Parallelism: 1})
		check = min(check, time.Since(t0))
	}
	mb := float64(size) / 1e6
	b.ReportMetric(mb/parse.Seconds(), "parse-MB/s")
	b.ReportMetric(mb/check.Seconds(), "check-MB/s")
	b.ReportMetric(check.Seconds()/parse.Seconds(), "check/parse")
	b.ReportMetric(0, "ns/op")
}

// BenchmarkCheckParallel is check's throughput with every core.
func BenchmarkCheckParallel(b *testing.B) {
	paths, texts, size := corpus(b)
	b.SetBytes(int64(size))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		workspace.Analyze(paths, workspace.Options{Texts: texts})
	}
}

// BenchmarkIndexMemory measures the heap the workspace index of the corpus holds, against
// the corpus size: only summaries are kept, no text and no trees.
func BenchmarkIndexMemory(b *testing.B) {
	paths, texts, size := corpus(b)
	var ratio float64
	for i := 0; i < b.N; i++ {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		ws := index.NewWorkspace()
		for _, p := range paths {
			ws.Update(index.Summarize(source.Parse(p, texts[p]), nil))
		}
		ws.Snapshot()
		runtime.GC()
		runtime.ReadMemStats(&after)
		ratio = float64(after.HeapInuse-before.HeapInuse) / float64(size)
		runtime.KeepAlive(ws)
	}
	b.ReportMetric(ratio, "index-bytes/source-byte")
	b.ReportMetric(float64(size)/1e6, "source-MB")
	b.ReportMetric(0, "ns/op")
}

// TestCorpusFindings prints what the rules find on the generated corpus (run with -v);
// every finding must be one of the planted anti-patterns, and every planted one is found.
func TestCorpusFindings(t *testing.T) {
	paths, texts, _ := corpus(t)
	res := workspace.Analyze(paths, workspace.Options{Texts: texts})
	planted := map[string]bool{}
	for _, p := range benchcorpus.Manifest(100_000, 1) {
		planted[filepath.Join("/corpus", p.Path)+" "+p.Code] = true
	}
	counts := map[string]int{}
	found := map[string]bool{}
	for _, p := range paths {
		for _, d := range res.Diagnostics[p] {
			counts[d.Code]++
			found[p+" "+d.Code] = true
			if !planted[p+" "+d.Code] {
				t.Errorf("%s:%d: %s %s (not planted)", p, d.Range.Start.Line+1, d.Code, d.Message)
			}
		}
	}
	for k := range planted {
		if !found[k] {
			t.Errorf("planted but not found: %s", k)
		}
	}
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Log(fmt.Sprintf("%s: %d", k, counts[k]))
	}
}

// BenchmarkCheckPhases splits check's single-worker time into its phases, each as a
// fraction of parse-only time in the same run (fastest of b.N passes of each): building the
// syntax tree (flatten and Go nodes, on top of the parse), summaries, the index, the rules.
func BenchmarkCheckPhases(b *testing.B) {
	paths, texts, _ := corpus(b)
	best := map[string]time.Duration{}
	lap := func(name string, t0 time.Time) time.Time {
		d := time.Since(t0)
		if old, ok := best[name]; !ok || d < old {
			best[name] = d
		}
		return time.Now()
	}
	for i := 0; i < b.N; i++ {
		t := time.Now()
		for _, p := range paths {
			source.ParseOnly(texts[p])
		}
		t = lap("parse", t)
		files := make([]*source.File, len(paths))
		for j, p := range paths {
			files[j] = source.Parse(p, texts[p])
		}
		t = lap("tree", t)
		sums := make([]*index.FileSummary, len(files))
		for j, f := range files {
			sums[j] = index.Summarize(f, nil)
		}
		t = lap("summaries", t)
		ws := index.NewWorkspace()
		for _, s := range sums {
			ws.Update(s)
		}
		snap := ws.Snapshot()
		t = lap("index", t)
		for j, f := range files {
			analysis.Run(analysis.Input{File: f, Summary: sums[j], Index: snap})
		}
		lap("rules", t)
	}
	parse := best["parse"].Seconds()
	b.ReportMetric((best["tree"].Seconds()-parse)/parse, "tree/parse")
	for _, k := range []string{"summaries", "index", "rules"} {
		b.ReportMetric(best[k].Seconds()/parse, k+"/parse")
	}
	b.ReportMetric(0, "ns/op")
}
