package index

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/otpls/otpls/analysis/source"
)

const appText = `defmodule Shop.Application do
  use Application
  alias Shop.{Repo, Mailer}
  alias Shop.Workers.Pool, as: WorkPool

  @impl true
  def start(_type, _args) do
    children = [
      Repo,
      {WorkPool, size: 3},
      {Task.Supervisor, name: Shop.Tasks},
      Supervisor.child_spec({Mailer, []}, id: :mailer_2),
      %{id: :cache, start: {Shop.Cache, :start_link, [[]]}}
    ]

    opts = [strategy: :one_for_all, name: Shop.Supervisor]
    Supervisor.start_link(children, opts)
  end

  defmodule Inner do
    def go, do: Mailer.send(:x)
  end
end
`

func TestSummaryFacts(t *testing.T) {
	f := source.Parse("lib/shop/application.ex", appText)
	fs := Summarize(f, nil, nil)
	if len(fs.Modules) != 2 || fs.Modules[0].Name != "Shop.Application" || fs.Modules[1].Name != "Shop.Application.Inner" {
		t.Fatalf("modules: %+v", fs.Modules)
	}
	m := fs.Modules[0]
	if !m.Is("Application") {
		t.Errorf("behaviours = %v", m.Behaviours)
	}
	if len(m.ChildLists) != 1 {
		t.Fatalf("child lists: %+v", m.ChildLists)
	}
	cl := m.ChildLists[0]
	if cl.Strategy.Value != ":one_for_all" || cl.From != "start/2" || !cl.Multiline || cl.Indent != "      " {
		t.Errorf("list: %+v", cl)
	}
	var got []string
	for _, c := range cl.Children {
		got = append(got, fmt.Sprintf("%s id=%s name=%s", c.Module, c.ID, c.Name))
	}
	want := []string{"Shop.Repo id= name=", "Shop.Workers.Pool id= name=", "Task.Supervisor id= name=Shop.Tasks", "Shop.Mailer id=:mailer_2 name=", "Shop.Cache id=:cache name="}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("children:\n%q\nwant\n%q", got, want)
	}
	if f.Text[cl.InsertAt-1] != '}' || !strings.HasPrefix(f.Text[cl.InsertAt:], "\n    ]") {
		t.Errorf("InsertAt %d is not after the last child", cl.InsertAt)
	}
	inner := fs.Modules[1]
	if len(inner.Calls) != 1 || inner.Calls[0].Module != "Shop.Mailer" || inner.Calls[0].From != "go/0" {
		t.Errorf("inner calls: %+v", inner.Calls)
	}
	if m.Calls[len(m.Calls)-1].Span.Range().Start.Line != 16 {
		t.Errorf("positions: %+v", m.Calls[len(m.Calls)-1].Span)
	}
}

func TestETSFacts(t *testing.T) {
	text := `defmodule Cache do
  @table :cache
  def init, do: :ets.new(@table, [:named_table, :public, read_concurrency: true])
  def put(k, v), do: :ets.insert(@table, {k, v})
  def get(k), do: :ets.lookup(:cache, k)
  def scratch do
    t = :ets.new(:tmp, [:set])
    :ets.insert(t, {1})
  end
end
`
	fs := Summarize(source.Parse("lib/cache.ex", text), nil, nil)
	m := fs.Modules[0]
	if len(m.ETSTables) != 2 {
		t.Fatalf("tables: %+v", m.ETSTables)
	}
	tab := m.ETSTables[0]
	if tab.Key != ":cache" || tab.Name != "cache" || !tab.Public || !tab.Named || !tab.HasOption("read_concurrency") {
		t.Errorf("table: %+v", tab)
	}
	if m.ETSTables[1].Key != "var:Cache:scratch/0:t" || m.ETSTables[1].Escapes {
		t.Errorf("variable table key: %q", m.ETSTables[1].Key)
	}
	var ops []string
	for _, op := range m.ETSOps {
		ops = append(ops, op.Key+" "+op.Op+" "+op.From)
	}
	want := []string{":cache insert put/2", ":cache lookup get/1", "var:Cache:scratch/0:t insert scratch/0"}
	if !reflect.DeepEqual(ops, want) {
		t.Errorf("ops %q, want %q", ops, want)
	}
	if m.ETSOps[0].KeyFrom != 0 || m.ETSOps[2].KeyFrom != KeyBounded {
		t.Errorf("key origins: %d %d", m.ETSOps[0].KeyFrom, m.ETSOps[2].KeyFrom)
	}
}

