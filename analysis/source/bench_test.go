package source

import (
	"testing"
	"time"

	"github.com/otpls/otpls/analysis/benchcorpus"
)

// BenchmarkTreeCost is what turning tree-sitter's tree into the Go tree costs on top of
// parsing, on the 100k-line benchmark corpus: the C cursor walk that flattens the tree
// (walk), that plus building the Go nodes (build), and all of Parse (line index and forms
// too), each against parsing alone. Each file is timed in turn under each step, so drift in
// the shared machine's speed falls on all of them alike (see workspace's
// BenchmarkCheckPhases).
func BenchmarkTreeCost(b *testing.B) {
	var texts []string
	for _, f := range benchcorpus.Files(100_000, 1) {
		texts = append(texts, string(f.Content))
	}
	var parseOnly, walk, build, full time.Duration
	for i := 0; i < b.N; i++ {
		for _, text := range texts {
			t0 := time.Now()
			ParseOnly(text)
			t1 := time.Now()
			tree := parse(nil, text)
			_, release := flatten(tree, len(text)/4)
			release()
			closeTree(tree)
			t2 := time.Now()
			tree = parse(nil, text)
			recs, release := flatten(tree, len(text)/4)
			buildAST(recs, text)
			release()
			closeTree(tree)
			t3 := time.Now()
			Parse("bench.ex", text)
			t4 := time.Now()
			parseOnly += t1.Sub(t0)
			walk += t2.Sub(t1)
			build += t3.Sub(t2)
			full += t4.Sub(t3)
		}
	}
	b.ReportMetric(walk.Seconds()/parseOnly.Seconds(), "walk/parse")
	b.ReportMetric(build.Seconds()/parseOnly.Seconds(), "build/parse")
	b.ReportMetric(full.Seconds()/parseOnly.Seconds(), "Parse/parse")
	b.ReportMetric(0, "ns/op")
}
