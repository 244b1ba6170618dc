package callgraph_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/otpls/otpls/analysis/callgraph"
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/source"
)

func workspace(files map[string]string) *index.Workspace {
	ws := index.NewWorkspace(callgraph.Facts()...)
	for path, text := range files {
		ws.Update(index.Summarize(source.Parse(path, text), nil, callgraph.Facts()))
	}
	return ws
}

func server(name, body string) string {
	return fmt.Sprintf("defmodule %s do\n  use GenServer\n  def init(s), do: {:ok, s}\n%s\nend\n", name, body)
}

// edges renders every edge of the graph as "From->To@path[kind]", sorted by file.
func edges(g *callgraph.Graph, paths ...string) string {
	var out []string
	for _, p := range paths {
		for _, e := range g.EdgesIn(p) {
			kind := "chain"
			switch {
			case e.Self():
				kind = "self"
			case g.OnCycle(e):
				kind = "cycle"
			}
			out = append(out, fmt.Sprintf("%s->%s@%s[%s]", e.From, e.To, p, kind))
		}
	}
	return strings.Join(out, " ")
}

func TestEdgesCyclesAndSelfCalls(t *testing.T) {
	files := map[string]string{
		// A calls B directly; B calls C through C's API function; C calls A by registered atom.
		"a.ex": server("A", `  def start_link(o), do: GenServer.start_link(__MODULE__, o, name: :alpha)
  def handle_call(:go, _from, s), do: {:reply, GenServer.call(B, :go), s}`),
		"b.ex": server("B", `  def handle_call(:go, _from, s), do: {:reply, C.fetch(1), s}`),
		"c.ex": server("C", `  def fetch(id), do: GenServer.call(__MODULE__, {:fetch, id})
  def handle_call({:fetch, id}, _from, s), do: {:reply, lookup(id), s}
  defp lookup(id), do: GenServer.call(:alpha, {:check, id})`),
		// D calls itself through its own API function, and via self().
		"d.ex": server("D", `  def get, do: GenServer.call(__MODULE__, :get)
  def handle_call(:get, _from, s), do: {:reply, s, s}
  def handle_call(:twice, _from, s), do: {:reply, get(), s}
  def handle_cast(:again, s) do
    GenServer.call(self(), :get)
    {:noreply, s}
  end`),
		// E's calls run in other processes or are casts: no edges.
		"e.ex": server("E", `  def handle_cast(:go, s) do
    Task.start(fn -> GenServer.call(A, :go) end)
    GenServer.cast(B, :go)
    {:noreply, s}
  end`),
	}
	g := callgraph.Build(workspace(files).Snapshot())
	got := edges(g, "a.ex", "b.ex", "c.ex", "d.ex", "e.ex")
	want := "A->B@a.ex[cycle] B->C@b.ex[cycle] C->A@c.ex[cycle] D->D@d.ex[self] D->D@d.ex[self]"
	if got != want {
		t.Fatalf("edges:\n got %s\nwant %s", got, want)
	}
	// The cycle through B's call starts with it and walks the servers in order.
	e := g.EdgesIn("b.ex")[0]
	var hops []string
	for _, h := range g.Cycle(e) {
		hops = append(hops, h.From+">"+h.To)
	}
	if strings.Join(hops, " ") != "B>C C>A A>B" {
		t.Fatalf("cycle from B: %v", hops)
	}
	if e.Via != "C.fetch/1" {
		t.Fatalf("B reaches C through its API function, got Via %q", e.Via)
	}
	if c := g.EdgesIn("c.ex")[0]; strings.Join(c.Site.Chain, ",") != "lookup/1" || c.Site.Callback != "handle_call/3" {
		t.Fatalf("C's call is reached from handle_call/3 via lookup/1, got %+v", c.Site)
	}
}

func TestChains(t *testing.T) {
	files := map[string]string{
		"a.ex": server("A", `  def handle_info(:tick, s) do
    s |> Map.get(:id) |> then(&GenServer.call(B, {:get, &1}))
    {:noreply, s}
  end`),
		"b.ex":       server("B", `  def handle_call({:get, id}, _from, s), do: {:reply, Counter.value(id), s}`),
		"counter.ex": "defmodule Counter do\n  use Agent\n  def value(k), do: Agent.get(__MODULE__, &Map.get(&1, k))\nend\n",
	}
	g := callgraph.Build(workspace(files).Snapshot())
	a := g.EdgesIn("a.ex")
	if len(a) != 1 {
		t.Fatalf("edges of A: %s", edges(g, "a.ex", "b.ex"))
	}
	var hops []string
	for _, h := range g.Chain(a[0]) {
		hops = append(hops, h.From+">"+h.To)
	}
	if strings.Join(hops, " ") != "A>B B>Counter" {
		t.Fatalf("chain from A: %v", hops)
	}
}

