package all_test

import (
	"strings"
	"testing"
	"time"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/benchcorpus"
	"github.com/otpls/otpls/analysis/index"
	_ "github.com/otpls/otpls/analysis/rules/all"
	"github.com/otpls/otpls/analysis/source"
)

// BenchmarkKeystrokePhases splits one keystroke in the 2,000-line module of the server's
// keystroke benchmark into its phases: applying the edit (reparse), re-summarising, and
// running the rules. Each is reported per keystroke.
func BenchmarkKeystrokePhases(b *testing.B) {
	text := string(benchcorpus.GenServerModule("Bench.Big", 2000, 1))
	doc := source.Open("/big.ex", text)
	cache := &index.FormCache{}
	ws := index.NewWorkspace()
	ws.Update(index.Summarize(doc.File(), cache))
	line := strings.Count(text[:strings.Index(text[len(text)/2:], "    {:reply")+len(text)/2], "\n")
	var apply, summarize, run int64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ch := source.Change{Range: &source.Range{Start: source.Position{Line: line, Character: 4}, End: source.Position{Line: line, Character: 4}}, Text: " "}
		if i%2 == 1 {
			ch = source.Change{Range: &source.Range{Start: source.Position{Line: line, Character: 4}, End: source.Position{Line: line, Character: 5}}}
		}
		t0 := time.Now().UnixNano()
		if err := doc.Apply([]source.Change{ch}); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now().UnixNano()
		sum := index.Summarize(doc.File(), cache)
		ws.Update(sum)
		t2 := time.Now().UnixNano()
		analysis.Run(analysis.Input{File: doc.File(), Summary: sum, Index: ws.Snapshot()})
		t3 := time.Now().UnixNano()
		apply += t1 - t0
		summarize += t2 - t1
		run += t3 - t2
	}
	n := float64(b.N) * 1e6
	b.ReportMetric(float64(apply)/n, "apply-ms")
	b.ReportMetric(float64(summarize)/n, "summarize-ms")
	b.ReportMetric(float64(run)/n, "rules-ms")
}
