package index

import (
	"fmt"

	"github.com/otpls/otpls/analysis/elixir"
	"strings"
	"testing"

	"github.com/otpls/otpls/analysis/source"
)

// defCount is a fact of the kind a rule declares: the number of def forms a module owns
// (its own, not a nested module's), for modules that have any.
var defCount = NewFact("test.def-count", func(ms ModuleSource) (int, bool) {
	n := 0
	for _, form := range ms.Forms {
		if strings.HasPrefix(ms.File.Slice(form), "def ") {
			n++
		}
	}
	return n, n > 0
})

// builds counts how often totalDefs was computed.
var builds int

var totalDefs = NewView("test.total-defs", func(s *Snapshot) int {
	builds++
	total := 0
	for _, h := range defCount.In(s) {
		total += h.Value
	}
	return total
})

func enter(ws *Workspace, path, text string) {
	ws.Update(Summarize(source.Parse(path, text), nil, ws.Facts()))
}

// TestFactsFollowTheirFiles: a fact is computed from each module's own forms when its file
// is entered, replaced exactly when the file is, and kept for files not entered again;
// views over it are computed once per snapshot.
func TestFactsFollowTheirFiles(t *testing.T) {
	ws := NewWorkspace(defCount.Kind())
	enter(ws, "a.ex", "defmodule A do\n  def a, do: 1\n  def b, do: 2\n\n  defmodule Inner do\n    def c, do: 3\n  end\nend\n")
	enter(ws, "b.ex", "defmodule B do\n  @x 1\nend\n")
	snap := ws.Snapshot()
	var got []string
	for _, h := range defCount.In(snap) {
		got = append(got, h.Module.Name+"="+string(rune('0'+h.Value)))
	}
	if strings.Join(got, " ") != "A=2 A.Inner=1" {
		t.Errorf("holders = %v, want A=2 A.Inner=1 (B has no def: no fact)", got)
	}
	if _, ok := defCount.Of(snap.Module("B")); ok {
		t.Error("B has a def-count fact, but no def")
	}
	builds = 0
	if totalDefs.Of(snap) != 3 || totalDefs.Of(snap) != 3 || builds != 1 {
		t.Errorf("view = %d after %d builds, want 3 built once", totalDefs.Of(snap), builds)
	}
	enter(ws, "b.ex", "defmodule B do\n  def x, do: 1\nend\n")
	if got := totalDefs.Of(ws.Snapshot()); got != 4 || builds != 2 {
		t.Errorf("after editing b.ex: view = %d after %d builds, want 4 built anew", got, builds)
	}
	if totalDefs.Of(snap) != 3 {
		t.Error("the older snapshot's view changed")
	}
}

// TestUndeclaredFactPanics: reading a fact the workspace was not built with is a rule's
// bug (its Analyzer does not list the fact), and says so instead of reading "none".
func TestUndeclaredFactPanics(t *testing.T) {
	ws := NewWorkspace()
	enter(ws, "a.ex", "defmodule A do\n  def a, do: 1\nend\n")
	defer func() {
		r := recover()
		if r == nil || !strings.Contains(r.(string), `fact "test.def-count" was not computed for A`) {
			t.Errorf("recovered %v, want the undeclared fact named", r)
		}
	}()
	defCount.Of(ws.Snapshot().Module("A"))
}

// remoteCalls is a per-form fact of the kind rules declare with NewFormFact: each form's
// part is its remote calls' modules as written with their places in the form; combining
// resolves the modules by the module's aliases and places the calls in the file.
var remoteCalls = NewFormFact("test.remote-calls", func(fs FormSource) ([]writtenCall, bool) {
	partsRead++
	var out []writtenCall
	for _, c := range elixir.CallsIn(fs.File, fs.Form) {
		if c.Module != "" {
			out = append(out, writtenCall{module: c.Module, name: c.Name, at: fs.Rel(c.Node)})
		}
	}
	return out, len(out) > 0
}, func(ms ModuleSource, parts FormParts[[]writtenCall]) ([]string, bool) {
	var out []string
	for _, p := range parts.All() {
		for _, c := range p.Value {
			at := p.Span(ms, c.at)
			out = append(out, fmt.Sprintf("%s.%s@%d:%d", ms.Syntax.Resolve(c.module), c.name, at.Range().Start.Line, at.Range().Start.Character))
		}
	}
	return out, len(out) > 0
})

type writtenCall struct {
	module, name string
	at           FormSpan
}

// partsRead counts the forms remoteCalls's part was read from.
var partsRead int

// TestFormFactsFollowEdits: in an open document, a per-form fact reads again only the
// forms whose text changed, and its value is what a fresh summary gives: an alias changed
// in another form resolves the unchanged forms' calls anew, and a line added above moves
// them.
func TestFormFactsFollowEdits(t *testing.T) {
	text := "defmodule Shop.Cart do\n  alias Shop.Repo\n\n  def load(id), do: Repo.get(id)\n\n  def save(c), do: Repo.insert(c)\nend\n"
	doc := source.Open("lib/cart.ex", text)
	defer doc.Close()
	cache := &FormCache{}
	kinds := []*FactKind{remoteCalls.Kind()}
	fact := func(fs *FileSummary) string {
		v, _ := remoteCalls.Of(fs.Modules[0])
		return strings.Join(v, " ")
	}
	edit := func(old, new string) *FileSummary {
		t.Helper()
		at := strings.Index(doc.File().Text, old)
		r := doc.File().Lines.Range(at, at+len(old))
		if err := doc.Apply([]source.Change{{Range: &r, Text: new}}); err != nil {
			t.Fatal(err)
		}
		partsRead = 0
		inc := Summarize(doc.File(), cache, kinds)
		read := partsRead
		defer func() { partsRead = read }() // the fresh summary reads every form
		if fresh := Summarize(source.Parse("lib/cart.ex", doc.File().Text), nil, kinds); fact(inc) != fact(fresh) {
			t.Fatalf("after %q -> %q: cached fact %q, a fresh summary's %q", old, new, fact(inc), fact(fresh))
		}
		return inc
	}
	if got, want := fact(Summarize(doc.File(), cache, kinds)), "Shop.Repo.get@3:20 Shop.Repo.insert@5:19"; got != want {
		t.Fatalf("fact = %q, want %q", got, want)
	}
	if got, want := fact(edit("alias Shop.Repo", "alias Store.Repo")), "Store.Repo.get@3:20 Store.Repo.insert@5:19"; got != want || partsRead != 1 {
		t.Errorf("after the alias changed: fact = %q with %d forms read, want %q with 1 (the alias)", got, partsRead, want)
	}
	if got, want := fact(edit("Repo.get(id)", "Repo.get( id)")), "Store.Repo.get@3:20 Store.Repo.insert@5:19"; got != want || partsRead != 1 {
		t.Errorf("after an edit in load/1: fact = %q with %d forms read, want %q with 1", got, partsRead, want)
	}
	if got, want := fact(edit("\n\n  def load", "\n\n  @doc false\n  def load")), "Store.Repo.get@4:20 Store.Repo.insert@6:19"; got != want {
		t.Errorf("after a line added above: fact = %q, want %q", got, want)
	}
}
