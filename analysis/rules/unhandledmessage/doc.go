package unhandledmessage

import "github.com/otpls/otpls/analysis"

var doc = analysis.Doc{
	What: "Flags a call in a GenServer (`use GenServer`, `@behaviour GenServer` or `@behaviour " +
		":gen_server`) that makes a message arrive in the server's own mailbox when none of the " +
		"module's `handle_info/2` clauses can match that message. The module must define `handle_info/2` " +
		"clauses of its own: without them, `use GenServer`'s default (or gen_server's, for a bare " +
		"`@behaviour`) logs unexpected messages and drops them.\n\n" +
		"The sources, and the messages they deliver:\n\n" +
		"- `Process.monitor/1,2` and `:erlang.monitor(:process, _)`: `{:DOWN, ref, :process, pid, reason}` " +
		"when the monitored process exits (with a literal `tag:` option, OTP 27, the tag takes `:DOWN`'s " +
		"place); `spawn_monitor/1,3` (also `:erlang.` and `Node.`): the same, when the spawned process " +
		"ends.\n" +
		"- `Task.async` and `Task.Supervisor.async` with no `Task.await`, `Task.yield`, `Task.await_many`, " +
		"`Task.yield_many`, `Task.shutdown` or `Task.ignore` anywhere in the module: `{ref, result}` when " +
		"the task ends, then `{:DOWN, ref, :process, pid, :normal}` unless the clause taking the reply calls " +
		"`Process.demonitor` (itself, or through a function of the module it calls). " +
		"`Task.Supervisor.async_nolink`: the same, and a `:DOWN` when the task fails.\n" +
		"- `Process.flag(:trap_exit, true)` (or `:erlang.process_flag`): `{:EXIT, pid, reason}` when a " +
		"process linked to the server exits. Flagged only when the server also links itself to a process " +
		"that surely ends: a task of `Task.async`/`Task.Supervisor.async` (awaited or not: a linked task's " +
		"normal exit arrives as a message all the same), or a port opened with `:exit_status`.\n" +
		"- `send(self(), msg)`, `Process.send(self(), msg, opts)`, `Process.send_after(self(), msg, t)`, " +
		"`:erlang.send_after(t, self(), msg)`, `:timer.send_after/2,3` and `:timer.send_interval/2,3` (to " +
		"`self()` in their three-argument forms), where `msg` is a literal atom (or a module attribute " +
		"holding one) or a tuple tagged with one: that message.\n" +
		"- `:gen_tcp.connect/3,4` and `:ssl.connect/3,4` with a literal option list setting `active:` to " +
		"`true`, `:once` or a count: `{:tcp, socket, data}` and `{:tcp_closed, socket}` (`:ssl` alike).\n" +
		"- `Port.open/2` (or `:erlang.open_port/2`) with literal settings: `{port, {:data, data}}` unless " +
		"the port is `:out` only, and `{port, {:exit_status, status}}` with `:exit_status`.\n\n" +
		"The call must run in the server process: in a callback (`init/1`, `handle_call/3`, `handle_cast/2`, " +
		"`handle_info/2`, `handle_continue/2`, `code_change/3`) or in a function of the module a callback " +
		"reaches (up to 3 calls deep), outside any function handed to another process (`Task.*`, " +
		"`spawn*`, `Agent.*`, a child spec's `start:`). A public function no callback calls is a client " +
		"API: it runs in its caller's process, and the monitor it makes or the message it sends itself " +
		"goes to that caller. Calls in `terminate/2` are left out: the server handles no message after it.\n\n" +
		"A clause matches when its pattern can match the message: literal atoms and tuple sizes are " +
		"compared, a reference or a port is matched only by a variable or a pin, and a variable, a pin, a " +
		"module attribute that does not hold an atom or a macro may match anything. A guard never makes a " +
		"clause count as not matching: if a clause may match, the rule is silent.\n\n" +
		"Deliberately not flagged, so that every finding is a crash the code will have:\n\n" +
		"- messages whose form is not written in the code (a message in a variable or built by a call, " +
		"options or settings not written as a literal list, a send to a pid that is not `self()`);\n" +
		"- a message some `receive` of the module may take, wherever that `receive` is (a helper may " +
		"wait for the `:DOWN` of a monitor its caller made);\n" +
		"- a task awaited (or yielded, shut down, ignored) anywhere in the module, not only where it is " +
		"started: an await in another callback may take the reply first, and the server then crashes only " +
		"if the task ends before that callback runs, a race rather than a certainty;\n" +
		"- a monitor removed in the function that makes it (`Process.demonitor`: a short-lived monitor " +
		"whose lifetime that function manages), a socket closed or handed to another process (`controlling_process`), a port " +
		"closed where it is opened;\n" +
		"- trapped exits with no link the server makes to a process that surely ends: a server traps " +
		"exits so that `terminate/2` runs on shutdown, and its supervisor's exit signal is handled by " +
		"gen_server itself, never by `handle_info/2`. A linked process that may run as long as the server " +
		"(`spawn_link`, `Task.start_link`, a started server, a port to a daemon) exits only on a failure, " +
		"which would take the server down without the trap too;\n" +
		"- modules whose `handle_info/2` clauses the rule cannot all see: a clause written inside a block " +
		"(`if`, `for`, `quote`), a `@before_compile` hook, a `use` of another module that may install " +
		"one (a library's, or a workspace module that defines `__before_compile__/1`), or a call of some " +
		"other macro among the module's forms (`on_message :tick do ... end` may define clauses);\n" +
		"- modules of other behaviours with the same callback names (`Phoenix.Channel`, " +
		"`Phoenix.LiveView`, `GenStage`...), which are not GenServers.",
	Why: "gen_server hands every message that is not a call, a cast, a system message or (when " +
		"trapping exits) its parent's exit to `handle_info/2`. Once a module defines that function, no default remains: a message none of its " +
		"clauses matches raises `FunctionClauseError` and the server exits, losing its state, failing the " +
		"callers waiting on it and, if it keeps happening, taking its supervisor down with it. A monitor, " +
		"a task, a trapped exit, a timer, an active socket and a port all deliver their messages " +
		"whether or not anyone wrote a clause for them.",
	Example: `defmodule Lockbox do
  use GenServer

  def init(state), do: {:ok, state}

  def handle_call(:acquire, {holder, _tag}, :free) do
    Process.monitor(holder)
    {:reply, :ok, {:held, holder}}
  end

  def handle_info(:expire, _held), do: {:noreply, :free}
end`,
	UseInstead: `defmodule Lockbox do
  use GenServer

  def init(state), do: {:ok, state}

  def handle_call(:acquire, {holder, _tag}, :free) do
    Process.monitor(holder)
    {:reply, :ok, {:held, holder}}
  end

  def handle_info(:expire, _held), do: {:noreply, :free}

  def handle_info({:DOWN, _ref, :process, _holder, _reason}, _held), do: {:noreply, :free}
end`,
	Options: "None.",
	FixSafety: "The fix is unsafe (the server no longer crashes on that message; it ignores it): it adds a " +
		"clause for each unmatched message after the last `handle_info/2` clause (after a copy of the " +
		"`@impl` written before the first one, if any), which takes the message and keeps the state, e.g. " +
		"`def handle_info({:DOWN, _ref, :process, _pid, _reason}, state), do: {:noreply, state}`. For a " +
		"task's reply the clause is `def handle_info({ref, _result}, state) when is_reference(ref)`, which " +
		"calls `Process.demonitor(ref, [:flush])` as the Task documentation shows, so that no `:DOWN` " +
		"follows. Whether ignoring the message is right is the author's call (a `:DOWN` usually means " +
		"cleaning up what the dead process held): the fix stops the crash and shows where the handling " +
		"goes. No fix is offered when code follows the last clause on its line, or when the clause head " +
		"would not fit on a line.",
}
