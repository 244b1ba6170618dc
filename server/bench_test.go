package server

import (
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.uber.org/zap"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/benchcorpus"
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/rules/all"
	"github.com/otpls/otpls/analysis/source"
)

func percentile(d []time.Duration, p float64) time.Duration {
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[int(float64(len(s)-1)*p)]
}

// BenchmarkKeystroke measures, over the pipe, the time from a one-character didChange to
// the publishDiagnostics of that version, for a 2,000-line GenServer module with
// diagnosticDelay 0; and, in the same run, the time to open the same text from scratch.
func BenchmarkKeystroke(b *testing.B) {
	text := string(benchcorpus.GenServerModule("Bench.Big", 2000, 1))
	defer tuneGC()() // the collector pacing Run gives the real server
	c := newTestClient(b, zap.NewNop())
	c.initialize(map[string]any{"capabilities": map[string]any{}, "initializationOptions": map[string]any{"diagnosticDelay": 0}})
	uri := "untitled:big.ex"
	m := c.mark()
	c.open(uri, text)
	c.waitDiagnostics(m, uri, func(p published) bool { return true })
	line := keystrokeLine(text)
	version := 1
	// keystroke types a space (even k) or deletes it (odd k) and waits for the diagnostics
	// of that version.
	keystroke := func(k int) time.Duration {
		version++
		change := map[string]any{"range": rng(line, 4, line, 4), "text": " "}
		if k%2 == 1 {
			change = map[string]any{"range": rng(line, 4, line, 5), "text": ""}
		}
		m := c.mark()
		start := time.Now()
		c.change(uri, version, change)
		v := int32(version)
		c.waitDiagnostics(m, uri, func(p published) bool { return p.Version != nil && *p.Version == v })
		return time.Since(start)
	}
	// Warm up (not timed): an editing session is long, so the steady state is what a user
	// feels, not the first edits while the heap grows.
	for k := 0; k < 50; k++ {
		keystroke(k)
	}
	// A thousand, so that p99 is the tenth slowest keystroke rather than the second.
	const keystrokes = 1000
	var edits []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for k := 0; k < keystrokes; k++ {
			edits = append(edits, keystroke(k))
		}
	}
	b.StopTimer()
	var opens []time.Duration
	for k := 0; k < 20; k++ {
		u := "untitled:fresh" + strconv.Itoa(k) + ".ex"
		m := c.mark()
		start := time.Now()
		c.open(u, text)
		c.waitDiagnostics(m, u, func(p published) bool { return true })
		opens = append(opens, time.Since(start))
		c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": u}})
	}
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(percentile(edits, 0.5)), "edit-p50-ms")
	b.ReportMetric(ms(percentile(edits, 0.99)), "edit-p99-ms")
	b.ReportMetric(ms(percentile(opens, 0.5)), "reopen-p50-ms")
	b.ReportMetric(float64(percentile(opens, 0.5))/float64(percentile(edits, 0.5)), "reopen/edit")
	b.ReportMetric(0, "ns/op")
}

// keystrokeLine is where the keystroke benchmarks type, inside a function body near the
// middle of text: a space is inserted at column 4, then deleted.
func keystrokeLine(text string) int {
	return strings.Count(text[:strings.Index(text[len(text)/2:], "    {:reply")+len(text)/2], "\n")
}

// BenchmarkKeystrokePhases splits the keystrokes of BenchmarkKeystroke (same module, same
// edits, same collector pacing) into what the server does for each, without the protocol:
// applying the edit (the form's reparse), re-summarising, and running the rules. Each is
// reported as the mean per keystroke over 1000 keystrokes, after 50 untimed ones.
func BenchmarkKeystrokePhases(b *testing.B) {
	defer tuneGC()()
	text := string(benchcorpus.GenServerModule("Bench.Big", 2000, 1))
	doc := source.Open("/big.ex", text)
	defer doc.Close()
	cache := &index.FormCache{}
	ws := index.NewWorkspace(allFacts...)
	ws.Update(index.Summarize(doc.File(), cache, allFacts))
	line := keystrokeLine(text)
	var apply, summarize, rules time.Duration
	keystroke := func(k int, timed bool) {
		ch := source.Change{Range: &source.Range{Start: source.Position{Line: line, Character: 4}, End: source.Position{Line: line, Character: 4}}, Text: " "}
		if k%2 == 1 {
			ch = source.Change{Range: &source.Range{Start: source.Position{Line: line, Character: 4}, End: source.Position{Line: line, Character: 5}}}
		}
		t0 := time.Now()
		if err := doc.Apply([]source.Change{ch}); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		sum := index.Summarize(doc.File(), cache, allFacts)
		ws.Update(sum)
		t2 := time.Now()
		analysis.Run(analysis.Input{File: doc.File(), Summary: sum, Index: ws.Snapshot(), Analyzers: all.Analyzers})
		if timed {
			apply += t1.Sub(t0)
			summarize += t2.Sub(t1)
			rules += time.Since(t2)
		}
	}
	for k := 0; k < 50; k++ {
		keystroke(k, false)
	}
	const keystrokes = 1000
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for k := 0; k < keystrokes; k++ {
			keystroke(k, true)
		}
	}
	n := float64(b.N*keystrokes) * 1e6
	b.ReportMetric(float64(apply)/n, "apply-ms")
	b.ReportMetric(float64(summarize)/n, "summarize-ms")
	b.ReportMetric(float64(rules)/n, "rules-ms")
	b.ReportMetric(0, "ns/op")
}

func rssMB() float64 {
	data, _ := os.ReadFile("/proc/self/status")
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "VmRSS:") {
			kb, _ := strconv.Atoi(strings.Fields(line)[1])
			return float64(kb) / 1024
		}
	}
	return 0
}

// BenchmarkWorkspaceIndexing measures indexing the 100k-line corpus on initialized: time
// until the progress ends, heap held by the index and the process's resident memory.
func BenchmarkWorkspaceIndexing(b *testing.B) {
	dir := b.TempDir()
	_, size, err := benchcorpus.Generate(dir, 100_000, 1)
	if err != nil {
		b.Fatal(err)
	}
	defer tuneGC()() // the collector pacing Run gives the real server
	var took time.Duration
	var heap, rss float64
	for i := 0; i < b.N; i++ {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		c := newTestClient(b, zap.NewNop())
		start := time.Now()
		m := c.mark()
		c.initialize(map[string]any{"rootUri": pathToURI(dir), "capabilities": map[string]any{"window": map[string]any{"workDoneProgress": true}}})
		c.waitNote(m, func(n note) bool {
			return n.Method == "$/progress" && strings.Contains(string(n.Params), `"kind":"end"`)
		})
		took = time.Since(start)
		runtime.GC()
		runtime.ReadMemStats(&after)
		heap = float64(after.HeapInuse-before.HeapInuse) / 1e6
		rss = rssMB()
	}
	b.ReportMetric(took.Seconds(), "index-s")
	b.ReportMetric(float64(size)/1e6, "corpus-MB")
	b.ReportMetric(heap, "heap-MB")
	b.ReportMetric(rss, "rss-MB")
	b.ReportMetric(0, "ns/op")
}

// allFacts are the facts of every rule, as the server's workspace computes them.
var allFacts = analysis.FactKinds(all.Analyzers)
