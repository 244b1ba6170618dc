package unsupervisedtask

import "github.com/otpls/otpls/analysis"

var doc = analysis.Doc{
	What: "Flags processes started with no supervisor: calls of `spawn/1,3`, `Process.spawn/2,4` " +
		"without `:link` in its options, `Task.start/1,3`, and a `Task.async` whose task is lost " +
		"(a statement, or bound to a variable that is never read).\n\n" +
		"It deliberately does not flag:\n\n" +
		"- definitions: a `@spec`/`@callback`/`@type` naming `spawn`, the head of `def spawn(fun)`, " +
		"a `defdelegate`. They name a function; they start nothing. Nor a local `spawn(...)` in a module " +
		"that defines `spawn` with that arity itself: it calls the module's own function.\n" +
		"- `spawn_link`, `Task.start_link`, and `Process.spawn(fun, [:link, ...])` (a spawn_link " +
		"written with options): the process is linked to its caller and dies with it.\n" +
		"- a `Task.async` whose task is awaited or yielded, or escapes (returned, put in returned data " +
		"or state, sent, passed to another function): whoever gets it collects it, often in another " +
		"function (a list of tasks returned to a caller that runs `Task.await_many`). Nor one whose " +
		"`{ref, result}` reply is matched by a `receive` of the same function or by a `handle_info/2` " +
		"or `handle_event` clause of its module.\n" +
		"- benchmark scripts (`bench/**/*.exs`): they run once under `mix run`, their processes end " +
		"with the script, and there is no application to supervise them. Test files are off too, as " +
		"for every design rule (config turns them on).\n\n" +
		"Reported as Information only, because the code shows it manages the process or the process " +
		"cannot run under a supervisor:\n\n" +
		"- the spawned function monitors or links a pid it captured from the spawning function (a " +
		"watcher of its owner, which ends with it), or, for a process started as `(__MODULE__, :fun, " +
		"args)`, the module's function monitors or links a pid it is given as a parameter;\n" +
		"- the spawning function monitors, links, stops (`Process.exit`) or sends to the pid it gets " +
		"back (a helper it waits for and kills when late, an enforcer it tells when done), or " +
		"`Process.spawn` is given `:monitor` (the caller is told when it exits), or its options are " +
		"not written where it is called;\n" +
		"- the spawned function sends to the spawning process (`caller = self()` before the spawn) " +
		"and the spawning function, or a same-module function it calls, waits in a `receive` with an " +
		"`after`: a helper of that one call (a timer that reports back), whose crash costs the caller " +
		"the timeout. With no `after`, a crash of the helper hangs the caller forever, and it stays " +
		"a Warning;\n" +
		"- the spawned function halts, stops or restarts the system (`System.halt/stop/restart`, " +
		"`:init.stop`, `Application.stop`, directly or through one function it calls): under a " +
		"supervisor it would be stopped by the very shutdown it starts. No fix is offered;\n" +
		"- it is started from `terminate/2`, while its owner shuts down and the supervisors may be " +
		"stopping. No fix is offered. Only the callback counts: `terminate/2` in a process module " +
		"(`use`/`@behaviour` of `GenServer`, `:gen_server`, `:gen_statem`, `GenStage`, `Supervisor`, " +
		"`:gen_event`) or marked `@impl`; a public `terminate/2` of any other module is an ordinary " +
		"function, run by its caller;\n" +
		"- the module implements the process primitives themselves (`Kernel`, `Process`, `Node`, " +
		"`Task` and `Task.*`): `Task.Supervisor` is built on them. No fix is offered;\n" +
		"- a lost `Task.async` outside a process module. The task is linked to its caller, so its " +
		"crash is not silent; what it leaves behind is its reply and `:DOWN` messages, which pile up " +
		"only in a long-lived caller. In a server's own module that caller is the server (Warning); " +
		"anywhere else it is whoever calls the function, which the code does not show: on real code " +
		"it was a one-shot Mix task whose workers report by message, where nothing piles up.",
	Why: "A bare process is invisible to the supervision tree. When it crashes the crash is logged, but " +
		"nothing restarts it, so its work is lost half done. It is not shut down in order with the " +
		"supervision tree: it runs on while the tree stops the processes it may depend on, and it outlives " +
		"a restart of the process that started it. (When the application stops, its application master " +
		"kills every process whose group leader it is, so a process spawned by the application's " +
		"processes is killed then, abruptly and with no shutdown; one spawned from a console or another " +
		"application's process is not.) Under load, one process " +
		"per request with no bound also exhausts the node. A `Task.Supervisor` gives the same " +
		"fire-and-forget convenience with orderly shutdown and a place to limit concurrency " +
		"(`max_children`). A lost `Task.async` is linked to its caller, but its reply and `:DOWN` " +
		"messages land unread in the caller's mailbox.",
	Example: `defmodule RequestHandler do
  def handle_request(request) do
    spawn(fn -> process_request(request) end)
    :ok
  end

  defp process_request(request), do: request
end`,
	UseInstead: `defmodule RequestHandler do
  def handle_request(request) do
    Task.Supervisor.start_child(MyApp.TaskSupervisor, fn -> process_request(request) end)
    :ok
  end

  defp process_request(request), do: request
end

# and in MyApp.Application's children:
#   {Task.Supervisor, name: MyApp.TaskSupervisor}`,
	Options: "None of its own. The top-level `task_supervisor: MyApp.TaskSupervisor` setting names the " +
		"supervisor the fix uses.",
	FixSafety: "The fix rewrites the call to `Task.Supervisor.start_child(Sup, fn -> ... end)` " +
		"(`spawn(M, f, a)` becomes `start_child(Sup, M, f, a)`). `Sup` is the configured " +
		"`task_supervisor`, else a `{Task.Supervisor, name: X}` child found in the workspace, else " +
		"`<Root>.TaskSupervisor`, added to the Application's children list in the same fix. " +
		"`start_child` returns `{:ok, pid}` where `spawn` returns a pid and `Task.async` a `%Task{}`, so " +
		"the fix is offered only where every use of the value still works:\n\n" +
		"- the value is discarded (a statement, the last expression of a function given to `Enum.each`, " +
		"or bound to a variable never read): safe;\n" +
		"- `pid = spawn(...)` with `pid` read below: the match becomes `{:ok, pid} = ...`, so every read " +
		"still gets a pid; unsafe, since a `start_child` error then raises a `MatchError`;\n" +
		"- `{:ok, pid} = Task.start(...)` or another match of a `Task.start`: the shape is the same; " +
		"unsafe, since `start_child` can return `{:error, reason}` where `Task.start` cannot;\n" +
		"- a lost `Task.async`: unsafe, since the task is then no longer linked to the caller and sends " +
		"it no reply.\n\n" +
		"A value returned, passed to a function, piped on or put in data gets no fix, and neither does " +
		"`Process.spawn` (its options have no `start_child` equivalent). No fix is offered when no " +
		"supervisor can be named and there is no Application module to add one to.",
}
