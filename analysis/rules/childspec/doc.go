package childspec

import "github.com/otpls/otpls/analysis"

var doc = analysis.Doc{
	What: "Three child-spec and registration mistakes:\n\n" +
		"- (Error) a GenServer calls itself by name (`GenServer.call(__MODULE__, ...)`, `cast`, " +
		"`:gen_server.call`) but the `start_link`/`start` it defines registers no name, so every such " +
		"call exits with `:noproc` (and every such cast returns `:ok` while its message is lost). A module without a start function, or whose start function passes " +
		"caller-supplied options through (`GenServer.start_link(__MODULE__, arg, opts)`), is not flagged: " +
		"the name may come from the caller. Options bound once in the start function to a literal list " +
		"(`opts = [timeout: 5_000]` before the call) are read as that list; options built up in steps " +
		"(bound twice, merged) are not read and not flagged.\n" +
		"- (Error) one supervisor's children list has two children whose ids are known to be equal: the " +
		"supervisor fails with `{:duplicate_child_name, id}`. The id is what the child spec makes it: an " +
		"explicit `Supervisor.child_spec(..., id: x)` or map `id:`; the `:name` option for " +
		"`DynamicSupervisor`, `Task.Supervisor`, `Registry` and `PartitionSupervisor` (the module when " +
		"there is none); the module for a workspace module with the default `child_spec/1` (an `id:` in its " +
		"argument is ignored). Not flagged: names that cannot be read (`name: {:global, n}`, `{Mod, opts}`), " +
		"and two children of a module whose own (or unknown) `child_spec/1` may derive the id from its " +
		"argument, unless they are written alike.\n" +
		"- (Warning) `restart: :temporary` (in `use GenServer, ...` or a hand-written `child_spec/1`) on a " +
		"GenServer that is a literal child of a children list outside test files, that nothing in the " +
		"workspace may start dynamically, and that never stops itself on purpose: after a crash its " +
		"supervisor does not restart it.\n\n" +
		"Deliberately not reported for `:temporary`, because real code showed each to be intended: a " +
		"server that is not a literal child of a children list (per-session and per-channel servers are " +
		"started by frameworks and wrappers, in ways not always visible); one started dynamically, found " +
		"through `DynamicSupervisor.start_child`/`Supervisor.start_child`/`start_supervised` naming it, a " +
		"spec bound to a variable or module attribute first, or its spec (`{Mod, arg}`, `Mod.child_spec(arg)`) " +
		"handed to a function of a module that starts specs it is given; one that returns `{:stop, :normal " +
		"| :shutdown | {:shutdown, _}, ...}` anywhere (it ends itself, and a restart would undo that); and a " +
		"one-shot step whose `init/1` returns only `:ignore` (there is never a process to restart).",
	Why: "A server started without the name it is called by is unreachable: `GenServer.call(__MODULE__, ...)` " +
		"exits with `:noproc` on every call, from the first request on, and casts vanish. Two children with the same id stop the " +
		"whole supervisor (and the application) from starting. A `:temporary` static child that crashes " +
		"stays down while the rest of the tree keeps running without it.",
	Example: `defmodule WorkerPool do
  use GenServer

  def start_link(opts) do
    GenServer.start_link(__MODULE__, opts)
  end

  def checkout, do: GenServer.call(__MODULE__, :checkout)

  def child_spec(opts) do
    %{
      id: WorkerPool,
      start: {WorkerPool, :start_link, [opts]},
      restart: :temporary,
      type: :worker
    }
  end

  def init(opts), do: {:ok, %{workers: [], max: Keyword.get(opts, :max, 10)}}

  def handle_call(:checkout, _from, state), do: {:reply, :ok, state}
end

defmodule MyApp.Supervisor do
  use Supervisor

  def start_link(arg), do: Supervisor.start_link(__MODULE__, arg, name: __MODULE__)

  def init(_arg), do: Supervisor.init([{WorkerPool, max: 5}], strategy: :one_for_one)
end`,
	UseInstead: `defmodule WorkerPool do
  use GenServer

  def start_link(opts) do
    name = Keyword.get(opts, :name, __MODULE__)
    GenServer.start_link(__MODULE__, opts, name: name)
  end

  def checkout, do: GenServer.call(__MODULE__, :checkout)

  def child_spec(opts) do
    %{
      id: Keyword.get(opts, :id, __MODULE__),
      start: {__MODULE__, :start_link, [opts]},
      restart: :permanent,
      shutdown: 5000,
      type: :worker
    }
  end

  def init(opts), do: {:ok, %{workers: [], max: Keyword.get(opts, :max, 10)}}

  def handle_call(:checkout, _from, state), do: {:reply, :ok, state}
end`,
	Options: "None.",
	FixSafety: "Unregistered name (safe: today every such call fails): `name: __MODULE__` is added to each start " +
		"call's options (a new options argument, or appended to a literal keyword list; " +
		"`{:local, __MODULE__}` first for `:gen_server.start_link/3`), laid out as `mix format` would: a " +
		"one-line call pushed past 98 columns moves a keyword `do:` (or the right side of `x =`) to its own " +
		"line, then its options one per line, then every argument; in a call or list over several lines the name goes on a " +
		"line of its own, after a trailing comma and before a comment ending the last line; not offered " +
		"for piped calls, calls without parentheses, a one-line call the name would push past 98 columns " +
		"that shares its line with other code (`with {:ok, pid} <- ...`, code or a comment after it: the " +
		"formatter's layout depends on that code), or options built at run time (`opts` from the " +
		"caller or built up in steps: the name may be among them); options bound once to a literal " +
		"list get the name in that list. Duplicate children (safe: today " +
		"the supervisor cannot start): the later ones are wrapped in " +
		"`Supervisor.child_spec(child, id: :worker_2)` with ids unique in the list; a one-line " +
		"`children = [...]` pushed past 98 columns is broken one child a line, and a wrapped child too " +
		"long for its line breaks before `id:`; not offered for map " +
		"specs or children already wrapped, whose id is edited by hand, nor when the id is a registered " +
		"`:name` (another id would only fail with `{:already_started, _}`: give it another name), nor " +
		"for a child written over several lines or a one-line list inside the supervisor call that the " +
		"wrap would push past 98 columns (the formatter would re-lay the whole call: edit it by hand). " +
		"`:temporary` (unsafe: it changes restart behaviour) becomes `:permanent`, or `:transient` when " +
		"the server may stop itself with a reason known only at run time (`{:stop, reason, state}`): a " +
		"normal stop is then not restarted, a crash is. Only the `:temporary` atom is replaced.",
}
