package dynamicprocessname

import "github.com/otpls/otpls/analysis"

var doc = analysis.Doc{
	What: "Flags a process name made from runtime data, in name positions only: the `name:` option " +
		"of a start (`start`, `start_link`, `*_start_link`, `start_child`, `child_spec`) or of a child " +
		"spec tuple (`{Mod, name: x}`), the `{:local | :global, x}` first argument of the Erlang " +
		"behaviours' starts, `name: {:global, x}`, and the name of `Process.register/2` and " +
		"`:erlang.register/2`. A name is made from runtime data when it is:\n\n" +
		"- a conversion of a value that is not a constant: `String.to_atom/1`, `List.to_atom/1`, " +
		"`:erlang.binary_to_atom/1,2`, `:erlang.list_to_atom/1` (Warning);\n" +
		"- an interpolated atom (`:\"worker_#{id}\"`) or `Module.concat/1,2` with a part that is not a " +
		"constant (Information, see below);\n" +
		"- either of those reached through a variable bound to it earlier in the function, or a local " +
		"function that returns it (`name: name(id)`, one level deep). The message names it, and the " +
		"place the atom is made is a related location.\n\n" +
		"Constants are literals, `__MODULE__`, module attributes, reads of the configuration " +
		"(`Application.get_env/fetch_env!/compile_env`, `System.get_env/fetch_env!`) and of the node's " +
		"name (`node()`), and lists, tuples and `<>` of those: `:\"#{@prefix}_main\"`, " +
		"`Module.concat(__MODULE__, \"Spare\")` and `String.to_atom(System.get_env(\"NAME\"))` make one " +
		"atom for the node's life, however often they run.\n\n" +
		"Interpolated atoms and `Module.concat` are reported as Information: on real code they almost " +
		"always derive a name from another name or a module (`:\"#{name}_supervisor\"` for a " +
		"supervisor named by its caller, `Module.concat(endpoint, \"Config\")`, a project or a car of " +
		"a small fixed set), a set that does not grow with traffic, and nothing in the code tells " +
		"those from per-request data. An explicit conversion of a string is how outside data (an id, " +
		"a user name, a header) becomes an atom, and is a Warning.\n\n" +
		"It deliberately does not flag: literal atoms, `__MODULE__` and module names, " +
		"`String.to_existing_atom` (it makes no atom), `{:via, ...}` names and `{:global, term}` with a " +
		"term that is not a made atom (they take any term), atoms made from data outside name " +
		"positions (that is another rule's business), and test files, as for every design rule.",
	Why: "Atoms are never garbage collected, and the atom table has a fixed size (1,048,576 by " +
		"default). A process named `:\"worker_#{id}\"` per user, tenant or request adds an atom for " +
		"each one that never goes away, even after the process stops, until the table is full and " +
		"the whole VM stops. A Registry (`{:via, Registry, {MyApp.Registry, key}}`) takes any term as " +
		"key, and its entries go away with the process.",
	Example: `defmodule Arcade.Table do
  use GenServer

  def start_link(table_id) do
    GenServer.start_link(__MODULE__, table_id, name: String.to_atom("table_" <> table_id))
  end

  def init(table_id), do: {:ok, table_id}
end`,
	UseInstead: `defmodule Arcade.Table do
  use GenServer

  def start_link(table_id) do
    GenServer.start_link(__MODULE__, table_id,
      name: {:via, Registry, {Arcade.Registry, "table_" <> table_id}}
    )
  end

  def init(table_id), do: {:ok, table_id}
end

# and in Arcade.Application's children, first:
#   {Registry, keys: :unique, name: Arcade.Registry}`,
	Options: "None.",
	FixSafety: "Warning findings only (a hint carries no fix). The fix replaces the conversion with " +
		"`{:via, Registry, {Reg, key}}`, key being the converted data (`String.to_atom(\"t_\" <> id)` " +
		"becomes `{:via, Registry, {Reg, \"t_\" <> id}}`: two names are equal exactly when their keys " +
		"are). `Reg` is a `{Registry, keys: :unique, name: X}` child of the file's own Mix project " +
		"(the Application's first; a registry with duplicate keys cannot name processes), else " +
		"`<Root>.Registry`, added first to the project's Application children in the same fix; no " +
		"fix when neither can be named (no Application, or the name is taken).\n\n" +
		"Every use of the name in the file must take a via name, or the fix would break it: the name " +
		"goes through a private helper whose every call is a start's `name:` or the first argument of " +
		"`GenServer.call/cast/stop/whereis`, `Agent.*`, `:gen_server`/`:gen_statem`/`GenStage` " +
		"call/cast/stop, or the `Supervisor`/`DynamicSupervisor`/`Task.Supervisor` functions that take a " +
		"supervisor; or through a variable whose later uses are all such places; or the conversion is " +
		"written inline, and each place the file writes it the same way is such a place (all are " +
		"rewritten). No fix when a use is anything else (`send/2`, `Process.whereis/1`, a log line, a " +
		"public helper other files may call), when the file addresses a process by another converted " +
		"atom (the same name may be built another way there), in `Process.register/2` or a " +
		"`{:global, _}` name, or when the rewritten line would pass 98 columns. It is unsafe: code in " +
		"other files that builds the same atom to reach the process no longer finds it, and the name " +
		"is a tuple where an atom was.",
}
