package messagecontract

import "github.com/otpls/otpls/analysis"

var doc = analysis.Doc{
	What: "Flags a `GenServer.call(target, msg)` or `GenServer.cast(target, msg)` (`:gen_server`'s " +
		"alike) whose target is a GenServer module of the workspace and whose message no clause of " +
		"that module's `handle_call/3` (for a call) or `handle_cast/2` (for a cast) can match. The " +
		"target is known when it is the module itself (its name, an alias of it, `__MODULE__`) or an " +
		"name exactly one module of the workspace registers (`name: :cache` in its start, or " +
		"`name: MyApp.Names.Cache` when no module has that name); the " +
		"message is known when it is an atom or a tuple with a literal atom tag, and a clause can " +
		"match it when its request pattern has the same tag and size, or is not such a literal (a " +
		"variable, a map, a pin: a catch-all for this rule). When the other kind of handler takes the " +
		"message, the finding says so: a cast to a call-only handler, or the reverse. A server that defines " +
		"no clause of that callback at all crashes too (`use GenServer`'s injected default raises, " +
		"and with only `@behaviour GenServer` there is no function to call). The handlers " +
		"are read from the server's file as it is now: editing either file updates the finding.\n\n" +
		"Deliberately not flagged, because the rule cannot know what the server accepts: targets " +
		"that are pids, variables, `{:via, ...}`/`{:global, ...}` names or names two modules " +
		"register; messages built at run time; a server whose clauses may come from code the rule cannot read: a `use` of any " +
		"module besides `GenServer` (its `__using__` may define handlers), `@before_compile`, a " +
		"`defdelegate` or a macro or `for` comprehension that mentions a handler. A clause with a " +
		"guard counts as matching its shape (the guard may pass).",
	Why: "A message no clause matches crashes the server with `FunctionClauseError` when it " +
		"arrives; the server restarts with a fresh state (or, after enough of them, takes its " +
		"supervisor down), and a caller of `GenServer.call` exits with the server's crash. A cast " +
		"sent to a server that only answers it as a call (or the reverse) is the common form: the " +
		"API was changed on one side only.",
	Example: `defmodule Counter do
  use GenServer

  def start_link(_), do: GenServer.start_link(__MODULE__, 0, name: __MODULE__)
  def reset, do: GenServer.cast(__MODULE__, :reset)

  @impl true
  def init(n), do: {:ok, n}

  @impl true
  def handle_call(:reset, _from, _n), do: {:reply, :ok, 0}
end`,
	UseInstead: `defmodule Counter do
  use GenServer

  def start_link(_), do: GenServer.start_link(__MODULE__, 0, name: __MODULE__)
  def reset, do: GenServer.call(__MODULE__, :reset)

  @impl true
  def init(n), do: {:ok, n}

  @impl true
  def handle_call(:reset, _from, _n), do: {:reply, :ok, 0}
end`,
	Options: "None.",
	FixSafety: "When the other kind of handler takes the message, an unsafe fix switches the send " +
		"between `GenServer.cast` and `GenServer.call`, offered only where the send's value is " +
		"thrown away (a call returns the reply, a cast `:ok`) and a call has no timeout argument. " +
		"It is unsafe because it changes concurrency: a call makes the sender wait for the reply " +
		"(and exit if none comes in 5 seconds), a cast no longer waits. Otherwise there is no fix: " +
		"whether to add a clause or change the message is the author's decision.",
}
