package unsupervisedstart

import "github.com/otpls/otpls/analysis"

var doc = analysis.Doc{
	What: "Flags long-lived processes started outside a supervision tree:\n\n" +
		"- in `Application.start/2`, any `start_link`/`start` other than the supervisor it returns;\n" +
		"- an `Application.start/2` that returns something other than a supervisor's start result " +
		"(`{:ok, self()}`, `{:ok, pid}` of a plain server);\n" +
		"- `GenServer`, `:gen_server`, `Agent`, `Supervisor`, `DynamicSupervisor`, `GenStage` and " +
		"`:gen_statem` start functions, and `start_link`/`start` of a workspace module that is one of " +
		"those, called from ordinary code: anywhere except a `start_link`, `start` or `child_spec` " +
		"function (wrapping a start is how a process is made startable by a supervisor) and a " +
		"supervisor's `init/1`.\n\n" +
		"Pid bookkeeping next to the start (`:ets.insert`, `:persistent_term.put`, `Application.put_env`, " +
		"`Process.register` of the returned pid) is named in the message. Mix tasks are not checked, " +
		"and the rule is off in test files by default.",
	Why: "A process outside a supervision tree stays dead after a crash, nothing reports the crash, " +
		"and nothing stops it in order when the application shuts down. Started from a request or a " +
		"helper, it is linked to whatever process happened to call it and dies with that process. " +
		"Tracking the pids by hand in ETS or the application environment recreates, badly, what a " +
		"supervisor and named registration already do: after a restart the stored pid is stale.",
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
		"to the front of that list. Not offered when a pid is used for anything but bookkeeping, a start " +
		"needs another's pid, a process is started without a link (`start`) or by a module that cannot " +
		"name the child (`Agent`, `Supervisor`), or one module is started twice. No fix for starts in " +
		"ordinary code: where such a process belongs (a static child, a DynamicSupervisor) is a design " +
		"decision.",
}
