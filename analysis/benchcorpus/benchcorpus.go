// Package benchcorpus generates a deterministic corpus of realistic Elixir code for
// benchmarks and precision checks: a Mix-project-shaped tree of GenServers, supervisors,
// context modules, ETS caches and Agents, mostly correct, with a small planted share of
// each OTP anti-pattern (listed by Manifest) so that analysis has real findings.
package benchcorpus

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// File is one generated file.
type File struct {
	Path    string // slash-separated, relative to the corpus root
	Content []byte
}

// Plant records an anti-pattern placed on purpose.
type Plant struct {
	Path string
	Code string
	Note string
}

// Files returns the corpus in memory, sorted by path: at least minLines lines of Elixir.
func Files(minLines int, seed int64) []File { return FilesScaled(minLines, seed, 1) }

// FilesScaled is Files with servers and contexts scale times as long (see GenerateScaled).
func FilesScaled(minLines int, seed int64, scale int) []File {
	files, _ := build(minLines, seed, scale)
	return files
}

// Manifest lists the anti-patterns planted in the corpus of the same minLines and seed.
func Manifest(minLines int, seed int64) []Plant {
	_, plants := build(minLines, seed, 1)
	return plants
}

// Generate writes the corpus under dir and returns the written paths (sorted) and bytes.
func Generate(dir string, minLines int, seed int64) ([]string, int, error) {
	return write(dir, Files(minLines, seed))
}

// LargeModules is the module scale of a corpus shaped like a large real workspace (the
// sixteen panel repositories hold 1.4M lines in 6,440 files, 220 lines a file): servers
// and contexts are LargeModules times as long as in Files' corpus, whose files hold 57
// lines on average.
const LargeModules = 7

// BigLines is the size of the benchmarks' large generated workspace (issue 24: a
// monorepo's 1.5M lines); OTPLS_BENCH_LINES sets another, to see how the figures scale.
func BigLines() (int, error) {
	v := os.Getenv("OTPLS_BENCH_LINES")
	if v == "" {
		return 1_500_000, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("OTPLS_BENCH_LINES=%q: want a number of lines", v)
	}
	return n, nil
}

// GenerateScaled writes the corpus of Files with servers and contexts scale times as long
// (their clauses and functions), so that minLines come in fewer, larger files.
func GenerateScaled(dir string, minLines int, seed int64, scale int) ([]string, int, error) {
	return write(dir, FilesScaled(minLines, seed, scale))
}

func write(dir string, files []File) ([]string, int, error) {
	var paths []string
	total := 0
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, 0, err
		}
		if err := os.WriteFile(p, f.Content, 0o644); err != nil {
			return nil, 0, err
		}
		paths = append(paths, p)
		total += len(f.Content)
	}
	return paths, total, nil
}

// GenServerModule returns one GenServer-heavy module of about lines lines, for latency
// benchmarks of a large open document.
func GenServerModule(name string, lines int, seed int64) []byte {
	return genServerModule(fmt.Sprintf("defmodule %s do\n  use GenServer\n  require Logger\n\n", name), lines, seed)
}

// SessionModule is GenServerModule with the module-level forms a real server of that size
// opens with (a @moduledoc, `use` with options, aliases, attributes), for benchmarks that
// edit a module-level line: AttributeLine is where they type.
func SessionModule(name string, lines int, seed int64) []byte {
	header := fmt.Sprintf("defmodule %s do\n  @moduledoc \"\"\"\n  One live session: its items, their expiry and statistics.\n  \"\"\"\n\n"+
		"  use GenServer, restart: :temporary\n  require Logger\n\n  alias Corpus.Repo\n  alias Corpus.Registry, as: Names\n\n"+
		"  @timeout 30_000\n  @max_items 10_000\n  @registry Names\n\n", name)
	return genServerModule(header, lines, seed)
}

// AttributeLine is the line of SessionModule's `@timeout 30_000` (0-based), the
// module-level line benchmarks type at the end of.
const AttributeLine = 11

