package source

import (
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
					tree := parse(nil, text)
					_, release, _ := flatten(tree, len(text))
					release()
					closeTree(tree)
				},
				func() {
					tree := parse(nil, text)
					flat, release, _ := flatten(tree, len(text))
					buildAST(flat, text)
					release()
					closeTree(tree)
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