// Options in tuple form, a module-named table, module attributes naming modules and
// children started dynamically through a variable or attribute.
func TestETSOptionsAndModuleNames(t *testing.T) {
	text := `defmodule Reg do
  @name __MODULE__
  @worker Reg.Worker
  def init do
    :ets.new(@name, [:named_table, {:read_concurrency, true}, write_concurrency: :auto, decentralized_counters: false])
    :ets.insert(__MODULE__, {:a, 1})
    tid = :ets.new(:x, [:public])
    {:ok, tid}
  end
  def go(arg) do
    spec = {@worker, arg}
    DynamicSupervisor.start_child(Reg.Sup, spec)
  end
  def wrap(arg), do: Reg.Starter.start({@worker, arg})
  def start_link(_), do: Supervisor.start_link([{Registry, keys: :unique, name: @name}, {Registry, name: {:global, :x}}], strategy: :one_for_one)
end
`
	m := Summarize(source.Parse("lib/reg.ex", text), nil, nil).Modules[0]
	tab := m.ETSTables[0]
	if tab.Key != ":Elixir.Reg" || tab.Name != "Elixir.Reg" || !tab.HasOption("read_concurrency") || !tab.HasOption("write_concurrency") || tab.HasOption("decentralized_counters") {
		t.Errorf("table: %+v", tab)
	}
	if m.ETSOps[0].Key != ":Elixir.Reg" {
		t.Errorf("op key %q", m.ETSOps[0].Key)
	}
	if !m.ETSTables[1].Escapes {
		t.Errorf("a returned tid escapes: %+v", m.ETSTables[1])
	}
	if ch := m.ChildLists[0].Children; ch[0].Name != "Reg" || ch[0].NameUnknown || ch[1].Name != "" || !ch[1].NameUnknown {
		t.Errorf("children names: %+v", ch)
	}
}

func TestWorkspaceQueries(t *testing.T) {
	ws := NewWorkspace()
	ws.Update(Summarize(source.Parse("lib/shop/application.ex", appText), nil, nil))
	ws.Update(Summarize(source.Parse("lib/other.ex", "defmodule Other do\n  def x, do: :ets.lookup(:cache, 1)\nend\n"), nil, nil))
	s := ws.Snapshot()
	proj := s.MixProject("lib/shop/worker.ex")
	if sups := proj.NamedChildren("Task.Supervisor"); len(sups) != 1 || sups[0].Name != "Shop.Tasks" || sups[0].Loc.Path != "lib/shop/application.ex" || !sups[0].Application {
		t.Errorf("task supervisors: %+v", sups)
	}
	if apps := proj.ApplicationLists(); len(apps) != 1 || apps[0].Module.Name != "Shop.Application" || len(apps[0].List.Children) != 5 {
		t.Errorf("applications: %+v", apps)
	}
	if s.Module("Other") == nil || len(s.ETSOps(":cache")) != 1 {
		t.Errorf("queries")
	}
	if ws.Snapshot() != s {
		t.Error("an unchanged workspace should return the same snapshot")
	}
	ws.Remove("lib/other.ex")
	if s2 := ws.Snapshot(); s2 == s || s2.Module("Other") != nil || s.Module("Other") == nil {
		t.Error("Remove must produce a new snapshot and leave the old one intact")
	}
}

