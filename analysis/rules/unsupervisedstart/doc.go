package unsupervisedstart

import "github.com/otpls/otpls/analysis"

var doc = analysis.Doc{
	What: "Flags long-lived processes started outside a supervision tree:\n\n" +
		"- in `Application.start/2`, any `start_link`/`start` other than the root supervisor's;\n" +
		"- an `Application.start/2` that returns something other than a supervisor's start result " +
		"(`{:ok, self()}`, `{:ok, pid}` of a plain server);\n" +
		"- `GenServer`, `:gen_server`, `Agent`, `Supervisor`, `DynamicSupervisor`, `GenStage` and " +
		"`:gen_statem` start functions, and `start_link`/`start` of a workspace module that is one of " +
		"those, called from ordinary code: request handlers, plain module functions, a server's client " +
		"API functions (they run in the caller's process). These are reported at **Information**, not " +
		"Warning (see Severity below).\n\n" +
		"Pid bookkeeping next to the start (`:ets.insert`, `:persistent_term.put`, `Application.put_env`, " +
		"`Process.register` of the returned pid) is named in the message, and the message says what the " +
		"process is really linked to: the process that calls the function (`start_link`, or `start` with " +
		"`spawn_opt: [:link]`, which links it all the same) or none (`start`).\n\n" +
		"**Severity.** Findings in `Application.start/2` (a linked start beside the root supervisor, a " +
		"start/2 returning no supervisor's start result) are Warnings: that is where an application's " +
		"processes belong to its supervision tree, and the code shows it. An unlinked start there " +
		"(`start`, not `start_link`; a wrapper counts as what it calls) is Information: the author chose " +
		"a process that goes down with nothing, and the one such start found on real code was kept out " +
		"of the tree on purpose (an output process that must outlive the tree's crash, to print it); " +
		"whether a process must outlive its tree is a design choice the code cannot show. A start from ordinary code is " +
		"Information: over sixteen real code bases not one such finding was a real defect. The caller " +
		"was a supervised process owning the child through a helper module, the process was scoped to " +
		"one operation, or it was handed to a supervisor in a way the code does not show; whether the " +
		"caller of a function is a long-lived supervised process is a fact about the whole program, not " +
		"the function. The hint stays, worded for what the code shows (what the process is linked to).\n\n" +
		"Deliberately not flagged (each of these was a false finding on real code):\n\n" +
		"- **The root supervisor, however its result flows.** The supervisor start whose result " +
		"`Application.start/2` returns is the root: returned as is, bound and returned, matched in a " +
		"`case` or `with` whose branches return the pid, `{:ok, pid}`, `{:ok, pid, state}` or the bound " +
		"`{:error, _}`. When there is one, the other branches (cleanup before returning the error, an " +
		"abort, a `raise`) are error handling, and a `raise`/`exit`/`throw` is never \"returned instead of " +
		"a supervisor\".\n" +
		"- **Start functions.** A `start_link`, `start`, `start_link!`, `start!` or `child_spec` function; any function whose result " +
		"is the start's result (the call itself, the bound result, or an `{:ok, ...}`/`{:error, ...}` tuple " +
		"built from it: `open/2` returning `GenServer.start`'s `{:ok, pid}` is a start function under another " +
		"name, and its caller owns the process); any function a child spec anywhere in the workspace " +
		"names as its `start:` MFA (`start: {__MODULE__, :start_pooled, [i]}`): a supervisor calls it. " +
		"A bare pid returned is not a start result (a helper returning an Agent's pid is still flagged).\n" +
		"- **The owner pattern.** A linked start (`start_link`, or `spawn_opt: [:link]`) made in a callback " +
		"of a process module or in same-module code those callbacks reach. A process module is any module " +
		"whose callbacks a process framework calls in a process of its own: `GenServer`, `GenStage`, " +
		"`:gen_statem`, `:gen_event`, and any module with a `use X` or `@behaviour X` that defines `init/1` " +
		"and `handle_*` callbacks or state functions (a `GenStateMachine`, a `Postgrex.ReplicationConnection`, " +
		"a framework's own server behaviour); its callbacks are `init/1`, `handle_*`, `terminate/2`, " +
		"`code_change`, and the public functions of arity 3 of a state machine (`:gen_statem`, a " +
		"`callback_mode/0` or a `use X, callback_mode: ...`); and the function of a `:proc_lib` module that " +
		"calls `:proc_lib.init_ack`. `init/1` runs in the new process, not in the one that started it, " +
		"so what it starts linked is linked to the server itself. The child is linked to a process that is itself supervised: a crash " +
		"of either takes the other down and the owner's supervisor restarts the owner, which starts the " +
		"child again. It is not reported at all, not even as Information: it is a standard OTP design " +
		"(a server owning its connection, a per-session worker, a sub-supervisor trapped by its owner), " +
		"and an editor hint on every one would be noise. An unlinked `start` there is still reported " +
		"(at Information, as every start in ordinary code): it outlives the server, or, when the server " +
		"monitors it (`Process.monitor(pid)` in the same function), the server sees it stop, and whether " +
		"it must outlive the server is a design choice the code cannot show.\n" +
		"- **Scoped processes.** A start whose pid the same function stops (`GenServer.stop`, `Agent.stop`, " +
		"`Process.exit`, a `close`/`stop` call on it, in the body or in `after`), and a pid handed back " +
		"to a caller in a module that stops processes itself (`Agent.stop`, `GenServer.stop`...): the " +
		"process lives for one operation, not for the application.\n" +
		"- **Starts that do not run where they are written.** A start inside `quote` (it runs wherever " +
		"the quoted code is evaluated: the module or shell that says `use`), and a start inside a `fn` or " +
		"a capture passed as an argument to another module's function (`Keeper.run(&GenServer.start_link(M, &1))`): " +
		"that function decides where and when to call it, often in a process it has just set up. A " +
		"function given to `Enum`, `Stream`, `Map`, `List`, `Keyword`, `:lists`... runs in place and is " +
		"still read, as is a closure called in place.\n" +
		"- **Start wrappers over a supervisor.** `M.start(arg)` (or `start_link`) of a workspace module when that function " +
		"calls a `start_child` (`DynamicSupervisor.start_child(Rooms, {__MODULE__, arg})`, " +
		"`Supervisor.start_child`, `Task.Supervisor.start_child`) and starts no process itself: it starts " +
		"its process under that running supervisor.\n" +
		"- A supervisor's `init/1`, work handed to a task (OTP009's business), Mix tasks, and test files " +
		"(off by default).\n\n" +
		"A deliberately unsupervised linked start in `Application.start/2` is still reported: say why in " +
		"a comment and silence it with `# otpls:disable-next-line OTP004`.",
	Why: "A process outside a supervision tree stays dead after a crash (the crash is logged, but " +
		"nothing restarts it), and nothing stops it in order when the application shuts down. Started " +
		"from a request or a helper with `start_link`, it is linked to whatever process happened to call " +
		"it and dies with that process; started with `start`, it is linked to nothing and outlives " +
		"everything that knew about it. Tracking the pids by hand in ETS or the application environment " +
		"recreates, badly, what a supervisor and named registration already do: after a restart the " +
		"stored pid is stale.",
	Example: `defmodule Shop.Application do
  use Application

  def start(_type, _args) do
    {:ok, user_pid} = UserManager.start_link([])
    :ets.new(:pids, [:named_table, :public])
    :ets.insert(:pids, {:user_manager, user_pid})
    {:ok, self()}
  end
end`,
	UseInstead: `defmodule Shop.Application do
  use Application

  def start(_type, _args) do
    children = [
      {UserManager, []}
    ]

    Supervisor.start_link(children, strategy: :one_for_one, name: Shop.Supervisor)
  end
end`,
	Options: "None.",
	FixSafety: "Unsafe (processes start in the supervisor, in list order, and pids kept by hand go " +
		"away), offered for `Application.start/2`: each `M.start_link(arg)` becomes the child `{M, arg}` " +
		"(a `%{id: M, start: {M, :start_link, [...]}}` map for other arities, and for " +
		"`GenServer.start_link(M, ...)`), the statements that only stored those pids are removed (with the comment lines right above " +
		"each removed statement), and the " +
		"function returns `Supervisor.start_link(children, strategy: :one_for_one, name: <App>.Supervisor)`; " +
		"when it already returns a supervisor started from a literal children list, the new children go " +
		"to the front of that list (to its end for starts made after the supervisor, so each still starts " +
		"after the supervisor's other children). Not offered when a start's result or pid is used for anything but " +
		"bookkeeping (a child spec has no pid to give), a start needs another's pid or the root " +
		"supervisor's, the root supervisor's children list is not one literal list in `start/2`, a process is started without a link (`start`) or by a module that cannot " +
		"name the child (`Agent`, `Supervisor`), or one module is started twice. No fix for starts in " +
		"ordinary code: where such a process belongs (a static child, a DynamicSupervisor) is a design " +
		"decision.",
}
