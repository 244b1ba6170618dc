package all_test

import (
	"fmt"
	"github.com/otpls/otpls/codeactions"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/fixall"
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/rules/ruletest"
	"github.com/otpls/otpls/analysis/source"
	"github.com/otpls/otpls/analysis/workspace"
)

// seeds adds every rule fixture as a fuzzing seed.
func seeds(f *testing.F, add func(text string)) {
	root := filepath.Join(ruletest.Root(f), "testdata", "rules")
	filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() && (strings.HasSuffix(p, ".ex") || strings.HasSuffix(p, ".exs")) {
			data, _ := os.ReadFile(p)
			add(string(data))
		}
		return nil
	})
}

// FuzzAnalyze: any bytes as an Elixir file never make analysis panic, and every
// diagnostic range lies inside the document.
func FuzzAnalyze(f *testing.F) {
	seeds(f, func(text string) { f.Add([]byte(text)) })
	f.Fuzz(func(t *testing.T, data []byte) {
		analyse(t, "fuzz", string(data))
	})
}

func dumpTree(n *source.Node, b *strings.Builder) {
	fmt.Fprintf(b, "(%s %s %d %d", n.Field(), n.Type(), n.Start(), n.End())
	for c := range n.Children() {
		dumpTree(c, b)
	}
	b.WriteString(")")
}

// FuzzIncremental: a sequence of edits applied incrementally gives the same text, tree,
// summary and diagnostics as parsing the final text from scratch.
func FuzzIncremental(f *testing.F) {
	seeds(f, func(text string) { f.Add(text, []byte{3, 200, 5, 'x', 90, 1, 0, '\n', 17, 4, 2, 'e'}) })
	f.Fuzz(func(t *testing.T, text string, script []byte) {
		doc := source.Open("lib/fuzz.ex", text)
		defer doc.Close()
		cache := &index.FormCache{}
		index.Summarize(doc.File(), cache, allFacts)
		inserts := []string{"", "x", "end", " do\n", "\n", "é", "😀", "(", ")", ":ok", "\r\n", "# c\n", "spawn(fn -> 1 end)\n"}
		for len(script) >= 3 {
			cur := doc.File().Text
			start := int(script[0]) * len(cur) / 256
			length := int(script[1] % 16)
			ins := inserts[int(script[2])%len(inserts)]
			script = script[3:]
			end := min(start+length, len(cur))
			r := doc.File().Lines.Range(start, end)
			// Positions inside a multi-byte character snap to its start: what the client
			// meant comes from the positions, as the server computes it.
			s, _ := doc.File().Lines.Offset(r.Start)
			e, _ := doc.File().Lines.Offset(r.End)
			want := cur[:s] + ins + cur[e:]
			if err := doc.Apply([]source.Change{{Range: &r, Text: ins}}); err != nil {
				t.Fatalf("in-range edit refused: %v", err)
			}
			if doc.File().Text != want {
				t.Fatalf("text after edit = %q, want %q", doc.File().Text, want)
			}
		}
		inc := doc.File()
		full := source.Parse("lib/fuzz.ex", inc.Text)
		if got, want := inc.Lines.LineCount(), full.Lines.LineCount(); got != want {
			t.Fatalf("spliced line index has %d lines, a fresh one %d, for %q", got, want, inc.Text)
		}
		for l := 0; l < full.Lines.LineCount(); l++ {
			if inc.Lines.LineStart(l) != full.Lines.LineStart(l) {
				t.Fatalf("spliced line index starts line %d at %d, a fresh one at %d, for %q", l, inc.Lines.LineStart(l), full.Lines.LineStart(l), inc.Text)
			}
		}
		if len(full.Errors) > 0 || len(inc.Errors) > 0 {
			// Tree-sitter's error recovery depends on the parse history, so broken code
			// may get a different (equally valid) error tree incrementally. Equality is
			// required of code that parses; broken code must only keep the invariants.
			analyse(t, "fuzz-incremental", inc.Text)
			return
		}
		var a, b strings.Builder
		dumpTree(inc.Root, &a)
		dumpTree(full.Root, &b)
		if a.String() != b.String() {
			t.Fatalf("incremental tree differs from a full parse of %q", inc.Text)
		}
		spans := func(nodes []*source.Node) string {
			var out strings.Builder
			for _, n := range nodes {
				fmt.Fprintf(&out, "%s@%d-%d ", n.Type(), n.Start(), n.End())
			}
			return out.String()
		}
		if got, want := spans(inc.Forms), spans(full.Forms); got != want {
			t.Fatalf("forms after the edit %s, a full parse finds %s, in %q", got, want, inc.Text)
		}
		if got, want := spans(inc.Comments), spans(full.Comments); got != want {
			t.Fatalf("comments after the edit %s, a full parse finds %s, in %q", got, want, inc.Text)
		}
		incSum := index.Summarize(inc, cache, allFacts)
		fullSum := index.Summarize(full, nil, allFacts)
		if !reflect.DeepEqual(incSum, fullSum) {
			t.Fatalf("summary from cached forms differs from a fresh one for %q", inc.Text)
		}
		run := func(file *source.File, sum *index.FileSummary) string {
			ws := index.NewWorkspace(allFacts...)
			ws.Update(sum)
			return fmt.Sprintf("%+v", analysis.Run(analysis.Input{File: file, Summary: sum, Index: ws.Snapshot()}))
		}
		if run(inc, incSum) != run(full, fullSum) {
			t.Fatalf("diagnostics differ between incremental and full parse of %q", inc.Text)
		}
	})
}

// FuzzFixes: on a file that parses cleanly, applying every fix (unsafe ones too) gives a
// file that still parses cleanly, and applying the fixes again changes nothing.
func FuzzFixes(f *testing.F) {
	seeds(f, func(text string) { f.Add(text) })
	f.Fuzz(func(t *testing.T, text string) {
		if len(source.Parse("lib/fuzz.ex", text).Errors) > 0 {
			return
		}
		opts := workspace.Options{Texts: map[string]string{"lib/fuzz.ex": text}}
		res := fixall.Run([]string{"lib/fuzz.ex"}, opts, codeactions.Policy{Unsafe: true, Hints: true}, 10)
		for p, why := range res.Rejected {
			t.Fatalf("%s: a fix was rejected (%s) on %q", p, why, text)
		}
		fixed, ok := res.Fixed["lib/fuzz.ex"]
		if !ok {
			return
		}
		if errs := source.Parse("lib/fuzz.ex", fixed).Errors; len(errs) > 0 {
			t.Fatalf("fixed text does not parse:\n%s", fixed)
		}
		again := fixall.Run([]string{"lib/fuzz.ex"}, workspace.Options{Texts: map[string]string{"lib/fuzz.ex": fixed}}, codeactions.Policy{Unsafe: true, Hints: true}, 10)
		if len(again.Fixed) > 0 {
			t.Fatalf("fixing twice changed the file:\n%s\n---\n%s", fixed, again.Fixed["lib/fuzz.ex"])
		}
	})
}
