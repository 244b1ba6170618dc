package blockingcallback

import "github.com/otpls/otpls/analysis"

var doc = analysis.Doc{
	What: "Flags calls that can block for an unbounded time inside a GenServer callback (`init/1`, " +
		"`handle_call/3`, `handle_cast/2`, `handle_info/2`, `handle_continue/2`, `terminate/2`) or in a " +
		"same-module function the callback reaches (followed up to 3 calls deep). The set is named " +
		"function by function: HTTP requests (`HTTPoison`, `Req` and `Tesla` " +
		"`get`/`post`/`put`/`patch`/`delete`/`head`/`options`/`request` and their `!` forms, `Req.run`, " +
		"`Finch.request`/`stream`, `:httpc.request`, `:hackney.request`, `Mint.HTTP` " +
		"`connect`/`request`/`recv`), `:gen_tcp`/`:ssl` `connect`/`recv`/`accept`, `Process.sleep`, " +
		"`:timer.sleep`, `System.cmd`, `System.shell`, `:os.cmd`, `Task.await`, `Task.await_many`, " +
		"`Task.yield_many`, and a `receive` with no `after` written in the callback itself.\n\n" +
		"The message names the call (modules resolved), the callback, the helpers followed, and what " +
		"waits: the callers of the server (`handle_call/3`); the calls queued behind the message " +
		"(`handle_cast/2`, `handle_info/2`, `handle_continue/2` of a server with `handle_call/3` " +
		"clauses); only the server's own later messages and system messages (`:sys` requests), and its " +
		"shutdown when it traps exits, for the same callbacks of a server with no `handle_call/3` clause " +
		"(nobody can wait on a reply from it; a caller's `GenServer.call` would crash it); `start_link` " +
		"and the supervisor's later children (`init/1`); the shutdown, up to the child's shutdown timeout " +
		"(`terminate/2`).\n\n" +
		"Deliberately not flagged, because on real code they are bounded or not the callback's work:\n\n" +
		"- Constructors and closers of the HTTP clients (`Req.new`, `Tesla.client`, `Finch.build`, " +
		"`Mint.HTTP.close`): they do no I/O.\n" +
		"- A `receive` with an `after` clause, and a `receive` with a clause for the " +
		"`{:DOWN, ^ref, ...}` of a monitor the same function created before it " +
		"(`ref = Process.monitor(pid)`): a monitor always delivers `:DOWN` when the process ends, so the " +
		"function waits for a process it watches (typically one it told to stop) to finish.\n" +
		"- A call on a terminal path: a statement after it in its block (or in a block around it, in " +
		"the same function) ends the process or the node (`System.halt`, `System.stop`, `:init.stop`, " +
		"`exit/1`, `raise`, `Process.exit(self(), reason)`, or `restart`/`stop` of the project's " +
		"Application module), or one before it already did " +
		"(`App.restart(); Process.sleep(:infinity)`). No further message is served either way; the " +
		"pause usually lets a client show an error first.\n" +
		"- Work in a function that runs in another process: a function handed to `Task.*`, " +
		"`Task.Supervisor.*`, `spawn*` or `Agent.*`, written in a child spec " +
		"(`start: {Task, :start_link, [fn -> ... end]}`, `{Task, fn -> ... end}`), or passed (directly, " +
		"or bound to a variable first) to a local function whose parameter ends up in one of those. A " +
		"function the helper calls itself (`fun.(x)`, `Enum.each(xs, fun)`) runs in the callback's " +
		"process and is followed.\n\n" +
		"Reported as Information, not Warning: a wait in `handle_cast/2`, `handle_info/2` or " +
		"`handle_continue/2` of a server with no `handle_call/3` clause (a worker pacing its own timer, " +
		"retrying a subscription's event after a back-off, rate-limiting an outside service: only its own " +
		"queue waits, often on purpose); an await with a finite timeout (`Task.await(task, 5_000)`, " +
		"`Task.await_many(tasks, n)`, `Task.yield_many(tasks, :timer.minutes(1))` or `timeout: n`, where " +
		"the timeout is an integer, `:timer.seconds/minutes/hours` of one, a module attribute set to one, " +
		"a read of the application's config (`Application.get_env`), or a variable bound to one of those, " +
		"a parameter's default value included): the message says \"waits up to N ms\", the author chose " +
		"how long the server may stall; such a bounded await in a server with no `handle_call/3` clause " +
		"is not reported at all. `:infinity`, and the default `Task.await/1` (which exits the server " +
		"after 5 s) and `Task.yield_many/1`, are not taken as bounded. Also Information: a wait in a " +
		"server whose callers are built to tolerate a busy server: no other module calls it by name, and every " +
		"`GenServer.call` in the module (at least one) passes a literal timeout of at most 1000 ms and " +
		"catches the exit around the call (`catch :exit, _ -> nil`), so callers give up soon and carry " +
		"on; the message says so. A wait in " +
		"`terminate/2` (no caller waits on a " +
		"terminating server, the supervisor bounds it with the child's `shutdown`, and pacing a drain " +
		"there is often the point), and an await of tasks whose functions make no blocking call that " +
		"can be seen (`Task.yield_many(:infinity)` over tasks that compute: the wait is the work itself, " +
		"spread over cores, no more unbounded than doing it inline). An await of tasks that do block " +
		"(`Task.async(fn -> Req.get(url) end) |> Task.await()`) is a Warning and says which call the " +
		"tasks make.",
	Why: "A GenServer handles one message at a time. While a callback waits on the network, a " +
		"sleep or another process, every other caller queues behind it: their `GenServer.call`s time " +
		"out after 5 seconds, callers crash, and one slow dependency takes the whole server, and " +
		"everything that calls it, down with it. A server that nobody calls only delays its own " +
		"messages, which is why that case is Information.",
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
	FixSafety: "Both fixes are unsafe (applied only by `otpls fix --unsafe`, never preferred in the " +
		"editor).\n\n" +
		"Reply later (`handle_call/3`, `handle_cast/2`, `handle_info/2` clauses whose every tail returns " +
		"the incoming state unchanged): the work moves into `Task.Supervisor.start_child(Sup, fn -> ... " +
		"end)` and the clause returns `{:noreply, state}`; for a call, `_from` becomes `from` and each " +
		"`{:reply, x, state}` tail becomes `GenServer.reply(from, x)`. State fields the work reads are " +
		"bound before the closure so the task does not copy the whole state; a keyword `do:` clause " +
		"becomes a do block. Unsafe because the work then runs concurrently with the server's next " +
		"messages (in another order), and its crash is the task's: it no longer crashes the server, and " +
		"a caller waits until its call times out instead of getting the exit. `Sup` is found as for " +
		"OTP009 (config `task_supervisor`, a `{Task.Supervisor, name: X}` child, or a new " +
		"`<Root>.TaskSupervisor` child added to the Application). Not offered when the state changes, " +
		"when the body uses the state as a whole or its own process (`self()`, `receive`, `Process.*`), " +
		"when it raises, exits or throws on purpose, for a `do: (a; b)` block or a multi-line string, " +
		"for `terminate/2`, or when no Task.Supervisor can be named. OTP008 offers the same rewrite.\n\n" +
		"For `init/1`, the work moves into `handle_continue(:init, arg)`: `init` returns " +
		"`{:ok, arg, {:continue, :init}}` at once, and the old body runs as the server's first step with " +
		"its `{:ok, s}` tails returning `{:noreply, s}` and `{:stop, r}` `{:stop, r, arg}`; the new " +
		"clause goes first among existing `handle_continue/2` clauses. Unsafe because `start_link` " +
		"returns before the work is done, and a failure of that work now crashes a started server (the " +
		"supervisor restarts it) instead of failing `start_link`. Not offered for a multi-clause `init`, a " +
		"parameter that is a pattern, an `:ignore` tail, a module that already continues with `:init`, " +
		"or when the rewritten module would not parse (code the parser accepts only next to the old " +
		"text).",
}
