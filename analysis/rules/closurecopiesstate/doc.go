package closurecopiesstate

import "github.com/otpls/otpls/analysis"

var doc = analysis.Doc{
	What: "Flags a function value written in a GenServer callback (`handle_call/3`, `handle_cast/2`, " +
		"`handle_info/2`, `handle_continue/2`, `terminate/2`), or in a same-module helper the callback " +
		"passes its state to (followed 3 calls deep), when the function runs in another process and " +
		"reads fields of the state variable (`state.repo`, `state[:opts]`, `Map.get(state, :x)`, " +
		"`get_in(state, [:x, ...])`) while the state holds other fields it does not read. \"Runs in " +
		"another process\" is what OTP003 leaves out of a callback: a function passed to `Task.*`, " +
		"`Task.Supervisor.*`, `spawn*` or `Agent.*`, to a local helper whose parameter ends up in one, " +
		"bound to a variable that is, or written in a child spec.\n\n" +
		"The state's fields are known from the struct a clause matches its state against " +
		"(`%State{} = state`, the struct defined in the same file), else from init/1: the map or " +
		"struct literal every `{:ok, state}` tail returns (directly or through a variable bound in " +
		"init/1), with a struct's defstruct fields. When neither says (init/1 returns what a function " +
		"builds), nothing is reported: which fields are copied for nothing is not known.\n\n" +
		"It is a Warning when the closure runs once per item of a stream (`Task.async_stream`, " +
		"`Task.Supervisor.async_stream`, `async_stream_nolink`) and a field it does not read holds a " +
		"collection (its value in init/1's literal or the defstruct default is a map, a list, a " +
		"`MapSet`, a queue): the state, with the data the server accumulates, is copied into every " +
		"task. Every other finding is Information: one copy per spawn costs what the state weighs at " +
		"that moment, times how often the handler runs, and the code shows neither. On real servers " +
		"(a debugger launching the debuggee, a TCP server spawning its acceptor once, an indexer " +
		"starting a reindex) these were single spawns at rare events, copying a state that held " +
		"little then: true, cheap to fix, and nothing a maintainer would act on as a warning. A copy " +
		"whose other fields are all scalars or of unknown size (a pid, a port, the start options) is " +
		"a few words.\n\n" +
		"Not flagged: a closure that reads every field; one that uses the state as a whole (passes " +
		"`state` on, even to a helper that reads one field, or builds `%{state | ...}`): every field " +
		"may be needed; fields bound to variables before the closure, or matched in the clause's head " +
		"(`%{repo: repo} = state`), which capture only those values; a function that runs in the " +
		"server itself (`Enum.map(xs, fn x -> state.f end)`); a closure that binds a variable named " +
		"like the state (an `Agent.update(a, fn state -> ... end)` parameter is the agent's state).",
	Why: "A closure captures the variables it mentions, and `state.repo` mentions `state`: the whole " +
		"state goes with the closure. Sending a function to another process (spawning it, starting a " +
		"task, handing it to an agent) copies everything it captured into that process's heap, since " +
		"processes share no memory (large binaries are the exception, shared by reference). A server " +
		"whose state holds a cache, a buffer or a table of clients copies all of it at every spawn, " +
		"once per item for `Task.async_stream`, when the work needed one field. Elixir's own `Task` " +
		"documentation warns about exactly this.",
	Example: `defmodule Indexer do
  use GenServer

  def init(repo), do: {:ok, %{repo: repo, cache: %{}, buffer: []}}

  def handle_cast({:reindex, ids}, state) do
    ids
    |> Task.async_stream(fn id -> Search.rebuild(state.repo, id) end)
    |> Stream.run()

    {:noreply, state}
  end
end`,
	UseInstead: `defmodule Indexer do
  use GenServer

  def init(repo), do: {:ok, %{repo: repo, cache: %{}, buffer: []}}

  def handle_cast({:reindex, ids}, state) do
    repo = state.repo

    ids
    |> Task.async_stream(fn id -> Search.rebuild(repo, id) end)
    |> Stream.run()

    {:noreply, state}
  end
end`,
	Options: "None.",
	FixSafety: "Safe. Each field the closure reads is bound to a variable of its name on a line of its " +
		"own before the statement holding the closure (`repo = state.repo`, a blank line after the " +
		"bindings when that statement spans several lines, as mix format lays it out), and the closure " +
		"reads the variable. The state is immutable, so the closure sees the same value; the field is " +
		"known to exist (a struct's field, or a key init/1 sets), so reading it in the server cannot " +
		"raise where it would have raised in the new process. Not offered where that cannot be kept: a " +
		"read through a call (`Map.get(state, :f, default)`), a field init/1 does not set, " +
		"`state[:f]` on a struct (structs have no Access), a field whose name cannot name a variable " +
		"(`state.ready?`, `state._x`, `state.end`) or names a variable or function the clause already " +
		"uses, a `for` or `with` between the statement and the closure (their generators bind names " +
		"before it), or a statement that shares its line with code before it.",
}
