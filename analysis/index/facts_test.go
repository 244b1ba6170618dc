package index

import (
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
