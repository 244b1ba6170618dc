package childspec

import "github.com/otpls/otpls/analysis"

var doc = analysis.Doc{
	What: "Three child-spec and registration mistakes that fail at run time:\n\n" +
		"- (Error) a GenServer calls itself by name (`GenServer.call(__MODULE__, ...)`, `cast`, " +
		"`:gen_server.call`) but the `start_link`/`start` it defines registers no name, so every such " +
		"call exits with `:noproc` (and every such cast returns `:ok` while its message is lost). A module without a start function, or whose start function passes " +
		"caller-supplied options through (`GenServer.start_link(__MODULE__, arg, opts)`), is not flagged: " +
		"the name may come from the caller.\n" +
		"- (Error) one supervisor's children list names the same module twice without distinct ids " +
		"(an `id:` in the child's argument only counts when the module defines its own `child_spec/1`): " +
		"the supervisor fails with `{:duplicate_child_name, id}`.\n" +
		"- (Warning) `restart: :temporary` (in `use GenServer, ...` or a hand-written `child_spec/1`) on a " +
		"GenServer that nothing in the workspace starts dynamically (`DynamicSupervisor.start_child` or " +
		"`Supervisor.start_child` naming it): as a static child it is never restarted.",
	Why: "A server started without the name it is called by is unreachable: `GenServer.call(__MODULE__, ...)` " +
		"exits with `:noproc` on every call, from the first request on, and casts vanish. Two children with the same id stop the " +
		"whole supervisor (and the application) from starting. A `:temporary` static child that crashes " +
		"stays down silently while the rest of the tree keeps running without it.",
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
	FixSafety: "All three fixes are safe. Unregistered name: `name: __MODULE__` is added to each start " +
		"call's options (a new options argument, or appended to a literal keyword list; " +
		"`{:local, __MODULE__}` first for `:gen_server.start_link/3`); not offered for piped calls or " +
		"options built at run time. Duplicate children: the later ones are wrapped in " +
		"`Supervisor.child_spec(child, id: :worker_2)` with ids unique in the list; not offered for map " +
		"specs or children already wrapped, whose id is edited by hand. `:temporary` becomes `:permanent`, " +
		"or `:transient` when the server stops itself with `{:stop, :normal, ...}` (a normal stop is then " +
		"not restarted, a crash is).",
}
