package workspace_test

import (
	"flag"
	"fmt"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/benchcorpus"
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/rules/all"
	"github.com/otpls/otpls/analysis/source"
	"github.com/otpls/otpls/analysis/workspace"
)

// corpus generates a corpus of about lines lines, in memory (disk I/O is not what we
// measure); the benchmarks use 100k lines.
func corpus(lines int) (paths []string, texts map[string]string, bytes int) {
	texts = map[string]string{}
	for _, f := range benchcorpus.Files(lines, 1) {
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
// one worker each so the ratio does not depend on scheduling, with check's options
// (Options.DropAnalysed: each tree and what it derived dropped as soon as done with).
// Passes alternate, parse first and last, and each check pass is compared with the mean
// of the parse passes just before and after it: the speed of this shared machine drifts
// by a quarter over seconds, and only passes next to each other run at the same speed. The median of those ratios
// is reported, with throughputs from the median passes. BenchmarkCheckPhases measures the
// same steps file by file.
func BenchmarkCheckVsParse(b *testing.B) {
	paths, texts, size := corpus(100_000)
	parsePass := func() time.Duration {
		t0 := time.Now()
		for _, p := range paths {
			source.ParseOnly(texts[p])
		}
		return time.Since(t0)
	}
	var parses, checks, ratios []float64
	b.ResetTimer()
	before := parsePass()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		workspace.Analyze(paths, workspace.Options{Texts: texts, Parallelism: 1, DropAnalysed: true})
		check := time.Since(t0)
		after := parsePass()
		parse := (before + after).Seconds() / 2
		parses, checks = append(parses, before.Seconds()), append(checks, check.Seconds())
		ratios = append(ratios, check.Seconds()/parse)
		before = after
	}
	parses = append(parses, before.Seconds())
	mb := float64(size) / 1e6
	b.ReportMetric(mb/median(parses), "parse-MB/s")
	b.ReportMetric(mb/median(checks), "check-MB/s")
	b.ReportMetric(median(ratios), "check/parse")
	b.ReportMetric(0, "ns/op")
}

// median returns the middle value of xs (the mean of the two middle ones for an even count).
func median(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// BenchmarkCheckParallel is check's throughput with every core.
func BenchmarkCheckParallel(b *testing.B) {
	paths, texts, size := corpus(100_000)
	b.SetBytes(int64(size))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		workspace.Analyze(paths, workspace.Options{Texts: texts})
	}
}

// BenchmarkIndexMemory measures the heap the workspace index of the corpus holds, against
// the corpus size: only summaries are kept, no text and no trees. OTPLS_BENCH_RULES
// (codes, comma-separated) keeps only those rules' facts: an older commit's rules, to
// compare the index with that commit's at the same work.
func BenchmarkIndexMemory(b *testing.B) {
	paths, texts, size := corpus(100_000)
	rules, err := all.FromEnv("OTPLS_BENCH_RULES")
	if err != nil {
		b.Fatal(err)
	}
	facts := analysis.FactKinds(rules)
	var ratio float64
	for i := 0; i < b.N; i++ {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		ws := index.NewWorkspace(facts...)
		for _, p := range paths {
			ws.Update(index.Summarize(source.Parse(p, texts[p]), nil, facts))
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
	paths, texts, _ := corpus(100_000)
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

// BenchmarkCheckPhases runs check's steps in Analyze's order (every file parsed into a
// tree; every file summarised; the index; every file's rules), a chunk of files at a
// time, and times each step on a chunk right after (or right before: the order
// alternates, so that neither side always finds the chunk's text warm) tree-sitter parses
// the same chunk alone. On this shared machine the speed of everything drifts by a
// quarter over seconds: timing neighbours some tens of milliseconds apart puts both sides
// of each ratio under the same drift, while each step still runs over many files in a
// row, as in Analyze. (Timed file by file, right after a parse, a step ran with the
// parser's data in the cache instead of its own, and read up to half again as slow.)
// Parse-only time is the mean of the three parses of each file (one per step).
func BenchmarkCheckPhases(b *testing.B) {
	paths, texts, _ := corpus(100_000)
	const chunkFiles = 32 // about 100 KB of source, some 30 ms of parsing
	var chunks [][]int
	for j := 0; j < len(paths); j += chunkFiles {
		var c []int
		for k := j; k < min(j+chunkFiles, len(paths)); k++ {
			c = append(c, k)
		}
		chunks = append(chunks, c)
	}
	var parse, tree, summaries, idx, rules time.Duration
	timed := func(into *time.Duration, fn func()) {
		t0 := time.Now()
		fn()
		*into += time.Since(t0)
	}
	// step runs fn on every file, chunk by chunk, each chunk timed next to a parse of it.
	step := func(into *time.Duration, fn func(j int)) {
		for k, c := range chunks {
			parseChunk := func() {
				timed(&parse, func() {
					for _, j := range c {
						source.ParseOnly(texts[paths[j]])
					}
				})
			}
			if k%2 == 0 {
				parseChunk()
			}
			timed(into, func() {
				for _, j := range c {
					fn(j)
				}
			})
			if k%2 == 1 {
				parseChunk()
			}
		}
	}
	for i := 0; i < b.N; i++ {
		files := make([]*source.File, len(paths))
		sums := make([]*index.FileSummary, len(paths))
		step(&tree, func(j int) { files[j] = source.Parse(paths[j], texts[paths[j]]) })
		step(&summaries, func(j int) { sums[j] = index.Summarize(files[j], nil, allFacts) })
		var snap *index.Snapshot
		timed(&idx, func() {
			ws := index.NewWorkspace(allFacts...)
			for _, s := range sums {
				ws.Update(s)
			}
			snap = ws.Snapshot()
		})
		step(&rules, func(j int) { analysis.Run(analysis.Input{File: files[j], Summary: sums[j], Index: snap}) })
	}
	base := parse.Seconds() / 3 // three parses of each file per pass
	b.ReportMetric((tree.Seconds()-base)/base, "tree/parse")
	b.ReportMetric(summaries.Seconds()/base, "summaries/parse")
	b.ReportMetric(idx.Seconds()/base, "index/parse")
	b.ReportMetric(rules.Seconds()/base, "rules/parse")
	b.ReportMetric((tree+summaries+idx+rules).Seconds()/base, "check/parse")
	b.ReportMetric(0, "ns/op")
}

var (
	checkSteps = flag.Int("check-steps", -1, "BenchmarkCheckSteps: how many of check's steps to run (0-4)")
	checkLines = flag.Int("check-lines", 20_000, "BenchmarkCheckSteps: lines of generated corpus")
)

// BenchmarkCheckSteps runs the first -check-steps steps of check on a generated corpus:
// 0 makes the corpus only; 1 adds a parse-only pass over it; 2 parses it again into trees;
// 3 summarises them; 4 builds the index and runs the rules. Its time means little: it is
// run under valgrind by .ci/instructions.sh (make bench), which counts the instructions of
// each step by difference, a measure the shared machine's noise cannot move.
// OTPLS_BENCH_RULES (codes, comma-separated) runs only those rules, with their facts: an
// older commit's rules, to compare with that commit at the same work.
func BenchmarkCheckSteps(b *testing.B) {
	if *checkSteps < 0 {
		b.Skip("run by .ci/instructions.sh with -check-steps")
	}
	rules, err := all.FromEnv("OTPLS_BENCH_RULES")
	if err != nil {
		b.Fatal(err)
	}
	facts := analysis.FactKinds(rules)
	for i := 0; i < b.N; i++ {
		paths, texts, _ := corpus(*checkLines)
		if *checkSteps >= 1 {
			for _, p := range paths {
				source.ParseOnly(texts[p])
			}
		}
		files := make([]*source.File, len(paths))
		if *checkSteps >= 2 {
			for j, p := range paths {
				files[j] = source.Parse(p, texts[p])
			}
		}
		sums := make([]*index.FileSummary, len(paths))
		if *checkSteps >= 3 {
			for j := range files {
				sums[j] = index.Summarize(files[j], nil, facts)
				files[j].ForgetDerived() // as check does (Options.DropAnalysed)
			}
		}
		if *checkSteps >= 4 {
			ws := index.NewWorkspace(facts...)
			for _, s := range sums {
				ws.Update(s)
			}
			snap := ws.Snapshot()
			for j := range files {
				analysis.Run(analysis.Input{File: files[j], Summary: sums[j], Index: snap, Analyzers: rules})
			}
		}
	}
	b.ReportMetric(0, "ns/op")
}

// BenchmarkManyFindingsOnOneLine checks a module whose one function holds, on one 256 KB
// non-ASCII line, thousands of spawns, each a finding (issue 25: a 1 MB line took 32 s,
// quadratically: every position decoded the line from its start, and each spawn listed
// its block's expressions again), and, as the yardstick, the same statements spread over
// short functions of one line each. The two are checked one after the other, so that the
// machine's drift falls on both; reported is the median over the passes of the long line's
// time over the yardstick's, which grows with the size when check is quadratic in a line or
// a block (measured at 256 KB: 13 before the fix, 1.5 after).
func BenchmarkManyFindingsOnOneLine(b *testing.B) {
	const unit, size = `_ = "é"; spawn(fn -> x end); `, 256 << 10
	oneLine := "defmodule A do\n  def f(x) do " + strings.Repeat(unit, size/len(unit)) + ":ok end\nend\n"
	shortLines := "defmodule A do\n" + strings.Repeat("  def f(x) do "+strings.Repeat(unit, 20)+":ok end\n", size/len(unit)/20) + "end\n"
	check := func(text string) float64 {
		t0 := time.Now()
		workspace.Check(index.NewWorkspace(analysis.FactKinds(all.Analyzers)...), "lib/a.ex", text, workspace.RunOptions{Analyzers: all.Analyzers})
		return time.Since(t0).Seconds()
	}
	check(shortLines) // warm up (tree-sitter's first parse)
	var ratios []float64
	for i := 0; i < b.N; i++ {
		ratios = append(ratios, check(oneLine)/check(shortLines))
	}
	b.ReportMetric(median(ratios), "one-line/short-lines")
	b.ReportMetric(0, "ns/op")
}
