package bootorder

import "github.com/otpls/otpls/analysis"

var doc = analysis.Doc{
	What: "Checks the order of static children lists (the literal list given to " +
		"`Supervisor.start_link/2` or `Supervisor.init/2`, written in place or bound to a " +
		"variable, in an Application's `start/2` or a supervisor) against what each child " +
		"needs while it starts. A supervisor starts its children one at a time, in list order, " +
		"and each child's start returns before the next one begins; so what a child does while " +
		"it starts can only use the siblings before it. Flagged:\n\n" +
		"- (Error) code that runs while a child starts (its `init/1`, for a GenServer, " +
		"`:gen_statem`, GenStage or supervisor, and its `start_link/1`, with the same-module " +
		"functions they call, three deep, and the public functions of other workspace modules " +
		"they call, one module deep: `Settings.fetch/1` making the `GenServer.call(__MODULE__, " +
		"...)`) and that needs a sibling the list starts later: a synchronous call to its " +
		"registered name (`GenServer.call`, `:gen_server.call`, `:gen_statem.call`, " +
		"`Agent.get/update`, `GenServer.stop`, `Task.Supervisor.*`, `DynamicSupervisor.start_child`, " +
		"`Supervisor.which_children`...), a `Process.send/3` to it (or a `send/2`, in the child's " +
		"own module), a `Registry` " +
		"operation on a registry or `Phoenix.PubSub` function on a PubSub it names, or an `:ets` " +
		"operation on a named table its module creates while it starts. The call exits with " +
		"`:noproc`, the others raise ArgumentError; the child's start fails, so the supervisor " +
		"fails to start (`{:shutdown, {:failed_to_start_child, ...}}`), and with it the " +
		"application.\n" +
		"- (Warning) the same in the `handle_continue/2` clauses the child's `init/1` continues " +
		"with (`{:ok, state, {:continue, tag}}`). A continuation runs after the child's start " +
		"has returned, while the supervisor goes on starting the next children: it races the " +
		"sibling's start. It loses in practice (the continuation runs at once), so the child " +
		"crashes at boot and is restarted; but the boot goes on, so this is not reported as an " +
		"Error.\n\n" +
		"What a later sibling provides: the `name:` of its entry (`{Registry, keys: :unique, " +
		"name: MyApp.Registry}`), the names its module registers in its start functions " +
		"(`name: __MODULE__`, a literal module or atom; not `name: @name`), the named ETS tables " +
		"its start creates, and, for a supervisor " +
		"with a static children list, all of that for its own children (three deep): a " +
		"supervisor starts its whole subtree before its parent starts the next entry. The " +
		"finding is reported at the use (in the child's file, inside the helper when it is " +
		"reached through one), with the later sibling's entry and the dependent child's entry " +
		"as related information; the message names the supervisor a nested provider is under. It " +
		"reads the workspace index, so it follows edits of either file.\n\n" +
		"Not flagged:\n\n" +
		"- a name started earlier in the list, or by nobody in it (it may be started by a parent " +
		"supervisor or another application, before this one);\n" +
		"- `GenServer.cast` and `Process.send_after`: a cast to a name nobody registered is " +
		"dropped silently and does not fail the boot (the message is lost, which is another " +
		"matter);\n" +
		"- a use in a block with a `rescue` or `catch` clause, or reached through a helper call " +
		"that is, or on a path through a function that looks a name up (`Process.whereis`, " +
		"`GenServer.whereis`, `:ets.whereis`, `:ets.info`): the code is prepared for the process " +
		"not being there. A table created behind such a lookup is not counted as created by " +
		"that sibling (someone else may have made it first);\n" +
		"- work handed to another process (`Task.start`, `spawn`): it does not hold up the start;\n" +
		"- lists built at run time (`[A] ++ extra_children()`, `children()` returned by a " +
		"function, a list chosen by an `if`): the order cannot be read. Lists in test files " +
		"(a test's own supervisor) are not the application's boot and are left alone;\n" +
		"- a `{:via, Registry, ...}` name: the registry it goes through is not resolved.\n\n" +
		"On real code (16 open-source projects) it reports nothing: a boot-order mistake " +
		"fails the first boot and is fixed before it is committed, and most real Application " +
		"lists are assembled at run time (`[...] ++ optional_children()`), which the rule does " +
		"not read. It is meant for the edit that introduces the mistake. A `rescue` or `catch` " +
		"inside another module's API function is not seen (the index does not record it); " +
		"such a guard around a boot-time call would make a finding wrong.",
	Why: "The supervisor does not wait for a later sibling: it has not started it yet. The " +
		"`GenServer.call` in the first child's `init/1` finds no process under the name and " +
		"exits with `:noproc`; that exit fails the child's start, the supervisor stops the " +
		"children it already started and returns `{:error, {:shutdown, {:failed_to_start_child, " +
		"...}}}`, and the application does not start. Nothing about the code looks wrong in " +
		"either file: the order in one file and the call in the other only fail together.",
	Example: `defmodule Shop.Application do
  use Application

  def start(_type, _args) do
    children = [
      Shop.Cart,
      Shop.Prices
    ]

    Supervisor.start_link(children, strategy: :one_for_one)
  end
end

defmodule Shop.Cart do
  use GenServer

  def start_link(_), do: GenServer.start_link(__MODULE__, :ok, name: __MODULE__)

  def init(:ok) do
    prices = GenServer.call(Shop.Prices, :all)
    {:ok, %{prices: prices, items: []}}
  end
end

defmodule Shop.Prices do
  use GenServer

  def start_link(_), do: GenServer.start_link(__MODULE__, %{}, name: __MODULE__)

  def init(prices), do: {:ok, prices}
  def handle_call(:all, _from, prices), do: {:reply, prices, prices}
end`,
	UseInstead: `defmodule Shop.Application do
  use Application

  def start(_type, _args) do
    children = [
      Shop.Prices,
      Shop.Cart
    ]

    Supervisor.start_link(children, strategy: :one_for_one)
  end
end`,
	Options: "None.",
	FixSafety: "Unsafe (it also changes shutdown order and `:rest_for_one` coupling): the fix " +
		"moves the needed sibling's entry just above the dependent child's entry in the " +
		"supervisor's file, keeping each entry's text byte for byte (with the comment lines " +
		"just above it), in a one-line list (`[A, B]`) or a list with one entry per line (the " +
		"comma moves when the last entry moves). Children stop in the reverse of the start " +
		"order, and under `:rest_for_one` a crash restarts the children after the failed one, " +
		"so moving an entry changes both; it is offered as a quick fix and applied only by " +
		"`otpls fix --unsafe`. No fix when the moved sibling itself needs, while it starts, an " +
		"entry it would now start before (the move would break that one instead), or when the " +
		"entries share lines in another layout.",
}
