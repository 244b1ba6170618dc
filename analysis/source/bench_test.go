package source

import (
	"strings"
	"testing"
	"time"

	"github.com/otpls/otpls/analysis/benchcorpus"
)

// BenchmarkTreeCost is what turning tree-sitter's tree into the Go tree costs on top of
// parsing, on the 100k-line benchmark corpus: the C walk that flattens the tree
// (walk), that plus building the Go nodes (build), and all of Parse (line index and forms
// too), each against parsing alone. Each file is timed in turn under each step, so drift in
// the shared machine's speed falls on all of them alike (see workspace's
// BenchmarkCheckPhases); the steps' order rotates from file to file because parsing a file
// just parsed is faster.
func BenchmarkTreeCost(b *testing.B) {
	var texts []string
	for _, f := range benchcorpus.Files(100_000, 1) {
		texts = append(texts, string(f.Content))
	}
	var took [4]time.Duration // parse only, walk, build, Parse
	for i := 0; i < b.N; i++ {
		for j, text := range texts {
			steps := [4]func(){
				func() { ParseOnly(text) },
				func() {
					_, release, _, _ := parseFlat(text, len(text))
					release()
				},
				func() {
					flat, release, _, _ := parseFlat(text, len(text))
					buildAST(flat, text)
					release()
				},
				func() { Parse("bench.ex", text) },
			}
			for k := range steps {
				step := (j + k) % len(steps)
				t0 := time.Now()
				steps[step]()
				took[step] += time.Since(t0)
			}
		}
	}
	b.ReportMetric(took[1].Seconds()/took[0].Seconds(), "walk/parse")
	b.ReportMetric(took[2].Seconds()/took[0].Seconds(), "build/parse")
	b.ReportMetric(took[3].Seconds()/took[0].Seconds(), "Parse/parse")
	b.ReportMetric(0, "ns/op")
}

// BenchmarkHostileWhitespace parses 80 KB runs of blank lines holding CRs or spaces (issue
// "reliability": seconds each, quadratically, before parserInput) and, as the yardstick,
// the same size of ordinary code. Reported: each hostile input's parse time as a ratio of
// the code's.
func BenchmarkHostileWhitespace(b *testing.B) {
	const size = 80_000
	code := strings.Repeat("  def f(x), do: x + 1\n", size/22)
	inputs := map[string]string{
		"lone-CR":        strings.Repeat("\r", size),
		"space-CRLF":     strings.Repeat(" \r\n", size/3),
		"space-LF":       strings.Repeat(" \n", size/2),
		"CR-only-module": "defmodule A do\r" + strings.Repeat("  def f(x), do: x + 1\r", size/22) + "end\r",
	}
	timeOf := func(text string) time.Duration {
		t0 := time.Now()
		for i := 0; i < b.N; i++ {
			Parse("x.ex", text)
		}
		return time.Since(t0)
	}
	base := timeOf(code)
	for name, text := range inputs {
		b.ReportMetric(float64(timeOf(text))/float64(base), name+"/code")
	}
}

// BenchmarkLongLineColumns converts a position every 64 bytes along one long non-ASCII line
// (a minified or generated file with many findings on one line: a 1 MB line took 32 s,
// each conversion decoding the line from its start). Reported: the cost of one conversion
// on a 1 MB line as a ratio of its cost on a 64 KB line, each on a fresh index (the marks
// built on first need included): 1 when a conversion's cost does not grow with the line,
// 16 when it grows with it.
func BenchmarkLongLineColumns(b *testing.B) {
	perConversion := func(size int) float64 {
		const unit = `_ = "é"; spawn(fn -> x end); `
		line := strings.Repeat(unit, size/len(unit)+1)[:size]
		text := "defmodule A do\n" + line + "\nend\n"
		conversions := 0
		t0 := time.Now()
		for i := 0; i < b.N; i++ {
			x := NewLineIndex(text)
			for off := 15; off+10 < len(text); off += 64 {
				x.Range(off, off+10)
				conversions++
			}
		}
		return float64(time.Since(t0)) / float64(conversions)
	}
	small := perConversion(64 << 10)
	large := perConversion(1 << 20)
	b.ReportMetric(large/small, "1MB/64KB")
	b.ReportMetric(large, "ns/conversion@1MB")
	b.ReportMetric(0, "ns/op")
}
