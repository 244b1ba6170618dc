package index

import (
	"math/rand"
	"reflect"
	"strings"
	"testing"

	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/source"
)

// callSpans is a per-form fact that keeps its calls' spans whole, lines and characters of
// both ends: what a rule's fact places in the file from its cached parts.
var callSpans = NewFormFact("test.call-spans", func(fs FormSource) ([]FormSpan, bool) {
	var out []FormSpan
	for _, c := range elixir.CallsIn(fs.File, fs.Form) {
		out = append(out, fs.Rel(c.Node))
	}
	return out, len(out) > 0
}, func(ms ModuleSource, parts FormParts[[]FormSpan]) ([]Span, bool) {
	var out []Span
	for _, p := range parts.All() {
		for _, s := range p.Value {
			out = append(out, p.Span(ms, s))
		}
	}
	return out, len(out) > 0
})

// TestCachedSpansMatchFreshOnes edits a module of CRLF lines, non-ASCII strings and two
// forms on one line, in its forms and between them (indenting a form moves its first
// line's characters but not its text): after each edit, the summary made with the cached
// forms, whose spans are placed again by arithmetic, equals a fresh one, and every span's
// range is the one the file's line index gives.
func TestCachedSpansMatchFreshOnes(t *testing.T) {
	text := strings.ReplaceAll(`defmodule Cafe.Shop do
  alias Cafe.Repo
  @name "naïve 😀"

  def load(id), do: Repo.get(id, "é")
  def save(c) do
    Repo.insert(c) |> Repo.log("😀 x")
  end
  def a(x), do: Repo.put(x, "ü"); def b(y), do: Repo.put(y)
  defp c(z) do
    z |> Repo.one("Ω") |> Enum.map(fn v -> Repo.two(v) end)
  end
end
`, "\n", "\r\n")
	doc := source.Open("lib/shop.ex", text)
	defer doc.Close()
	if len(doc.File().Errors) > 0 {
		t.Fatal("the module does not parse")
	}
	cache := &FormCache{}
	kinds := []*FactKind{callSpans.Kind(), remoteCalls.Kind()}
	Summarize(doc.File(), cache, kinds)
	rng := rand.New(rand.NewSource(4))
	inserts := []string{" ", "é", "😀", "\r\n", "x", "  ", "\r\n  @doc false"}
	reused, moved, checked := 0, 0, 0
	for step := 0; step < 400; step++ {
		f := doc.File()
		at := rng.Intn(len(f.Text))
		r := f.Lines.Range(at, at)
		if err := doc.Apply([]source.Change{{Range: &r, Text: inserts[rng.Intn(len(inserts))]}}); err != nil {
			t.Fatal(err)
		}
		if len(doc.File().Errors) > 0 {
			if err := doc.Apply([]source.Change{{Text: text}}); err != nil {
				t.Fatal(err)
			}
		}
		if _, _, _, ok := doc.File().FormsMovedFrom(f.Version()); ok {
			moved++ // the cached forms are found by their places
		}
		_, hits := cache.Stats()
		inc := Summarize(doc.File(), cache, kinds)
		_, after := cache.Stats()
		reused += after - hits
		full := Summarize(source.Parse("lib/shop.ex", doc.File().Text), nil, kinds)
		if !reflect.DeepEqual(inc, full) {
			t.Fatalf("step %d: the summary made with cached forms differs from a fresh one of %q", step, doc.File().Text)
		}
		checked += rangesAreTheFiles(t, step, doc.File(), inc)
	}
	if reused < 1000 || moved < 100 || checked < 4000 {
		t.Fatalf("only %d forms were reused from the cache, %d edits re-parsed only some forms, and %d spans were checked", reused, moved, checked)
	}
}

// rangesAreTheFiles fails unless the ranges of fs's calls, and of its call-spans facts,
// are what the file's line index makes of their bytes; it returns how many it checked.
func rangesAreTheFiles(t *testing.T, step int, f *source.File, fs *FileSummary) int {
	t.Helper()
	var spans []Span
	for _, m := range fs.Modules {
		for _, c := range m.Calls {
			spans = append(spans, c.Span)
		}
		v, _ := callSpans.Of(m)
		spans = append(spans, v...)
	}
	for _, s := range spans {
		if want := f.Lines.Range(s.Start(), s.End()); s.Range() != want {
			t.Fatalf("step %d: %q at [%d, %d) has range %v, the file's is %v", step, f.Text[s.Start():s.End()], s.Start(), s.End(), s.Range(), want)
		}
	}
	return len(spans)
}