// A project's children lists are indexed once per MixProject (NamedChildren,
// HasChildNamed, ApplicationLists); an edit's snapshot answers from its own project, the
// older snapshot's answers stay as they were.
func TestProjectChildrenFollowEdits(t *testing.T) {
	ws := NewWorkspace()
	ws.Update(Summarize(source.Parse("mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\nend\n"), nil, nil))
	ws.Update(Summarize(source.Parse("lib/shop/application.ex", appText), nil, nil))
	s1 := ws.Snapshot()
	p1 := s1.MixProject("lib/shop/worker.ex")
	if !p1.HasChildNamed("Shop.Tasks") || p1.HasChildNamed("Shop.More") || len(p1.NamedChildren("Task.Supervisor")) != 1 {
		t.Fatalf("before the edit: %+v", p1.NamedChildren("Task.Supervisor"))
	}
	edited := strings.Replace(appText, "{Task.Supervisor, name: Shop.Tasks},", "{Task.Supervisor, name: Shop.Tasks},\n      {Task.Supervisor, name: Shop.More},", 1)
	ws.Update(Summarize(source.Parse("lib/shop/application.ex", edited), nil, nil))
	p2 := ws.Snapshot().MixProject("lib/shop/worker.ex")
	if sups := p2.NamedChildren("Task.Supervisor"); len(sups) != 2 || sups[1].Name != "Shop.More" || !p2.HasChildNamed("Shop.More") {
		t.Errorf("after the edit: %+v", sups)
	}
	if apps := p2.ApplicationLists(); len(apps) != 1 || len(apps[0].List.Children) != 6 {
		t.Errorf("applications after the edit: %+v", apps)
	}
	if len(p1.NamedChildren("Task.Supervisor")) != 1 || p1.HasChildNamed("Shop.More") || len(s1.MixProject("lib/shop/worker.ex").ApplicationLists()[0].List.Children) != 5 {
		t.Error("the older snapshot's project changed with the edit")
	}
}

// An edit inside one def re-summarises only that form; the result equals a fresh summary.
func TestFormCacheReusesUnchangedForms(t *testing.T) {
	doc := source.Open("lib/shop/application.ex", appText)
	defer doc.Close()
	cache := &FormCache{}
	Summarize(doc.File(), cache, nil)
	l0, h0 := cache.Stats()
	at := strings.Index(appText, "Mailer.send(:x)")
	r := doc.File().Lines.Range(at, at+len("Mailer.send(:x)"))
	if err := doc.Apply([]source.Change{{Range: &r, Text: "Mailer.prepare(:y) |> Mailer.send()"}}); err != nil {
		t.Fatal(err)
	}
	inc := Summarize(doc.File(), cache, nil)
	l1, h1 := cache.Stats()
	forms := len(doc.File().Forms)
	if l1-l0 != forms || h1-h0 != forms-1 {
		t.Fatalf("looked up %d forms, reused %d; want %d and %d", l1-l0, h1-h0, forms, forms-1)
	}
	full := Summarize(source.Parse("lib/shop/application.ex", doc.File().Text), nil, nil)
	if !reflect.DeepEqual(inc, full) {
		t.Fatalf("incremental summary differs from a fresh one:\n%+v\n%+v", inc.Modules[1], full.Modules[1])
	}
	_ = h0
}

