package elixir

import (
	"fmt"
	"strings"
	"testing"

	"github.com/otpls/otpls/analysis/source"
)

func find(f *source.File, typ, text string) *source.Node {
	var found *source.Node
	f.Root.Walk(func(n *source.Node) bool {
		if found == nil && n.Type() == typ && strings.HasPrefix(f.Slice(n), text) {
			found = n
		}
		return found == nil
	})
	return found
}

func TestCalls(t *testing.T) {
	f := source.Parse("a.ex", `x |> Foo.Bar.baz(1, a: 2)
:ets.lookup(:t, k)
state.count
spawn fn -> :ok end
__MODULE__.start(x)
`)
	cases := []struct{ text, want string }{
		{"Foo.Bar.baz", "Foo.Bar.baz/3 piped"},
		{":ets.lookup", ":ets.lookup/2"},
		{"spawn", "spawn/1"},
		{"__MODULE__.start", "__MODULE__.start/1"},
	}
	for _, c := range cases {
		call, ok := AsCall(f, find(f, "call", c.text))
		got := fmt.Sprintf("%s/%d", call.Qualified(), call.Arity())
		if call.Piped() {
			got += " piped"
		}
		if !ok || got != c.want {
			t.Errorf("%s: got %q, want %q", c.text, got, c.want)
		}
	}
	if _, ok := AsCall(f, find(f, "call", "state.count")); ok {
		t.Error("field access read as a call")
	}
}

// TestPiped: a call is piped exactly when it is the right side of `|>`, however the pipe
// chains or nests, and a call's own arguments never make it so.
func TestPiped(t *testing.T) {
	f := source.Parse("a.ex", `xs |> Enum.map(f) |> Enum.sum()
g(ys |> h())
k(z) |> m
Task.start(fn -> x |> y(1) end)
w |> (fn a -> a end).()
n(o, p)
`)
	want := map[string]bool{
		"Enum.map": true, "Enum.sum": true, "g": false, "h": true, "k": false,
		"Task.start": false, "y": true, "n": false,
	}
	seen := map[string]bool{}
	for _, c := range Calls(f) {
		name := c.Qualified()
		w, ok := want[name]
		if !ok {
			continue
		}
		seen[name] = true
		if c.Piped() != w {
			t.Errorf("%s (%q): Piped() = %v, want %v", name, f.Slice(c.Node), c.Piped(), w)
		}
	}
	for name := range want {
		if !seen[name] {
			t.Errorf("%s: not among the calls", name)
		}
	}
}

func TestDefsAndTails(t *testing.T) {
	f := source.Parse("a.ex", `defmodule M do
  def handle_call({:get, k}, _from, state) when is_atom(k) do
    case Map.fetch(state, k) do
      {:ok, v} -> {:reply, v, state}
      :error ->
        if k == :x, do: {:reply, nil, state}, else: {:stop, :bad, state}
    end
  end

  defp helper(x), do: x
  def bare, do: :ok
end
`)
	d, ok := AsDef(f, find(f, "call", "def handle_call"))
	if !ok || d.Name != "handle_call" || d.Arity() != 3 || d.Guard == nil || !d.Public() {
		t.Fatalf("def: %+v", d)
	}
	var tails []string
	for _, n := range Tails(f, d.Body) {
		tails = append(tails, f.Slice(n))
	}
	if got := strings.Join(tails, " | "); got != "{:reply, v, state} | {:reply, nil, state} | {:stop, :bad, state}" {
		t.Errorf("tails = %s", got)
	}
	h, _ := AsDef(f, find(f, "call", "defp helper"))
	if h.Name != "helper" || h.Public() || f.Slice(h.Body) != "x" {
		t.Errorf("defp: %+v", h)
	}
	b, _ := AsDef(f, find(f, "call", "def bare"))
	if b.Name != "bare" || b.Arity() != 0 || f.Slice(b.Body) != ":ok" {
		t.Errorf("bare: %+v", b)
	}
}

// The else, rescue and catch branches sit inside the do_block in tree-sitter-elixir: they
// are tails, not the block's last expression.
func TestTailsOfNestedBranches(t *testing.T) {
	f := source.Parse("a.ex", `defmodule M do
  def run(x) do
    with {:ok, a} <- x do
      if a, do: {:noreply, 1}, else: {:noreply, 2}
    else
      {:error, _} -> {:noreply, 3}
    end
  end

  def guarded(x) do
    if x do
      {:noreply, 4}
    else
      {:noreply, 5}
    end
  rescue
    _ -> {:noreply, 6}
  end

  def wait do
    receive do
      m -> {:noreply, m}
    after
      100 -> {:noreply, 7}
    end
  end

  def cleanup do
    try do
      {:noreply, 8}
    after
      :done
    end
  end
end
`)
	for name, want := range map[string]string{
		"run":     "{:noreply, 1} | {:noreply, 2} | {:noreply, 3}",
		"guarded": "{:noreply, 4} | {:noreply, 5} | {:noreply, 6}",
		"wait":    "{:noreply, m} | {:noreply, 7}",
		"cleanup": "{:noreply, 8}",
	} {
		d, ok := AsDef(f, find(f, "call", "def "+name))
		if !ok {
			t.Fatalf("no def %s", name)
		}
		var tails []string
		for _, n := range Tails(f, d.Body) {
			tails = append(tails, f.Slice(n))
		}
		if got := strings.Join(tails, " | "); got != want {
			t.Errorf("%s: tails = %s, want %s", name, got, want)
		}
	}
}

