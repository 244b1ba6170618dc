package callbacksignature

import "github.com/otpls/otpls/analysis"

var doc = analysis.Doc{
	What: "In a GenServer module (`use GenServer`, `@behaviour GenServer` or `@behaviour " +
		":gen_server`), a callback GenServer will never call, or one it needs and cannot find:\n\n" +
		"- a function named like a callback with another arity while the right arity is not " +
		"defined (`handle_call/2`, `handle_cast/3`, `handle_info/3`, `init/0`, `init/2`, " +
		"`handle_continue/1`, `terminate/1`, `code_change/2`; default arguments count, so " +
		"`init(opts, extra \\\\ [])` defines init/1). Error for `handle_call` and `handle_cast` " +
		"when the workspace sends the server that kind of message (`GenServer.call`/`cast` or " +
		"`:gen_server.call`/`cast` naming the module or a name it registers, or a cast to " +
		"`self()` from one of its callbacks): `use GenServer`'s default raises on the first one " +
		"(without `use`, the call is an UndefinedFunctionError). Warning otherwise, and for the " +
		"other callbacks: the default `handle_info/2` logs and drops the message, the injected " +
		"`init/1` makes the start argument the state, and the function written silently never " +
		"runs.\n" +
		"- (Error) a callback returns `{:continue, term}` (`{:ok, state, {:continue, t}}`, " +
		"`{:noreply, state, {:continue, t}}`, `{:reply, r, state, {:continue, t}}`, as a literal " +
		"tail) while the module defines no `handle_continue/2`: GenServer calls it right after " +
		"the callback returns and the server crashes with UndefinedFunctionError.\n" +
		"- (Warning) a function whose name is one or two edits from a callback of its arity " +
		"(`handle_infos/2`, `hande_call/3`, `handle_cal/3`, a swap of two letters counting as " +
		"one) while that callback is not defined.\n\n" +
		"Deliberately not reported, because real code has these on purpose:\n\n" +
		"- a function the module refers to (a local call, a capture `&handle_call/2`, an atom " +
		"`:handle_call` for `apply`), that another module calls, or that calls GenServer itself " +
		"(`def terminate(pid), do: GenServer.stop(pid)` is a client function, not a callback): " +
		"it is a helper or an API that happens to share the name;\n" +
		"- wrong arities and misspellings in a module with another behaviour besides GenServer " +
		"(its callbacks may be the ones meant), and the whole module when what it defines is " +
		"not all written in it: another module's `use` or an `@before_compile` hook may inject " +
		"functions, and `def unquote(name)(...)` defines one whose name is computed (a " +
		"`defdelegate`, and a definition inside module-level `for` or `if`, count as " +
		"defined);\n" +
		"- near-misses of `init/1` (a four-letter name is one or two letters from many words: " +
		"`exit/1`, `edit/1`, `unit/1`);\n" +
		"- modules of behaviours with callbacks of the same names (`GenStage`, " +
		"`Phoenix.Channel`, `Phoenix.LiveView`, `:gen_statem`);\n" +
		"- a missing `@impl` (the compiler and Credo report it).",
	Why: "GenServer calls its callbacks by name and arity. A `handle_call/2` is never called: " +
		"calls reach the default `handle_call/3` that `use GenServer` injects, which raises " +
		"\"attempted to call GenServer ... but no handle_call/3 clause was provided\" and crashes " +
		"the server. A misspelt `handle_info` leaves the default one in charge, which logs and " +
		"drops every message: the handler written for them silently never runs. A " +
		"`{:continue, term}` return without `handle_continue/2` crashes the server right after " +
		"it started or answered. The compiler warns only when the module marks the function with " +
		"`@impl true`.",
	Example: `defmodule Sessions do
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)
  def lookup(id), do: GenServer.call(__MODULE__, {:lookup, id})

  def init(opts), do: {:ok, Map.new(opts)}

  def handle_call({:lookup, id}, sessions) do
    {:reply, Map.get(sessions, id), sessions}
  end
end`,
	UseInstead: `defmodule Sessions do
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)
  def lookup(id), do: GenServer.call(__MODULE__, {:lookup, id})

  def init(opts), do: {:ok, Map.new(opts)}

  def handle_call({:lookup, id}, _from, sessions) do
    {:reply, Map.get(sessions, id), sessions}
  end
end`,
	Options: "None.",
	FixSafety: "Safe: `handle_call/2` gets the missing from parameter second in every clause " +
		"(`handle_call(request, _from, state)`), unless a parameter's name already mentions a " +
		"from; a misspelt `handle_call`, `handle_cast` or `handle_continue` is renamed (every " +
		"clause). Both are safe because what would reach them crashes the server today. " +
		"Renaming a misspelt `handle_info`, `terminate` or `code_change` is unsafe (it changes " +
		"what the server does: messages logged and dropped today are handled; terminate runs " +
		"at shutdown), and says so. Other wrong arities have no fix: which parameter to add or " +
		"drop is not clear. Unsafe: for a `{:continue, term}` without `handle_continue/2`, a stub " +
		"`handle_continue/2` that keeps the state is added after the callback (a clause for each " +
		"continue atom, or one taking any term), with `@impl true` when the module uses `@impl`: " +
		"the server no longer crashes there, but the stub does none of the work the continue was " +
		"meant for. No stub when a misspelt or wrong-arity handle_continue exists: its own fix is " +
		"the one to apply.",
}
