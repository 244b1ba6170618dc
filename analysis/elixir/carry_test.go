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
		a := form.Start() + 1 + rng.Intn(form.Len()-2)
		b := min(a+rng.Intn(3), form.End()-1)
		if step%4 == 0 {
			a, b = form.End(), form.End() // between forms: the forms around are re-parsed
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
	gt, wt := callTableOf(got), callTableOf(want)
	sameItems(t, step, "call", got, want, gt.calls, wt.calls, gt.nodes, wt.nodes, func(c *Call) ([]*source.Node, []string, bool) {
		return append([]*source.Node{c.Node, c.ModuleNode(), c.NameNode(), c.ArgList(), c.DoBlock()}, c.Args...), []string{c.Module, c.Name}, c.Piped()
	})
	if !slices.Equal(gt.blocks, wt.blocks) {
		t.Fatalf("step %d: the carried table's blocks are not a fresh reading's", step)
	}
	gd, wd := defTableOf(got), defTableOf(want)
	sameItems(t, step, "def clause", got, want, gd.defs, wd.defs, gd.at, wd.at, func(d *Def) ([]*source.Node, []string, bool) {
		return append([]*source.Node{d.Node, d.NameNode, d.Head, d.Guard, d.Body}, d.Params...), []string{d.Kind, d.Name, d.ID()}, false
	})
}

// sameItems fails unless got's items (read from gf) are want's (from wf): the same nodes,
// by their places, the same flag, and the same names, as the same bytes of the text when
// want's are the text's (a carried name that is an old text's would keep that text alive).
func sameItems[T any](t *testing.T, step int, what string, gf, wf *source.File, got, want []T, gotAt, wantAt []int32, read func(*T) ([]*source.Node, []string, bool)) {
	t.Helper()
	if len(got) != len(want) || !slices.Equal(gotAt, wantAt) {
		t.Fatalf("step %d: %d %ss, a fresh reading has %d (or their places differ)", step, len(got), what, len(want))
	}
	places := func(f *source.File, nodes []*source.Node) []int {
		out := make([]int, len(nodes))
		for i, n := range nodes {
			out[i] = -1
			if n != nil {
				out[i] = f.NodeIndex(n)
			}
		}
		return out
	}
	for i := range got {
		gn, gs, gflag := read(&got[i])
		wn, ws, wflag := read(&want[i])
		same := slices.Equal(places(gf, gn), places(wf, wn)) && gflag == wflag && slices.Equal(gs, ws)
		for k := range gs {
			same = same && (gs[k] == "" || unsafe.StringData(gs[k]) == unsafe.StringData(ws[k]) || !inText(wf.Text, ws[k]))
		}
		if !same {
			t.Fatalf("step %d: %s %d (%s) differs from a fresh reading's", step, what, i, wf.Slice(wn[0]))
		}
	}
}

// inText reports whether s's bytes lie in text's.
func inText(text, s string) bool {
	base, p := uintptr(unsafe.Pointer(unsafe.StringData(text))), uintptr(unsafe.Pointer(unsafe.StringData(s)))
	return p >= base && p+uintptr(len(s)) <= base+uintptr(len(text))
}
