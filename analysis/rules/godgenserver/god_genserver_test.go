package godgenserver_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/rules/godgenserver"
	"github.com/otpls/otpls/analysis/rules/ruletest"
	"github.com/otpls/otpls/analysis/source"
	"github.com/otpls/otpls/analysis/workspace"
)

func TestFixtures(t *testing.T) { ruletest.Run(t, godgenserver.Analyzer) }

const hub = `defmodule Shop.Hub do
  use GenServer

  def init(_), do: {:ok, %{carts: %{}, prices: %{}, sessions: %{}, audit: []}}

  def handle_call({:login, user}, _from, state) do
    {:reply, :ok, open_session(state, user)}
  end

  def handle_call({:add, cart, sku}, _from, state) do
    {:reply, :ok, %{state | carts: Map.put(state.carts, cart, sku)}}
  end

  def handle_cast({:price, sku, p}, state), do: {:noreply, put_in(state, [:prices, sku], p)}

  def handle_info({:audit, entry}, state), do: {:noreply, %{state | audit: [entry | state.audit]}}

  defp open_session(state, user), do: %{state | sessions: Map.put(state.sessions, user, 1)}
end
`

// The concerns are read clause by clause and kept with each form while its text is
// unchanged (a per-form fact): an edit in one form, open in the editor, must still change
// the finding as a fresh read of the file would, whether it is in a helper the state is
// passed to (the handler that passes it is unchanged) or in another handler (the clauses
// after it move).
func TestFollowsEdits(t *testing.T) {
	const path = "/shop/lib/shop/hub.ex"
	opts := workspace.RunOptions{Analyzers: []*analysis.Analyzer{godgenserver.Analyzer}}
	ws := index.NewWorkspace(godgenserver.Analyzer.Facts...)
	doc := workspace.OpenDocument(ws, path, hub, 0)
	defer doc.Close()
	finding := func(diags []analysis.Diagnostic) string {
		var b strings.Builder
		for _, d := range diags {
			fmt.Fprintf(&b, "%d:%d %s\n", d.Range.Start.Line+1, d.Range.Start.Character, d.Message[:strings.Index(d.Message, ":")])
			for _, r := range d.Related {
				fmt.Fprintf(&b, "  %d:%d-%d:%d %s\n", r.Loc.Range().Start.Line+1, r.Loc.Range().Start.Character, r.Loc.Range().End.Line+1, r.Loc.Range().End.Character, r.Message)
			}
		}
		return b.String()
	}
	// apply edits the open document, and checks its finding against a fresh read of the
	// new text.
	apply := func(old, new string) string {
		t.Helper()
		text := doc.Entry().File.Text
		at := strings.Index(text, old)
		if at < 0 || strings.Count(text, old) != 1 {
			t.Fatalf("%q is not in the text once", old)
		}
		r := source.NewLineIndex(text).Range(at, at+len(old))
		if _, err := doc.Apply(ws, []source.Change{{Range: &r, Text: new}}); err != nil {
			t.Fatal(err)
		}
		got := finding(doc.Entry().Analyze(ws.Snapshot(), opts))
		_, fresh := workspace.Check(index.NewWorkspace(godgenserver.Analyzer.Facts...), path, doc.Entry().File.Text, opts)
		if want := finding(fresh); got != want {
			t.Fatalf("after %q -> %q, the open document's finding:\n%s\na fresh read's:\n%s", old, new, got, want)
		}
		return got
	}

	want := `1:10 Shop.Hub holds 4 unrelated concerns in one process ([sessions] [carts] [prices] [audit])
  6:6-6:47 uses sessions
  10:6-10:50 uses carts
  14:6-14:42 uses prices
  16:6-16:41 uses audit
`
	if got := finding(doc.Entry().Analyze(ws.Snapshot(), opts)); got != want {
		t.Fatalf("before the edits:\n%s\nwant:\n%s", got, want)
	}

	// The helper the login handler passes the state to now reads the carts too: sessions
	// and carts are one concern, shown at the login handler, whose text is unchanged.
	want = `1:10 Shop.Hub holds 3 unrelated concerns in one process ([carts, sessions] [prices] [audit])
  6:6-6:47 uses carts, sessions
  14:6-14:42 uses prices
  16:6-16:41 uses audit
`
	if got := apply("Map.put(state.sessions, user, 1)", "Map.put(state.sessions, user, map_size(state.carts))"); got != want {
		t.Fatalf("after the helper's edit:\n%s\nwant:\n%s", got, want)
	}

	// The add handler, on two lines more, keeps orders instead of carts: a concern of its
	// own, and the clauses after it are shown where they now are.
	want = `1:10 Shop.Hub holds 4 unrelated concerns in one process ([carts, sessions] [orders] [prices] [audit])
  6:6-6:47 uses carts, sessions
  10:6-10:50 uses orders
  16:6-16:42 uses prices
  18:6-18:41 uses audit
`
	if got := apply("{:reply, :ok, %{state | carts: Map.put(state.carts, cart, sku)}}", "order = {cart, sku}\n\n    {:reply, :ok, %{state | orders: [order | state.orders]}}"); got != want {
		t.Fatalf("after the add handler's edit:\n%s\nwant:\n%s", got, want)
	}
}