func TestAliasResolution(t *testing.T) {
	f := source.Parse("a.ex", `defmodule Shop.Orders do
  alias Shop.Repo
  alias Shop.Accounts.User, as: U
  alias Shop.{Mailer, Billing.Invoice}

  defmodule Line do
  end
end
`)
	mods := Modules(f)
	if len(mods) != 2 || mods[1].Name != "Shop.Orders.Line" {
		t.Fatalf("modules: %v", mods)
	}
	m := mods[0]
	for in, want := range map[string]string{
		"Repo": "Shop.Repo", "U": "Shop.Accounts.User", "Mailer.Send": "Shop.Mailer.Send", "Invoice": "Shop.Billing.Invoice",
		"__MODULE__": "Shop.Orders", "__MODULE__.Line": "Shop.Orders.Line", "Line": "Shop.Orders.Line", ":ets": ":ets", "GenServer": "GenServer",
	} {
		if got := m.Resolve(in); got != want {
			t.Errorf("Resolve(%s) = %s, want %s", in, got, want)
		}
	}
	if got := mods[1].Resolve("Repo"); got != "Shop.Repo" {
		t.Errorf("nested module inherits aliases: %s", got)
	}
}

// TestMultiAliasNamesItsBaseOnce: `alias A.{A, B}` expands its base before it aliases
// anything, as Elixir does, so B is A.B, not the A.A.B the new alias A would make of it;
// a base aliased before the form is expanded through that alias.
func TestMultiAliasNamesItsBaseOnce(t *testing.T) {
	f := source.Parse("a.ex", `defmodule App.Worker do
  alias Core.{Core, Tools}
  alias Lib.Util
  alias Util.{Util, Text}
end
`)
	m := Modules(f)[0]
	for in, want := range map[string]string{
		"Core": "Core.Core", "Tools": "Core.Tools", "Util": "Lib.Util.Util", "Text": "Lib.Util.Text",
	} {
		if got := m.Resolve(in); got != want {
			t.Errorf("Resolve(%s) = %s, want %s", in, got, want)
		}
	}
}

// Blocking and SlowWork name the calls docs/rules/OTP003.md and OTP007.md list, and only those.
func TestBlockingAndSlowWork(t *testing.T) {
	for _, c := range []struct {
		module, name string
		arity        int
		blocking     bool
		slow         bool
	}{
		{"HTTPoison", "get", 1, true, true},
		{"Req", "post", 2, true, true},
		{"Tesla", "get", 2, true, true},
		{"Finch", "request", 2, true, true},
		{"Finch", "build", 2, false, false},
		{":httpc", "request", 1, true, true},
		{":hackney", "request", 5, true, true},
		{":hackney", "body", 1, false, false},
		{":gen_tcp", "recv", 2, true, true},
		{":ssl", "connect", 3, true, true},
		{":gen_tcp", "send", 2, false, false},
		{"Process", "sleep", 1, true, true},
		{":timer", "sleep", 1, true, true},
		{"Process", "send", 2, false, false},
		{"System", "cmd", 2, true, true},
		{":os", "cmd", 1, true, true},
		{"Task", "await", 1, true, true},
		{"Task", "async", 1, false, false},
		{"Mint.HTTP1", "connect", 3, true, true},
		{"File", "read!", 1, false, true},
		{":file", "open", 2, false, true},
		{"IO", "write", 2, false, true},
		{"IO", "write", 1, false, false},
		{"MyApp.Repo", "all", 1, false, true},
		{"Enum", "map", 2, false, false},
	} {
		what, ok := Blocking(c.module, c.name)
		if ok != c.blocking || ok && what != c.module+"."+c.name || !ok && what != "" {
			t.Errorf("Blocking(%s, %s) = %q, %v; want blocking %v", c.module, c.name, what, ok, c.blocking)
		}
		what, ok = SlowWork(c.module, c.name, c.arity)
		if ok != c.slow || ok && what != c.module+"."+c.name || !ok && what != "" {
			t.Errorf("SlowWork(%s, %s, %d) = %q, %v; want slow %v", c.module, c.name, c.arity, what, ok, c.slow)
		}
	}
}
