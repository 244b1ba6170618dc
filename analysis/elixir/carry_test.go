package elixir

import (
	"math/rand"
	"slices"
	"testing"
	"unsafe"

	"github.com/otpls/otpls/analysis/benchcorpus"
	"github.com/otpls/otpls/analysis/source"
)

// TestCarriedTablesMatchFreshOnes types into a GenServer module and between its forms,
// reading its calls and def clauses after every edit as the index does: the tables a
// form's reparse carries over are exactly the ones a fresh reading of the new text gives,
// field by field, and their names are slices of the new text (a carried table must not
// keep an old text alive).
func TestCarriedTablesMatchFreshOnes(t *testing.T) {
	text := string(benchcorpus.GenServerModule("Big", 300, 1))
	doc := source.Open("big.ex", text)
	defer doc.Close()
	rng := rand.New(rand.NewSource(3))
	inserts := []string{"x", " ", "é", "(", ")", "\n", "f(y)", "|> g()", "\n  def h(a, b) when a > b, do: a\n", "Mod.call(1, 2)", ""}
	before := tablesCarried.Load()
	for step := 0; step < 300; step++ {
		f := doc.File()
		if len(f.Errors) > 0 {
			// Typing broke the code: start again from the original text.
			if err := doc.Apply([]source.Change{{Text: text}}); err != nil {
				t.Fatal(err)
			}
			f = doc.File()
		}
		Calls(f) // what the index reads of every version, so that the next one carries it
		defTableOf(f)
		form := f.Forms[rng.Intn(len(f.Forms))]
		if form.Len() < 4 {
			continue
		}
		a := form.Start + 1 + rng.Intn(form.Len()-2)
		b := min(a+rng.Intn(3), form.End-1)
		if step%4 == 0 {
			a, b = form.End, form.End // between forms: the forms around are re-parsed
		}
		r := f.Lines.Range(a, b)
		if err := doc.Apply([]source.Change{{Range: &r, Text: inserts[rng.Intn(len(inserts))]}}); err != nil {
			t.Fatal(err)
		}
		sameTables(t, step, doc.File(), source.Parse("big.ex", doc.File().Text))
	}
	if n := tablesCarried.Load() - before; n < 100 {
		t.Fatalf("only %d of 300 edits carried the call table", n)
	}
}

// sameTables fails unless got's call and def tables equal want's, a fresh parse of the
// same text string.
func sameTables(t *testing.T, step int, got, want *source.File) {
	t.Helper()
	idx := func(f *source.File, n *source.Node) int {
		if n == nil {
			return -1
		}
		return f.NodeIndex(n)
	}
	idxs := func(f *source.File, ns []*source.Node) []int {
		var out []int
		for _, n := range ns {
			out = append(out, idx(f, n))
		}
		return out
	}
	// Names must be the same bytes of the same text, not equal strings elsewhere.
	sameString := func(a, b string) bool {
		return a == b && (a == "" || unsafe.StringData(a) == unsafe.StringData(b) || !inText(want.Text, b))
	}
	gt, wt := callTableOf(got), callTableOf(want)
	if len(gt.calls) != len(wt.calls) || !slices.Equal(gt.at, wt.at) {
		t.Fatalf("step %d: %d calls, a fresh reading has %d (or their places differ)", step, len(gt.calls), len(wt.calls))
	}
	for i := range gt.calls {
		g, w := &gt.calls[i], &wt.calls[i]
		if idx(got, g.Node) != idx(want, w.Node) || idx(got, g.ModuleNode) != idx(want, w.ModuleNode) ||
			idx(got, g.NameNode) != idx(want, w.NameNode) || idx(got, g.ArgList) != idx(want, w.ArgList) ||
			idx(got, g.DoBlock) != idx(want, w.DoBlock) || g.Piped != w.Piped ||
			!slices.Equal(idxs(got, g.Args), idxs(want, w.Args)) || !sameString(g.Module, w.Module) || !sameString(g.Name, w.Name) {
			t.Fatalf("step %d: call %d (%s) differs from a fresh reading's", step, i, want.Slice(w.Node))
		}
	}
	gd, wd := defTableOf(got), defTableOf(want)
	if len(gd.defs) != len(wd.defs) || !slices.Equal(gd.at, wd.at) {
		t.Fatalf("step %d: %d def clauses, a fresh reading has %d (or their places differ)", step, len(gd.defs), len(wd.defs))
	}
	for i := range gd.defs {
		g, w := &gd.defs[i], &wd.defs[i]
		if idx(got, g.Node) != idx(want, w.Node) || idx(got, g.NameNode) != idx(want, w.NameNode) ||
			idx(got, g.Head) != idx(want, w.Head) || idx(got, g.Guard) != idx(want, w.Guard) ||
			idx(got, g.Body) != idx(want, w.Body) || !slices.Equal(idxs(got, g.Params), idxs(want, w.Params)) ||
			!sameString(g.Kind, w.Kind) || !sameString(g.Name, w.Name) || g.ID() != w.ID() {
			t.Fatalf("step %d: def clause %d (%s) differs from a fresh reading's", step, i, w.ID())
		}
	}
}

// inText reports whether s's bytes lie in text's.
func inText(text, s string) bool {
	base, p := uintptr(unsafe.Pointer(unsafe.StringData(text))), uintptr(unsafe.Pointer(unsafe.StringData(s)))
	return p >= base && p+uintptr(len(s)) <= base+uintptr(len(text))
}