func genServerModule(header string, lines int, seed int64) []byte {
	g := &gen{rng: rand.New(rand.NewSource(seed)), app: "Bench", scale: 1}
	var b strings.Builder
	b.WriteString(header)
	fmt.Fprintf(&b, "  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)\n\n")
	fmt.Fprintf(&b, "  @impl true\n  def init(opts), do: {:ok, %%{items: %%{}, count: 0, opts: opts, last: nil}}\n\n")
	cbs := callbacks{}
	written := strings.Count(b.String(), "\n")
	for i := 0; written < lines-3; i++ {
		cl := g.serverClause(i, "items")
		cbs[cl.callback] = append(cbs[cl.callback], cl.text)
		written += strings.Count(cl.text, "\n")
	}
	cbs.write(&b)
	b.WriteString("end\n")
	return []byte(b.String())
}

type gen struct {
	rng *rand.Rand
	// scale multiplies the clauses of servers and the functions of contexts.
	scale  int
	app    string
	files  []File
	plants []Plant
	lines  int
	n      int
}

var domains = []string{"Accounts", "Billing", "Catalog", "Orders", "Inventory", "Shipping", "Notifications", "Search", "Analytics", "Reports", "Payments", "Sessions", "Media", "Chat", "Audit"}
var nouns = []string{"User", "Invoice", "Product", "Order", "Item", "Shipment", "Message", "Query", "Event", "Report", "Payment", "Session", "Upload", "Room", "Entry"}
var fields = []string{"id", "name", "email", "status", "total", "count", "inserted_at", "updated_at", "owner_id", "kind", "title", "amount"}

func (g *gen) pick(xs []string) string { return xs[g.rng.Intn(len(xs))] }

func (g *gen) add(path, text string) {
	g.files = append(g.files, File{Path: path, Content: []byte(text)})
	g.lines += strings.Count(text, "\n")
}

func (g *gen) plant(path, code, note string) {
	g.plants = append(g.plants, Plant{Path: path, Code: code, Note: note})
}

func build(minLines int, seed int64, scale int) ([]File, []Plant) {
	g := &gen{rng: rand.New(rand.NewSource(seed)), app: "Corpus", scale: scale}
	g.add("mix.exs", "defmodule Corpus.MixProject do\n  use Mix.Project\n\n  def project do\n    [app: :corpus, version: \"0.1.0\", elixir: \"~> 1.14\", deps: []]\n  end\n\n  def application do\n    [mod: {Corpus.Application, []}, extra_applications: [:logger]]\n  end\nend\n")
	var children []string
	for i := 0; g.lines < minLines; i++ {
		g.n = i
		domain := domains[i%len(domains)]
		noun := nouns[(i/len(domains))%len(nouns)]
		base := fmt.Sprintf("%s.%s%d", domain, noun, i)
		dir := fmt.Sprintf("lib/corpus/%s", strings.ToLower(domain))
		switch i % 6 {
		case 0, 1:
			children = append(children, "Corpus."+base+"Server")
			g.server(dir, base, i)
		case 2:
			g.context(dir, base, i)
		case 3:
			children = append(children, "Corpus."+base+"Cache")
			g.cache(dir, base, i)
		case 4:
			children = append(children, "Corpus."+base+"Supervisor")
			g.supervisor(dir, base, i)
		case 5:
			g.worker(dir, base, i)
		}
		// Cycles of synchronous calls across files, a few per corpus.
		if i%97 == 50 {
			g.cycle(i, 2+i%2)
		}
	}
	g.application(children)
	sort.Slice(g.files, func(i, j int) bool { return g.files[i].Path < g.files[j].Path })
	return g.files, g.plants
}

