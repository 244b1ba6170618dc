package server

import (
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"go.uber.org/zap"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/benchcorpus"
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/rules/all"
	"github.com/otpls/otpls/analysis/source"
	"github.com/otpls/otpls/server/gcpace"
)

// benchRules are the rules OTPLS_BENCH_RULES names, or all of them.
func benchRules(b *testing.B) []*analysis.Analyzer {
	rules, err := all.FromEnv("OTPLS_BENCH_RULES")
	if err != nil {
		b.Fatal(err)
	}
	return rules
}

func percentile(d []time.Duration, p float64) time.Duration {
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[int(float64(len(s)-1)*p)]
}

// BenchmarkKeystroke measures, over the pipe, the time from a one-character didChange to
// the publishDiagnostics of that version, for a 2,000-line GenServer module with
// diagnosticDelay 0; and, in the same run, the time to open the same text from scratch.
// OTPLS_BENCH_RULES (codes, comma-separated) runs only those rules: the rules of an older
// commit, to compare the machinery with its own at the same work.
func BenchmarkKeystroke(b *testing.B) {
	text := string(benchcorpus.GenServerModule("Bench.Big", 2000, 1))
	defer gcpace.Start(gcpace.Interactive)() // the collector pacing Run gives the real server
	c := newTestClientWith(b, zap.NewNop(), benchRules(b))
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
	defer gcpace.Start(gcpace.Interactive)()
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
	defer gcpace.Start(gcpace.Interactive)() // the collector pacing Run gives the real server
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

// BenchmarkBigWorkspace measures, from the client's side of the pipe, what editing costs in
// a large workspace: the benchmark corpus generated at benchcorpus.BigLines with modules of a
// large real workspace's size (benchcorpus.LargeModules: 1.5M lines come in about 6,900
// files) plus a 3,500-line GenServer (benchcorpus.SessionModule), diagnosticDelay 0.
//   - action-ms: a textDocument/codeAction on the session, sent right after opening it,
//     while the workspace is being indexed (action-early is 1 when its answer came before
//     the indexing's end);
//   - index-s: initialized to the end of the indexing progress;
//   - heap-MB, rss-MB: the Go heap in use (over the process's before the server started)
//     and the process's resident memory, once indexed and quiet;
//   - body-p50/p99-ms: a keystroke in a function body (BenchmarkKeystroke's edit) to the
//     publishDiagnostics of its version;
//   - attr-p50/p99-ms: the same for a keystroke at the end of a module attribute's line
//     near the top of the module;
//   - body-alloc-MB, attr-alloc-MB: the bytes allocated per keystroke (what paces the
//     collector, whose cycles over a large heap are the slow keystrokes);
//   - body-cpu-ms, attr-cpu-ms: the processor time per keystroke (server, collector and
//     client), which the load of other processes on the machine does not lengthen;
//   - rss-end-MB: the resident memory after the keystrokes.
func BenchmarkBigWorkspace(b *testing.B) {
	lines, err := benchcorpus.BigLines()
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	paths, size, err := benchcorpus.GenerateScaled(dir, lines, 1, benchcorpus.LargeModules)
	if err != nil {
		b.Fatal(err)
	}
	text := string(benchcorpus.SessionModule("Corpus.Live.Session", 3500, 1))
	sessionPath := filepath.Join(dir, "lib", "corpus", "live", "session.ex")
	if err := os.MkdirAll(filepath.Dir(sessionPath), 0o755); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(sessionPath, []byte(text), 0o644); err != nil {
		b.Fatal(err)
	}
	size += len(text)
	files := len(paths) + 1
	paths = nil
	runtime.GC()
	debug.FreeOSMemory() // the generator's garbage is not the server's
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	defer gcpace.Start(gcpace.Interactive)() // the collector pacing Run gives the real server

	c := newTestClient(b, zap.NewNop())
	c.patience = 10 * time.Minute // indexing 1.5M lines on a loaded machine
	m := c.mark()
	c.initialize(map[string]any{"rootUri": pathToURI(dir),
		"capabilities":          map[string]any{"window": map[string]any{"workDoneProgress": true}},
		"initializationOptions": map[string]any{"diagnosticDelay": 0}})
	indexStart := time.Now()
	uri := pathToURI(sessionPath)
	c.open(uri, text)
	line := keystrokeLine(text)
	actionStart := time.Now()
	var actions []action
	params := map[string]any{"textDocument": map[string]any{"uri": uri}, "range": rng(line, 0, line, 0),
		"context": map[string]any{"diagnostics": []any{}}}
	if err := c.call("textDocument/codeAction", params, &actions); err != nil {
		b.Fatal(err)
	}
	actionTook := time.Since(actionStart)
	isEnd := func(n note) bool {
		return n.Method == "$/progress" && strings.Contains(string(n.Params), `"kind":"end"`)
	}
	early := 1.0
	c.mu.Lock()
	for _, n := range c.notes[m:] {
		if isEnd(n) {
			early = 0
		}
	}
	c.mu.Unlock()
	c.waitNote(m, isEnd)
	indexTook := time.Since(indexStart)
	c.settle()
	c.forget()
	runtime.GC()
	var indexed runtime.MemStats
	runtime.ReadMemStats(&indexed)
	heap := float64(indexed.HeapInuse-base.HeapInuse) / 1e6
	rss := rssMB()

	version := 1
	// typeAt types text at (line, col) when k is even and deletes it when k is odd, and
	// returns the time until the diagnostics of that version arrive.
	typeAt := func(k, line, col int, typed string) time.Duration {
		version++
		change := map[string]any{"range": rng(line, col, line, col), "text": typed}
		if k%2 == 1 {
			change = map[string]any{"range": rng(line, col, line, col+len(typed)), "text": ""}
		}
		m := c.mark()
		start := time.Now()
		c.change(uri, version, change)
		v := int32(version)
		c.waitDiagnostics(m, uri, func(p published) bool { return p.Version != nil && *p.Version == v })
		took := time.Since(start)
		c.forget()
		return took
	}
	attrCol := len(strings.Split(text, "\n")[benchcorpus.AttributeLine]) // typing at its end
	const warmup, keystrokes = 50, 1000
	var body, attr []time.Duration
	var bodyUse, attrUse usage
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		stop := profileKeystrokes(b, "body")
		var start usage
		for k := 0; k < warmup+keystrokes; k++ {
			if k == warmup {
				start = usageNow()
			}
			if d := typeAt(k, line, 4, " "); k >= warmup {
				body = append(body, d)
			}
		}
		bodyUse = usageNow().since(start)
		stop()
		stop = profileKeystrokes(b, "attr")
		for k := 0; k < warmup+keystrokes; k++ {
			if k == warmup {
				start = usageNow()
			}
			if d := typeAt(k, benchcorpus.AttributeLine, attrCol, "0"); k >= warmup {
				attr = append(attr, d)
			}
		}
		attrUse = usageNow().since(start)
		stop()
	}
	b.StopTimer()
	rssEnd := rssMB()
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(float64(lines), "lines")
	b.ReportMetric(float64(files), "files")
	b.ReportMetric(float64(size)/1e6, "corpus-MB")
	b.ReportMetric(ms(actionTook), "action-ms")
	b.ReportMetric(early, "action-early")
	b.ReportMetric(indexTook.Seconds(), "index-s")
	b.ReportMetric(heap, "heap-MB")
	b.ReportMetric(rss, "rss-MB")
	b.ReportMetric(ms(percentile(body, 0.5)), "body-p50-ms")
	b.ReportMetric(ms(percentile(body, 0.99)), "body-p99-ms")
	b.ReportMetric(ms(percentile(attr, 0.5)), "attr-p50-ms")
	b.ReportMetric(ms(percentile(attr, 0.99)), "attr-p99-ms")
	n := float64(b.N * keystrokes)
	b.ReportMetric(float64(bodyUse.alloc)/n/1e6, "body-alloc-MB")
	b.ReportMetric(float64(attrUse.alloc)/n/1e6, "attr-alloc-MB")
	b.ReportMetric(ms(bodyUse.cpu)/n, "body-cpu-ms")
	b.ReportMetric(ms(attrUse.cpu)/n, "attr-cpu-ms")
	b.ReportMetric(rssEnd, "rss-end-MB")
	b.ReportMetric(0, "ns/op")
}

// usage is what the process has used so far: bytes allocated (the server's keystrokes,
// mostly: the client only records each answer until the next keystroke) and processor
// time, the server's and the collector's (which, unlike latency, the other processes
// sharing the machine do not lengthen).
type usage struct {
	alloc uint64
	cpu   time.Duration
}

func usageNow() usage {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return usage{alloc: ms.TotalAlloc, cpu: time.Duration(ru.Utime.Nano() + ru.Stime.Nano())}
}

func (u usage) since(start usage) usage {
	return usage{alloc: u.alloc - start.alloc, cpu: u.cpu - start.cpu}
}

// profileKeystrokes writes a CPU profile of one kind of keystroke to
// $OTPLS_BENCH_PROFILE-kind.pprof when that variable is set (go test's -cpuprofile would
// also profile generating and indexing the workspace); it returns the function that stops it.
func profileKeystrokes(b *testing.B, kind string) (stop func()) {
	prefix := os.Getenv("OTPLS_BENCH_PROFILE")
	if prefix == "" {
		return func() {}
	}
	f, err := os.Create(prefix + "-" + kind + ".pprof")
	if err != nil {
		b.Fatal(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		b.Fatal(err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}
