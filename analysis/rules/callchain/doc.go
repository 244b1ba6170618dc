package callchain

import "github.com/otpls/otpls/analysis"

var doc = analysis.Doc{
	What: "Builds the graph of synchronous calls between servers over the whole workspace: an edge " +
		"A -> B when code reached from a callback of GenServer A (the callback and, 3 calls deep, the " +
		"same-module functions it calls) calls server B synchronously: `GenServer.call(B, ...)`, " +
		"`:gen_server.call`, `Agent.get/update/get_and_update`, or a public function of B's module " +
		"that does so (`B.fetch(id)`). Servers are named by module, `__MODULE__`, `self()` or a " +
		"registered name atom. Calls inside a function handed to `Task`, `Task.Supervisor` or `spawn` " +
		"run in another process and are not edges. Reports, at each call site:\n\n" +
		"- (Error) a server that calls itself, directly or through its own or another module's API;\n" +
		"- (Error) every call on a cycle A -> B -> ... -> A, with the rest of the cycle, in order, as " +
		"related information: the diagnostic in one file can appear or clear when another file changes;\n" +
		"- (Warning) a call that starts a chain of `max_depth` (default 3) or more servers waiting on " +
		"each other.\n\n" +
		"A chain A -> B -> C goes through B's answer to A's call: after A's call (made from any of A's " +
		"callbacks), B's calls extend the chain only when they are reached from B's `handle_call/3` " +
		"clauses, and, when A's request is a literal whose form is known (`:flush`, `{:post, _}`), only " +
		"from the clauses whose request pattern can match it (a variable pattern, or a request that is not " +
		"a literal, can match any). B's `handle_cast`, `handle_info` and other clauses run for other " +
		"messages: A does not wait on them. When A has no `handle_call/3`, no call waits on A, so the " +
		"message does not claim that a slow server times out A's callers.\n\n" +
		"Cycles deliberately join calls made from any callback: a deadlock needs only each server of the " +
		"cycle to be blocked, in whatever callback, on a call to the next at the same time (A's " +
		"`handle_info` waiting on B while B's `handle_cast` waits on A is a deadlock), so every edge counts " +
		"there. Self-calls are any callback's call of its own server.",
	Why: "A server that calls itself exits at once (\"process attempted to call itself\"). In a cycle, " +
		"each server is blocked inside a callback waiting for the next; as soon as two of them are " +
		"called at the same time nobody can answer, and every call in the cycle exits after its " +
		"timeout (5 seconds by default), crashing the callers. Long chains are the same risk stretched " +
		"out: the first server is blocked for as long as the slowest one takes, and when it answers calls " +
		"itself, one slow server cascades timeouts through every caller before it.",
	Example: `defmodule ServiceA do
  use GenServer

  def init(state), do: {:ok, state}

  def handle_call(:process, _from, state) do
    result = GenServer.call(ServiceB, :compute)
    {:reply, result, state}
  end
end

defmodule ServiceB do
  use GenServer

  def init(state), do: {:ok, state}

  def handle_call(:compute, _from, state) do
    result = GenServer.call(ServiceC, :calculate)
    {:reply, result, state}
  end
end

defmodule ServiceC do
  use GenServer

  def init(state), do: {:ok, state}

  def handle_call(:calculate, _from, state) do
    result = GenServer.call(ServiceA, :validate)
    {:reply, result, state}
  end
end`,
	UseInstead: `defmodule ServiceA do
  use GenServer

  def init(state), do: {:ok, state}

  # Reply later: the call to ServiceB runs in a supervised task, so ServiceA stays free to
  # answer ServiceC while the chain completes.
  def handle_call(:process, from, state) do
    Task.Supervisor.start_child(MyApp.TaskSupervisor, fn ->
      result = GenServer.call(ServiceB, :compute)
      GenServer.reply(from, result)
    end)

    {:noreply, state}
  end
end

defmodule ServiceB do
  use GenServer

  def init(state), do: {:ok, state}

  def handle_call(:compute, from, state) do
    Task.Supervisor.start_child(MyApp.TaskSupervisor, fn ->
      result = GenServer.call(ServiceC, :calculate)
      GenServer.reply(from, result)
    end)

    {:noreply, state}
  end
end

defmodule ServiceC do
  use GenServer

  def init(state), do: {:ok, state}

  def handle_call(:calculate, _from, state), do: {:reply, :ok, state}
end`,
	FixSafety: "For a call written directly in a `handle_call/3`, `handle_cast/2` or `handle_info/2` " +
		"clause whose every tail returns the incoming state unchanged, the OTP003 reply-later rewrite " +
		"(shared code): the clause's work, the call included, moves into " +
		"`Task.Supervisor.start_child(Sup, fn -> ... end)` and the reply is sent with " +
		"`GenServer.reply/2`. The server no longer waits, which breaks the cycle. Unsafe (applied only " +
		"by `otpls fix --unsafe`): the work runs concurrently with the server's other messages, and its " +
		"crash no longer crashes the server (the caller waits until its call times out). Not offered " +
		"when the clause raises or exits on purpose, changes the state, uses `self()` or " +
		"its own mailbox (`GenServer.call(self(), ...)` stays a bug to fix by hand), when the call is " +
		"reached through helper functions, in `init/1`, or when no Task.Supervisor can be named.",
}