func snake(s string) string {
	var b strings.Builder
	for i, r := range s {
		if r >= 'A' && r <= 'Z' {
			if i > 0 && s[i-1] != '.' {
				b.WriteByte('_')
			}
			r += 'a' - 'A'
		}
		if r == '.' {
			b.WriteByte('_')
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func (g *gen) application(children []string) {
	var b strings.Builder
	b.WriteString("defmodule Corpus.Application do\n  @moduledoc false\n  use Application\n\n  @impl true\n  def start(_type, _args) do\n    children = [\n")
	b.WriteString("      {Registry, keys: :unique, name: Corpus.Registry},\n")
	b.WriteString("      {Task.Supervisor, name: Corpus.TaskSupervisor},\n")
	b.WriteString("      {DynamicSupervisor, name: Corpus.SessionSupervisor, strategy: :one_for_one}")
	for _, c := range children {
		b.WriteString(",\n      " + c)
	}
	b.WriteString("\n    ]\n\n    opts = [strategy: :one_for_one, name: Corpus.Supervisor]\n    Supervisor.start_link(children, opts)\n  end\nend\n")
	g.add("lib/corpus/application.ex", b.String())
}

// clause is one realistic callback clause, with the callback it belongs to (callers keep
// clauses of one callback together as real code does) and the client function that sends
// it its message.
type clause struct{ callback, text, api string }

// serverClause returns one callback clause over state.<field> and its client function.
func (g *gen) serverClause(i int, field string) clause {
	f := g.pick(fields)
	switch g.rng.Intn(5) {
	case 0:
		return clause{"handle_call", fmt.Sprintf("  @impl true\n  def handle_call({:get_%d, key}, _from, state) do\n    case Map.fetch(state.%s, key) do\n      {:ok, value} -> {:reply, {:ok, value}, state}\n      :error -> {:reply, {:error, :not_found}, state}\n    end\n  end\n\n", i, field), fmt.Sprintf("  def get_%d(key), do: GenServer.call(__MODULE__, {:get_%d, key})\n", i, i)}
	case 1:
		return clause{"handle_call", fmt.Sprintf("  def handle_call({:put_%d, key, value}, _from, %%{%s: items} = state) when is_binary(key) do\n    items = Map.put(items, key, %%{value: value, %s: value})\n    {:reply, :ok, %%{state | %s: items, count: state.count + 1}}\n  end\n\n", i, field, f, field), fmt.Sprintf("  def put_%d(key, value), do: GenServer.call(__MODULE__, {:put_%d, key, value})\n", i, i)}
	case 2:
		return clause{"handle_cast", fmt.Sprintf("  @impl true\n  def handle_cast({:touch_%d, key}, state) do\n    items =\n      state.%s\n      |> Map.update(key, %%{}, &Map.put(&1, :%s, System.monotonic_time()))\n\n    {:noreply, %%{state | %s: items}}\n  end\n\n", i, field, f, field), fmt.Sprintf("  def touch_%d(key), do: GenServer.cast(__MODULE__, {:touch_%d, key})\n", i, i)}
	case 3:
		return clause{"handle_info", fmt.Sprintf("  @impl true\n  def handle_info({:expire_%d, key}, state) do\n    Logger.debug(\"expiring #{inspect(key)}\")\n    {:noreply, %%{state | %s: Map.delete(state.%s, key)}}\n  end\n\n", i, field, field), fmt.Sprintf("  def expire_%d(key), do: send(__MODULE__, {:expire_%d, key})\n", i, i)}
	default:
		return clause{"handle_call", fmt.Sprintf("  def handle_call(:stats_%d, _from, state) do\n    stats =\n      with count when count > 0 <- map_size(state.%s),\n           {:ok, avg} <- {:ok, state.count / count} do\n        %%{count: count, avg: avg}\n      else\n        _ -> %%{count: 0, avg: 0}\n      end\n\n    {:reply, stats, state}\n  end\n\n", i, field), fmt.Sprintf("  def stats_%d, do: GenServer.call(__MODULE__, :stats_%d)\n", i, i)}
	}
}

// callbacks collects clauses by callback and writes them grouped.
type callbacks map[string][]string

func (c callbacks) write(b *strings.Builder) {
	for _, name := range []string{"handle_call", "handle_cast", "handle_info"} {
		for _, text := range c[name] {
			b.WriteString(text)
		}
	}
}

func (g *gen) server(dir, base string, i int) {
	mod := "Corpus." + base + "Server"
	path := fmt.Sprintf("%s/%s_server.ex", dir, snake(base[strings.Index(base, ".")+1:]))
	var b strings.Builder
	fmt.Fprintf(&b, "defmodule %s do\n  @moduledoc \"\"\"\n  Keeps the live %s state of %s.\n  \"\"\"\n  use GenServer\n  require Logger\n\n  alias Corpus.Repo\n\n", mod, strings.ToLower(base), base)
	// Planted: a server called by a name it never registers (OTP006), 1 in 30.
	if i%30 == 13 {
		fmt.Fprintf(&b, "  def start_link(opts) do\n    GenServer.start_link(__MODULE__, opts)\n  end\n\n")
		g.plant(path, "OTP006", "started without the name it is called by")
	} else {
		fmt.Fprintf(&b, "  def start_link(opts) do\n    GenServer.start_link(__MODULE__, opts, name: __MODULE__)\n  end\n\n")
	}
	// Planted: unrelated concerns in one state (OTP001), 1 in 36.
	god := i%36 == 18
	clauses := (4 + g.rng.Intn(8)) * g.scale
	// The clauses are drawn first, so that each client function sends a message its clause takes.
	drawn := make([]clause, clauses)
	for c := range drawn {
		drawn[c] = g.serverClause(c, "items")
	}
	for _, cl := range drawn {
		b.WriteString(cl.api)
	}
	b.WriteString("  def flush, do: GenServer.call(__MODULE__, :flush)\n")
	if i%18 == 7 {
		b.WriteString("  def log(line), do: GenServer.cast(__MODULE__, {:log, line})\n")
	}
	if god {
		b.WriteString("  def open_session(id), do: GenServer.cast(__MODULE__, {:open_session, id})\n")
		b.WriteString("\n  @impl true\n  def init(opts) do\n    Process.flag(:trap_exit, true)\n    {:ok, %{items: %{}, count: 0, opts: opts, sessions: %{}, metrics: []}}\n  end\n\n")
		g.plant(path, "OTP001", "items, sessions and metrics in one server")
	} else {
		b.WriteString("\n  @impl true\n  def init(opts) do\n    Process.flag(:trap_exit, true)\n    {:ok, %{items: %{}, count: 0, opts: opts}}\n  end\n\n")
	}
	cbs := callbacks{}
	for _, cl := range drawn {
		cbs[cl.callback] = append(cbs[cl.callback], cl.text)
	}
	cbs["handle_call"] = append(cbs["handle_call"], "  def handle_call(:flush, _from, state) do\n    persist(state.items)\n    {:reply, :ok, state}\n  end\n\n")
	// Planted: a blocking HTTP call in a callback (OTP003), about 1 server in 12.
	if i%12 == 6 {
		cbs["handle_call"] = append(cbs["handle_call"], "  def handle_call({:fetch_remote, id}, _from, state) do\n    case HTTPoison.get(\"https://api.example.com/items/#{id}\") do\n      {:ok, %{status_code: 200, body: body}} -> {:reply, {:ok, body}, state}\n      other -> {:reply, {:error, other}, state}\n    end\n  end\n\n")
		g.plant(path, "OTP003", "HTTPoison.get in handle_call")
	}
	// Planted: a cast to a handler doing file I/O (OTP007), about 1 server in 18.
	if i%18 == 7 {
		cbs["handle_cast"] = append(cbs["handle_cast"], "  def handle_cast({:log, line}, state) do\n    File.write!(\"audit.log\", line <> \"\\n\", [:append])\n    {:noreply, state}\n  end\n\n")
		g.plant(path, "OTP007", "cast to a handler writing a file")
	}
	if god {
		cbs["handle_cast"] = append(cbs["handle_cast"], "  def handle_cast({:open_session, id}, state) do\n    {:noreply, %{state | sessions: Map.put(state.sessions, id, System.system_time())}}\n  end\n\n")
		cbs["handle_info"] = append(cbs["handle_info"], "  def handle_info({:metric, m}, state) do\n    {:noreply, %{state | metrics: Enum.take([m | state.metrics], 100)}}\n  end\n\n")
	}
	cbs.write(&b)
	fmt.Fprintf(&b, "  @impl true\n  def terminate(reason, _state) do\n    Logger.info(\"%s stopping: #{inspect(reason)}\")\n    :ok\n  end\n\n  defp persist(items), do: Repo.insert_all(\"%s\", Map.values(items))\nend\n", mod, snake(base))
	g.add(path, b.String())
}

func (g *gen) context(dir, base string, i int) {
	mod := "Corpus." + base
	path := fmt.Sprintf("%s/%s.ex", dir, snake(base[strings.Index(base, ".")+1:]))
	noun := strings.ToLower(strings.TrimRight(base[strings.Index(base, ".")+1:], "0123456789"))
	var b strings.Builder
	fmt.Fprintf(&b, "defmodule %s do\n  @moduledoc \"\"\"\n  The %s context.\n  \"\"\"\n  alias Corpus.Repo\n  alias Corpus.%sSchema, as: Schema\n\n", mod, noun, base)
	for c := 0; c < (5+g.rng.Intn(6))*g.scale; c++ {
		f := g.pick(fields)
		fmt.Fprintf(&b, "  @doc \"Lists %ss by %s.\"\n  @spec list_by_%s_%d(term()) :: [map()]\n  def list_by_%s_%d(value) do\n    Schema\n    |> Repo.all()\n    |> Enum.filter(&(&1.%s == value))\n    |> Enum.sort_by(& &1.inserted_at, :desc)\n    |> Enum.map(&to_view/1)\n  end\n\n", noun, f, f, c, f, c, f)
	}
	fmt.Fprintf(&b, "  def create(attrs) do\n    with {:ok, params} <- validate(attrs),\n         {:ok, record} <- Repo.insert(struct(Schema, params)) do\n      {:ok, to_view(record)}\n    end\n  end\n\n  defp validate(%%{} = attrs) when map_size(attrs) > 0, do: {:ok, attrs}\n  defp validate(_), do: {:error, :invalid}\n\n  defp to_view(record), do: Map.take(record, [:id, :%s, :%s])\n", g.pick(fields), g.pick(fields))
	// Planted: fire-and-forget process (OTP009), about 1 context in 8.
	if i%8 == 2 {
		b.WriteString("\n  def notify_async(record) do\n    spawn(fn -> Corpus.Mailer.deliver(record) end)\n    :ok\n  end\n")
		g.plant(path, "OTP009", "bare spawn in a context function")
	}
	// Planted: a process started from ordinary code (OTP004), 1 context in 4.
	if i%24 == 14 {
		b.WriteString("\n  def scratch_counter do\n    {:ok, pid} = Agent.start_link(fn -> 0 end)\n    pid\n  end\n")
		g.plant(path, "OTP004", "Agent started from a context function")
	}
	// Correct counterparts that must stay silent.
	b.WriteString("\n  def enrich_all(records) do\n    records\n    |> Enum.map(fn r -> Task.async(fn -> to_view(r) end) end)\n    |> Task.await_many(5_000)\n  end\n\n  def notify_supervised(record) do\n    Task.Supervisor.start_child(Corpus.TaskSupervisor, fn -> Corpus.Mailer.deliver(record) end)\n    :ok\n  end\nend\n")
	g.add(path, b.String())
}

func (g *gen) cache(dir, base string, i int) {
	mod := "Corpus." + base + "Cache"
	table := snake(base) + "_cache"
	path := fmt.Sprintf("%s/%s_cache.ex", dir, snake(base[strings.Index(base, ".")+1:]))
	opts := ":named_table, :protected, read_concurrency: true"
	planted := i%10 == 3
	if planted {
		opts = ":named_table, :public, :set"
		g.plant(path, "OTP010", "public table without concurrency options, never deleted from")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "defmodule %s do\n  @moduledoc \"ETS-backed cache owned by this process.\"\n  use GenServer\n\n  @table :%s\n  @ttl :timer.minutes(5)\n\n  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)\n\n  def get(key) do\n    case :ets.lookup(@table, key) do\n      [{^key, value, expires}] when expires > 0 -> {:ok, value}\n      _ -> :miss\n    end\n  end\n\n", mod, table)
	if planted {
		b.WriteString("  def put(key, value), do: :ets.insert(@table, {key, value, System.monotonic_time() + @ttl})\n\n")
	} else {
		b.WriteString("  def put(key, value), do: GenServer.call(__MODULE__, {:put, key, value})\n\n")
	}
	fmt.Fprintf(&b, "  @impl true\n  def init(_opts) do\n    table = :ets.new(@table, [%s])\n    Process.send_after(self(), :sweep, @ttl)\n    {:ok, %%{table: table}}\n  end\n\n", opts)
	b.WriteString("  @impl true\n  def handle_call({:put, key, value}, _from, state) do\n    :ets.insert(@table, {key, value, System.monotonic_time() + @ttl})\n    {:reply, :ok, state}\n  end\n\n")
	if !planted {
		b.WriteString("  @impl true\n  def handle_info(:sweep, state) do\n    now = System.monotonic_time()\n    :ets.select_delete(@table, [{{:_, :_, :\"$1\"}, [{:<, :\"$1\", now}], [true]}])\n    Process.send_after(self(), :sweep, @ttl)\n    {:noreply, state}\n  end\n")
	} else {
		b.WriteString("  @impl true\n  def handle_info(:sweep, state) do\n    Process.send_after(self(), :sweep, @ttl)\n    {:noreply, state}\n  end\n")
	}
	b.WriteString("end\n")
	g.add(path, b.String())
}

func (g *gen) supervisor(dir, base string, i int) {
	mod := "Corpus." + base + "Supervisor"
	path := fmt.Sprintf("%s/%s_supervisor.ex", dir, snake(base[strings.Index(base, ".")+1:]))
	strategy := ":one_for_one"
	// Planted: instances of one worker restarted together (OTP005), 1 supervisor in 5.
	if i%30 == 4 {
		strategy = ":one_for_all"
		g.plant(path, "OTP005", ":one_for_all over instances of one worker")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "defmodule %s do\n  @moduledoc false\n  use Supervisor\n\n  def start_link(arg), do: Supervisor.start_link(__MODULE__, arg, name: __MODULE__)\n\n  @impl true\n  def init(_arg) do\n    children = [\n", mod)
	n := 2 + g.rng.Intn(3)
	for c := 0; c < n; c++ {
		fmt.Fprintf(&b, "      Supervisor.child_spec({Corpus.%sWorker, [slot: %d]}, id: {:worker, %d})", base, c, c)
		if c < n-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "    ]\n\n    Supervisor.init(children, strategy: %s, max_restarts: 5, max_seconds: 10)\n  end\nend\n", strategy)
	g.add(path, b.String())
	// The workers it supervises.
	var w strings.Builder
	fmt.Fprintf(&w, "defmodule Corpus.%sWorker do\n  @moduledoc false\n  use GenServer\n\n  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)\n\n  @impl true\n  def init(opts) do\n    {:ok, %%{slot: Keyword.fetch!(opts, :slot), jobs: :queue.new(), done: 0}, {:continue, :warm}}\n  end\n\n  @impl true\n  def handle_continue(:warm, state), do: {:noreply, state}\n\n  @impl true\n  def handle_info({:job, job}, state) do\n    {:noreply, %%{state | jobs: :queue.in(job, state.jobs), done: state.done + 1}}\n  end\nend\n", base)
	g.add(fmt.Sprintf("%s/%s_worker.ex", dir, snake(base[strings.Index(base, ".")+1:])), w.String())
}

func (g *gen) worker(dir, base string, i int) {
	// Planted: a GenServer with no state (OTP002), 1 worker in 4.
	if i%24 == 5 {
		g.formatter(dir, base)
		return
	}
	mod := "Corpus." + base + "Agent"
	path := fmt.Sprintf("%s/%s_agent.ex", dir, snake(base[strings.Index(base, ".")+1:]))
	var b strings.Builder
	fmt.Fprintf(&b, "defmodule %s do\n  @moduledoc \"Counters kept in an Agent.\"\n  use Agent\n\n  def start_link(_opts), do: Agent.start_link(fn -> %%{} end, name: __MODULE__)\n\n  def increment(key), do: Agent.update(__MODULE__, &Map.update(&1, key, 1, fn n -> n + 1 end))\n\n  def value(key), do: Agent.get(__MODULE__, &Map.get(&1, key, 0))\n\n  def top(n) do\n    __MODULE__\n    |> Agent.get(& &1)\n    |> Enum.sort_by(fn {_k, v} -> v end, :desc)\n    |> Enum.take(n)\n  end\nend\n", mod)
	g.add(path, b.String())
}

// formatter writes a GenServer that holds no state: plain functions behind a process.
func (g *gen) formatter(dir, base string) {
	mod := "Corpus." + base + "Formatter"
	path := fmt.Sprintf("%s/%s_formatter.ex", dir, snake(base[strings.Index(base, ".")+1:]))
	text := fmt.Sprintf("defmodule %s do\n  @moduledoc \"Formats records for display.\"\n  use GenServer\n\n  def start_link(_opts), do: GenServer.start_link(__MODULE__, nil, name: __MODULE__)\n\n  def title(record), do: GenServer.call(__MODULE__, {:title, record})\n\n  def money(cents), do: GenServer.call(__MODULE__, {:money, cents})\n\n  @impl true\n  def init(nil), do: {:ok, nil}\n\n  @impl true\n  def handle_call({:title, record}, _from, state) do\n    {:reply, String.capitalize(to_string(record.%s)), state}\n  end\n\n  def handle_call({:money, cents}, _from, state) when is_integer(cents) do\n    {:reply, \"#{div(cents, 100)}.#{String.pad_leading(to_string(rem(cents, 100)), 2, \"0\")}\", state}\n  end\nend\n", mod, g.pick(fields))
	g.add(path, text)
	g.plant(path, "OTP002", "stateless formatter server")
}

// cycle writes size GenServers in separate files, each calling the next synchronously
// from a handle_call, the last calling the first: a deadlock waiting to happen (OTP008).
func (g *gen) cycle(i, size int) {
	names := make([]string, size)
	for k := range names {
		names[k] = fmt.Sprintf("Corpus.Flow%d.Stage%d", i, k)
	}
	for k, name := range names {
		next := names[(k+1)%size]
		// The second stage of a three-stage cycle calls the next through its API function.
		call := fmt.Sprintf("GenServer.call(%s, {:process, item})", next)
		if size == 3 && k == 1 {
			call = next + ".process(item)"
		}
		path := fmt.Sprintf("lib/corpus/flow%d/stage%d.ex", i, k)
		text := fmt.Sprintf("defmodule %s do\n  @moduledoc false\n  use GenServer\n\n  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)\n\n  def process(item), do: GenServer.call(__MODULE__, {:process, item})\n\n  @impl true\n  def init(opts), do: {:ok, %%{opts: opts, seen: 0}}\n\n  @impl true\n  def handle_call({:process, item}, _from, state) do\n    result = %s\n    {:reply, result, %%{state | seen: state.seen + 1}}\n  end\nend\n", name, call)
		g.add(path, text)
		g.plant(path, "OTP008", fmt.Sprintf("synchronous call cycle of %d servers", size))
	}
}
