package blockingcallback

import "github.com/otpls/otpls/analysis"

var doc = analysis.Doc{
	What: "Flags calls that can block for an unbounded time inside a GenServer callback (`init/1`, " +
		"`handle_call/3`, `handle_cast/2`, `handle_info/2`, `handle_continue/2`, `terminate/2`) or in a " +
		"same-module function the callback reaches (followed up to 3 calls deep): HTTP clients " +
		"(`HTTPoison`, `Req`, `Tesla`, `Finch.request/stream`, `:httpc.request`, `:hackney.request`, " +
		"`Mint.HTTP`), `:gen_tcp`/`:ssl` `connect`/`recv`, `Process.sleep`, `:timer.sleep`, `System.cmd`, " +
		"`System.shell`, `:os.cmd`, `Task.await`, `Task.await_many`, `Task.yield_many`, and a `receive` " +
		"without `after` in a callback. Work inside a function handed to `Task`, `Task.Supervisor` or " +
		"`spawn` runs in another process and is not flagged.",
	Why: "A GenServer handles one message at a time. While a callback waits on the network, a " +
		"sleep or another process, every other caller queues behind it: their `GenServer.call`s time " +
		"out after 5 seconds, callers crash, and one slow dependency takes the whole server, and " +
		"everything that calls it, down with it.",
	Example: `defmodule ApiClient do
  use GenServer

  def init(state), do: {:ok, state}

  def handle_call({:fetch_user, user_id}, _from, state) do
    case HTTPoison.get("https://api.example.com/users/#{user_id}") do
      {:ok, %{status_code: 200, body: body}} -> {:reply, {:ok, body}, state}
      {:error, reason} -> {:reply, {:error, reason}, state}
    end
  end
end`,
	UseInstead: `defmodule ApiClient do
  use GenServer

  def init(state), do: {:ok, state}

  def handle_call({:fetch_user, user_id}, from, state) do
    Task.Supervisor.start_child(MyApp.TaskSupervisor, fn ->
      reply =
        case HTTPoison.get("https://api.example.com/users/#{user_id}") do
          {:ok, %{status_code: 200, body: body}} -> {:ok, body}
          {:error, reason} -> {:error, reason}
        end

      GenServer.reply(from, reply)
    end)

    {:noreply, state}
  end
end`,
	Options: "- `extra`: more calls to treat as blocking, as `\"Module.fun\"` or `\"Module.fun/arity\"` " +
		"(e.g. `[\"MyApp.Http.get\"]`).\n- `ignore`: calls (or whole modules) not to treat as blocking.",
	FixSafety: "Offered for `handle_call/3`, `handle_cast/2` and `handle_info/2` clauses whose every " +
		"tail returns the incoming state unchanged: the work moves into " +
		"`Task.Supervisor.start_child(Sup, fn -> ... end)` and the clause returns `{:noreply, state}`; " +
		"for a call, `_from` becomes `from` and each `{:reply, x, state}` tail becomes " +
		"`GenServer.reply(from, x)`. State fields the work reads are bound before the closure so the " +
		"task does not copy the whole state. It is safe: callers get the same replies, and the server " +
		"keeps serving while they wait. `Sup` is found as for OTP009 (config `task_supervisor`, a " +
		"`{Task.Supervisor, name: X}` child, or a new `<Root>.TaskSupervisor` child added to the " +
		"Application). No fix when the state changes, when the body uses the state as a whole, for " +
		"`terminate/2`, or when no Task.Supervisor can be named.\n\n" +
		"For `init/1` an unsafe fix moves the start-up work into `handle_continue(:init, arg)`: `init` " +
		"returns `{:ok, arg, {:continue, :init}}` at once, and the old body runs as the server's first " +
		"step with its `{:ok, s}` tails returning `{:noreply, s}` and `{:stop, r}` `{:stop, r, arg}`. " +
		"Unsafe because a failure of that work now crashes a started server (the supervisor restarts " +
		"it) instead of failing `start_link`. Not offered for a multi-clause `init`, a parameter that is " +
		"a pattern, an `:ignore` tail, a module that already continues with `:init`, or when the " +
		"rewritten module would not parse (code the parser accepts only next to the old text).",
}