// TestIncrementalUpdate edits one file of a large workspace: only its module is
// recomputed (plus the servers whose calls name it), and the result equals a fresh build.
func TestIncrementalUpdate(t *testing.T) {
	files := map[string]string{}
	for i := 0; i < 50; i++ {
		files[fmt.Sprintf("s%d.ex", i)] = server(fmt.Sprintf("S%d", i),
			fmt.Sprintf("  def handle_call(:go, _from, s), do: {:reply, GenServer.call(S%d, :go), s}", i+1))
	}
	ws := workspace(files)
	g1 := callgraph.Of(ws.Snapshot())
	if n := len(g1.EdgesIn("s49.ex")); n != 1 || g1.OnCycle(g1.EdgesIn("s49.ex")[0]) {
		t.Fatal("a 51-server chain, no cycle yet")
	}
	// S50 appears and calls S0: every call becomes part of one 51-server cycle.
	ws.Update(index.Summarize(source.Parse("s50.ex", server("S50", "  def handle_call(:go, _from, s), do: {:reply, GenServer.call(S0, :go), s}")), nil, callgraph.Facts()))
	g2 := callgraph.Of(ws.Snapshot())
	if g2.Recomputed != 2 { // S50's facts, and S49's edges (they name S50)
		t.Fatalf("recomputed %d modules, want 2", g2.Recomputed)
	}
	if !g2.OnCycle(g2.EdgesIn("s0.ex")[0]) || len(g2.Cycle(g2.EdgesIn("s0.ex")[0])) != 51 {
		t.Fatal("S0's call should now be on the 51-server cycle")
	}
	fresh := callgraph.Build(ws.Snapshot())
	var all []string
	for i := 0; i <= 50; i++ {
		all = append(all, fmt.Sprintf("s%d.ex", i))
	}
	if edges(g2, all...) != edges(fresh, all...) {
		t.Fatalf("incremental and fresh graphs differ:\n%s\n%s", edges(g2, all...), edges(fresh, all...))
	}
	// The old graph is untouched (an analysis may still be reading it).
	if g1.OnCycle(g1.EdgesIn("s0.ex")[0]) {
		t.Fatal("the previous graph changed")
	}
	// Removing S50 clears the cycle again.
	ws.Remove("s50.ex")
	g3 := callgraph.Of(ws.Snapshot())
	if g3.OnCycle(g3.EdgesIn("s0.ex")[0]) || g3.Recomputed != 1 {
		t.Fatalf("after removal: cycle %v, recomputed %d", g3.OnCycle(g3.EdgesIn("s0.ex")[0]), g3.Recomputed)
	}
}

// TestChainsFollowTheAnswer: a chain goes on only through the handle_call/3 clauses that
// answer the request, while a cycle joins calls made from any callback (each server is
// blocked in one of them at the same time: a deadlock).
func TestChainsFollowTheAnswer(t *testing.T) {
	files := map[string]string{
		"a.ex": server("A", `  def handle_info(:tick, s), do: (GenServer.call(B, :ping); {:noreply, s})`),
		"b.ex": server("B", `  def handle_call(:ping, _from, s), do: {:reply, :pong, s}
  def handle_call(:pull, _from, s), do: {:reply, GenServer.call(C, :get), s}
  def handle_cast(:push, s), do: (GenServer.call(C, :get); {:noreply, s})`),
		"c.ex": server("C", `  def handle_call(:get, _from, s), do: {:reply, s, s}`),
		// Twin: :pull is answered by the clause that calls C.
		"a2.ex": server("A2", `  def handle_info(:tick, s), do: (GenServer.call(B, :pull); {:noreply, s})`),
		// D and E call each other from a cast and an info: a cycle all the same.
		"d.ex": server("D", `  def handle_info(:go, s), do: (GenServer.call(E, :hello); {:noreply, s})
  def handle_call(_msg, _from, s), do: {:reply, :ok, s}`),
		"e.ex": server("E", `  def handle_call(:hello, _from, s), do: {:reply, :hi, s}
  def handle_cast(:go, s), do: (GenServer.call(D, :hello); {:noreply, s})`),
	}
	g := callgraph.Build(workspace(files).Snapshot())
	if c := g.Chain(g.EdgesIn("a.ex")[0]); len(c) != 1 {
		t.Fatalf("A's :ping is answered by a clause that calls nobody, got a chain of %d calls", len(c))
	}
	var hops []string
	for _, h := range g.Chain(g.EdgesIn("a2.ex")[0]) {
		hops = append(hops, h.From+">"+h.To)
	}
	if strings.Join(hops, " ") != "A2>B B>C" {
		t.Fatalf("chain from A2: %v", hops)
	}
	if got := edges(g, "d.ex", "e.ex"); got != "D->E@d.ex[cycle] E->D@e.ex[cycle]" {
		t.Fatalf("D and E: %s", got)
	}
}