// Functions are listed in the order of their first clause, with every clause (written
// apart or together) and only the local calls of functions their own module defines.
func TestFunctionFacts(t *testing.T) {
	text := `defmodule Shop.Cart do
  def add(cart, item), do: put(cart, item)
  defp put(cart, item) do
    if item, do: Map.put(cart, item, 1), else: cart
  end
  def add(cart), do: add(cart, :default)
  def total(cart), do: cart |> count() |> missing()

  defmodule Inner do
    def count(x), do: put(x, 1)
  end

  defp count(cart), do: map_size(cart)
end
`
	f := source.Parse("lib/cart.ex", text)
	fs := Summarize(f, nil, nil)
	describe := func(m *Module) []string {
		var out []string
		for _, fn := range m.Functions {
			s := fmt.Sprintf("%s public=%v clauses=", fn.ID(), fn.Public)
			for _, c := range fn.Clauses {
				s += fmt.Sprintf("%d,", c.Range().Start.Line)
			}
			s += " calls="
			for _, l := range fn.LocalSites() {
				s += fmt.Sprintf("%s@%d,", l.ID, l.Span.Range().Start.Line)
			}
			out = append(out, s)
		}
		return out
	}
	want := []string{
		"add/2 public=true clauses=1, calls=put/2@1,",
		"put/2 public=false clauses=2, calls=",
		"add/1 public=true clauses=5, calls=add/2@5,",
		"total/1 public=true clauses=6, calls=count/1@6,",
		"count/1 public=false clauses=12, calls=",
	}
	if got := describe(fs.Modules[0]); !reflect.DeepEqual(got, want) {
		t.Errorf("Shop.Cart functions:\n%q\nwant\n%q", got, want)
	}
	// put/2 is Shop.Cart's, not Inner's: Inner's call of it is not a local call.
	if got := describe(fs.Modules[1]); !reflect.DeepEqual(got, []string{"count/1 public=true clauses=9, calls="}) {
		t.Errorf("Inner functions: %q", got)
	}
	text2 := strings.Replace(text, "  def add(cart), do: add(cart, :default)\n", "  def add(cart, :x), do: cart\n", 1)
	fs2 := Summarize(source.Parse("lib/cart.ex", text2), nil, nil)
	if got := describe(fs2.Modules[0])[0]; got != "add/2 public=true clauses=1,5, calls=put/2@1," {
		t.Errorf("clauses written apart: %q", got)
	}
	if got := describe(fs2.Modules[0])[1]; got != "put/2 public=false clauses=2, calls=" {
		t.Errorf("the function after a clause written apart: %q", got)
	}
}

// TestMixProjects: a file belongs to the project of its nearest mix.exs (an umbrella app,
// an examples/ app), a dependency's file to none, and children named through a module
// attribute are named by its value.
func TestMixProjects(t *testing.T) {
	ws := NewWorkspace()
	add := func(path, text string) { ws.Update(Summarize(source.Parse(path, text), nil, nil)) }
	add("/r/mix.exs", "defmodule Root.MixProject do\nend\n")
	add("/r/apps/a/mix.exs", "defmodule A.MixProject do\nend\n")
	add("/r/apps/a/lib/a/sup.ex", `defmodule A.Sup do
  use Supervisor
  @tasks A.Background
  @pool :pool

  def init(_) do
    Supervisor.init([{Task.Supervisor, name: @tasks}, {Task.Supervisor, [name: @pool]}], strategy: :one_for_one)
  end
end
`)
	add("/r/examples/demo/mix.exs", "defmodule Demo.MixProject do\nend\n")
	add("/r/examples/demo/lib/demo.ex", "defmodule Demo do\nend\n")
	add("/r/lib/root.ex", "defmodule Root do\nend\n")
	s := ws.Snapshot()
	for path, dir := range map[string]string{"/r/apps/a/lib/a/x.ex": "/r/apps/a", "/r/apps/b/lib/b.ex": "/r", "/r/examples/demo/lib/demo.ex": "/r/examples/demo", "/r/lib/root.ex": "/r"} {
		if p := s.MixProject(path); p == nil || p.Dir != dir {
			t.Errorf("project of %s: %+v, want %s", path, p, dir)
		}
	}
	if p := s.MixProject("/r/deps/dep/lib/dep.ex"); p != nil {
		t.Errorf("a dependency's file belongs to project %q", p.Dir)
	}
	var names []string
	for _, ch := range s.MixProject("/r/apps/a/lib/a/x.ex").NamedChildren("Task.Supervisor") {
		names = append(names, ch.Name)
	}
	if !reflect.DeepEqual(names, []string{"A.Background", ":pool"}) {
		t.Errorf("named children %q", names)
	}
	if got := s.MixProject("/r/lib/root.ex").NamedChildren("Task.Supervisor"); len(got) != 0 {
		t.Errorf("the root project sees another project's children: %+v", got)
	}
}
