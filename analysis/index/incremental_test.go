package index

import (
	"fmt"
	"math/rand"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/otpls/otpls/analysis/source"
)

// callsTo is a fact holding what a module calls GenServer with (no positions): a rule's
// fact of the kind views are built over.
var callsTo = NewFact("test.calls-to", func(ms ModuleSource) ([]string, bool) {
	var out []string
	for _, c := range ms.Summary.Calls {
		if c.Module == "GenServer" && c.Target() != "" {
			out = append(out, c.Name+" "+c.Target())
		}
	}
	return out, len(out) > 0
})

// viewBuilds counts the builds of the test views.
var viewBuilds = map[string]int{}

// callTargets is a view over callsTo alone.
var callTargets = NewView("test.call-targets", func(s *Snapshot) map[string]int {
	viewBuilds["targets"]++
	out := map[string]int{}
	for _, h := range callsTo.In(s) {
		for _, c := range h.Value {
			out[c]++
		}
	}
	return out
})

// targetFunctions is a view over callTargets and the summaries of the modules it names.
var targetFunctions = NewView("test.target-functions", func(s *Snapshot) map[string]int {
	viewBuilds["functions"]++
	out := map[string]int{}
	for c := range callTargets.Of(s) {
		target := c[strings.Index(c, " ")+1:]
		if m := s.Module(target); m != nil {
			out[target] = len(m.Functions)
		}
	}
	return out
})

// moduleCount is a view over every module.
var moduleCount = NewView("test.module-count", func(s *Snapshot) int {
	viewBuilds["count"]++
	n := 0
	s.Modules(func(*Module) { n++ })
	return n
})

// texts are what the random edits put into files: modules calling each other, ETS
// tables, nested modules, a file of two modules, mix.exs files.
var texts = []string{
	"defmodule A do\n  def a, do: GenServer.call(B, :x)\n  def t, do: :ets.new(:tab, [:named_table])\nend\n",
	"defmodule A do\n  def a, do: GenServer.call(B, :x)\n  def b, do: GenServer.cast(C, :y)\nend\n",
	"defmodule B do\n  use GenServer\n  def start_link(o), do: GenServer.start_link(__MODULE__, o, name: __MODULE__)\n  def r, do: :ets.lookup(:tab, 1)\nend\n",
	"defmodule B do\n  def x, do: C.start_link([])\nend\ndefmodule C do\n  def y, do: :ets.insert(:tab, {1})\n  defmodule Inner do\n    def z, do: GenServer.call(B, :z)\n  end\nend\n",
	"defmodule C do\n  def y, do: 1\n  def w, do: 2\nend\n",
	"defmodule D.MixProject do\nend\n",
	"# nothing\n",
}

var paths = []string{"/r/mix.exs", "/r/lib/a.ex", "/r/lib/b.ex", "/r/lib/c.ex", "/r/apps/x/mix.exs", "/r/apps/x/lib/x.ex", "/r/apps/x/lib/y.ex", "/r/deps/d/lib/d.ex"}

// TestSnapshotsFollowEdits: a snapshot derived from the previous one after random edits
// holds what a snapshot built from scratch holds (files, modules by name, ETS operations
// and tables, outside uses, Mix projects, facts lists, views), and the views are rebuilt
// exactly when something they read changed.
func TestSnapshotsFollowEdits(t *testing.T) {
	kinds := []*FactKind{callsTo.Kind()}
	rng := rand.New(rand.NewSource(1))
	ws := NewWorkspace(kinds...)
	summaries := map[string]*FileSummary{}
	for _, text := range texts {
		for _, p := range paths {
			summaries[p+"\x00"+text] = Summarize(source.Parse(p, text), nil, kinds)
		}
	}
	derived := derivedSnapshots.Load()
	for step := 0; step < 600; step++ {
		for n := 1 + rng.Intn(3); n > 0; n-- {
			p := paths[rng.Intn(len(paths))]
			if rng.Intn(6) == 0 {
				ws.Remove(p)
			} else {
				// A summary is a new value on every edit, as the server makes them.
				s := *summaries[p+"\x00"+texts[rng.Intn(len(texts))]]
				ws.Update(&s)
			}
		}
		snap := ws.Snapshot()
		fresh := NewWorkspace(kinds...)
		for _, p := range snap.Paths() {
			fresh.Update(snap.File(p))
		}
		want := fresh.Snapshot()
		compareSnapshots(t, step, snap, want)
		if t.Failed() {
			return
		}
	}
	if n := derivedSnapshots.Load() - derived; n < 500 {
		t.Fatalf("%d snapshots of 600 were derived from the previous one", n)
	}
}

func compareSnapshots(t *testing.T, step int, got, want *Snapshot) {
	t.Helper()
	fail := func(what string, g, w any) { t.Errorf("step %d: %s = %v, want %v", step, what, g, w) }
	if !reflect.DeepEqual(got.Paths(), want.Paths()) {
		fail("paths", got.Paths(), want.Paths())
	}
	for _, p := range paths {
		if got.File(p) != want.File(p) {
			fail("file "+p, got.File(p), want.File(p))
		}
		gp, wp := got.MixProject(p), want.MixProject(p)
		if (gp == nil) != (wp == nil) || gp != nil && (gp.Dir != wp.Dir || !slices.Equal(gp.Modules, wp.Modules)) {
			fail("project of "+p, gp, wp)
		}
	}
	for _, name := range []string{"A", "B", "C", "C.Inner", "D.MixProject"} {
		if g, w := got.modules.get(name), want.modules.get(name); !slices.Equal(g, w) {
			fail("modules "+name, g, w)
		}
		if g, w := got.OutsideUses(name), want.OutsideUses(name); g != w {
			fail("outside uses of "+name, g, w)
		}
	}
	for _, key := range []string{":tab", "var:A:t"} {
		if g, w := got.etsOps.get(key), want.etsOps.get(key); !reflect.DeepEqual(g, w) {
			fail("ets ops "+key, g, w)
		}
		if g, w := got.etsTables.get(key), want.etsTables.get(key); !slices.Equal(g, w) {
			fail("ets tables "+key, g, w)
		}
	}
	if g, w := got.modules.len(), want.modules.len(); g != w {
		fail("module names", g, w)
	}
	if g, w := callsTo.In(got), callsTo.In(want); !reflect.DeepEqual(g, w) {
		fail("holders", g, w)
	}
	for _, v := range []*View[map[string]int]{callTargets, targetFunctions} {
		if g, w := v.Of(got), v.Of(want); !reflect.DeepEqual(g, w) {
			fail("view "+v.name, g, w)
		}
	}
	if g, w := moduleCount.Of(got), moduleCount.Of(want); g != w {
		fail("module count", g, w)
	}
}

// TestViewsFollowWhatTheyRead: an edit that changes nothing a view read keeps its value
// (no build); one that changes a holder's fact, a module looked up by name or anything
// read through Modules builds it again; views built over a rebuilt view are rebuilt.
func TestViewsFollowWhatTheyRead(t *testing.T) {
	kinds := []*FactKind{callsTo.Kind()}
	ws := NewWorkspace(kinds...)
	enter := func(path, text string) { ws.Update(Summarize(source.Parse(path, text), nil, kinds)) }
	enter("/a.ex", "defmodule A do\n  def a, do: GenServer.call(B, :x)\nend\n")
	enter("/b.ex", "defmodule B do\n  def b, do: 1\nend\n")
	enter("/c.ex", "defmodule C do\n  def c, do: 1\nend\n")
	read := func() string {
		s := ws.Snapshot()
		return fmt.Sprint(callTargets.Of(s), targetFunctions.Of(s), moduleCount.Of(s))
	}
	clear(viewBuilds)
	steps := []struct {
		path, text, want string
		builds           map[string]int
	}{
		{"", "", "map[call B:1] map[B:1] 3", map[string]int{"targets": 1, "functions": 1, "count": 1}},
		// C is read by no view but the module count: a body edit that moves every position.
		{"/c.ex", "defmodule C do\n  def c do\n    1 + 1\n  end\nend\n", "map[call B:1] map[B:1] 3", map[string]int{"count": 1}},
		// A's fact is the same list: nothing over it is rebuilt.
		{"/a.ex", "defmodule A do\n  # moved\n  def a, do: GenServer.call(B, :x)\nend\n", "map[call B:1] map[B:1] 3", map[string]int{"count": 1}},
		// B is looked up by name.
		{"/b.ex", "defmodule B do\n  def b, do: 1\n  def c, do: 2\nend\n", "map[call B:1] map[B:2] 3", map[string]int{"functions": 1, "count": 1}},
		// A's fact changes: both views are rebuilt.
		{"/a.ex", "defmodule A do\n  def a, do: GenServer.call(C, :x)\nend\n", "map[call C:1] map[C:1] 3", map[string]int{"targets": 1, "functions": 1, "count": 1}},
	}
	for i, st := range steps {
		if st.path != "" {
			enter(st.path, st.text)
		}
		clear(viewBuilds)
		if got := read(); got != st.want {
			t.Errorf("step %d: views = %s, want %s", i, got, st.want)
		}
		if !reflect.DeepEqual(viewBuilds, st.builds) {
			t.Errorf("step %d: builds %v, want %v", i, viewBuilds, st.builds)
		}
	}
}

// TestSnapshotAfterManyChanges: a snapshot derived after many files changed (each some
// times over) holds what one built from scratch holds.
func TestSnapshotAfterManyChanges(t *testing.T) {
	ws := NewWorkspace(callsTo.Kind())
	enter := func(i int, text string) {
		p := fmt.Sprintf("/r/lib/m%03d.ex", i)
		ws.Update(Summarize(source.Parse(p, strings.ReplaceAll(text, "M", fmt.Sprintf("M%d", i))), nil, ws.Facts()))
	}
	for i := 0; i < 200; i++ {
		enter(i, "defmodule M do\n  def a, do: GenServer.call(B, :x)\nend\n")
	}
	first := ws.Snapshot()
	callsTo.In(first)
	derived := derivedSnapshots.Load()
	for round := 0; round < 3; round++ {
		for i := 0; i < 60; i += 2 {
			enter(i, "defmodule M do\n  def a, do: GenServer.cast(C, :y)\nend\n")
		}
	}
	snap := ws.Snapshot()
	if derivedSnapshots.Load() != derived+1 {
		t.Fatal("the snapshot after 90 changes of 30 files was not derived from the previous one")
	}
	fresh := NewWorkspace(callsTo.Kind())
	for _, p := range snap.Paths() {
		fresh.Update(snap.File(p))
	}
	want := fresh.Snapshot()
	if g, w := callsTo.In(snap), callsTo.In(want); !reflect.DeepEqual(g, w) || len(g) != 200 {
		t.Errorf("holders differ: %d, want %d", len(g), len(w))
	}
	for i := 0; i < 200; i++ {
		name := fmt.Sprintf("M%d", i)
		if snap.Module(name) != want.Module(name) || snap.OutsideUses("C") != want.OutsideUses("C") {
			t.Fatalf("module %s differs", name)
		}
	}
}
