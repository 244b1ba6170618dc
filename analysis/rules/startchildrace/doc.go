package startchildrace

import "github.com/otpls/otpls/analysis"

var doc = analysis.Doc{
	What: "Flags a start of a named process whose result is matched as success only, so that " +
		"`{:error, {:already_started, pid}}` crashes the caller: `{:ok, pid} = start` (a " +
		"`MatchError`), or `case start do` with no clause that can take that error (a " +
		"`CaseClauseError`; a clause `{:error, _}`, a variable, a guard or a pin counts as taking it).\n\n" +
		"The starts it reads, aliases and `__MODULE__` resolved:\n\n" +
		"- `DynamicSupervisor.start_child(sup, spec)` and `Supervisor.start_child(sup, spec)` of a " +
		"child spec written as `Mod`, `{Mod, arg}`, `Mod.child_spec(arg)`, `Supervisor.child_spec(spec, " +
		"overrides)`, `%{start: {Mod, :fun, args}}`, a spec piped into `Map.put/merge`, or a variable " +
		"bound to one of those earlier in the function, when the function the spec starts (`Mod." +
		"start_link/1`, or the `start:` function) registers a name. That is read in the workspace index, " +
		"across files: a `name:` of its own (`name: __MODULE__`, `name: via(id)`, " +
		"`Keyword.fetch!(opts, :name)`), a `{:local | :global | :via, ...}` first argument, or the " +
		"caller's name (`name: opts[:name]`, `Keyword.get(opts, :name)`, the options passed on whole) " +
		"when the spec's argument gives `name:`.\n" +
		"- `Supervisor.start_child` of a spec whose id is fixed (the module, or a literal `id:`): a " +
		"supervisor answers a second start of a running id with `{:error, {:already_started, pid}}` " +
		"whatever the name.\n" +
		"- `GenServer`, `Agent`, `GenStage`, `Supervisor`, `DynamicSupervisor`, `:gen_server`, " +
		"`:gen_statem` `start_link`/`start` given a name of their own, and a workspace module's " +
		"`start_link`/`start` that registers one.\n\n" +
		"Severity: Warning for lookup-or-create, the race the rule is named after: the function looks " +
		"the process up first (`Registry.lookup`, `Registry.whereis_name`, `Process.whereis`, " +
		"`GenServer.whereis`, `:global.whereis_name`, `:erlang.whereis`, `Horde.Registry.lookup`, " +
		"`:syn.lookup`, `:gproc.where`) and starts it when it finds nothing. Two callers can both find " +
		"nothing and both start it; the loser crashes. Information, with the reason in the message, for:\n\n" +
		"- the same lookup-or-create in a callback of a process module (GenServer, `:gen_statem`, " +
		"GenStage, Agent): its server runs those starts one at a time, so they cannot race each other, " +
		"only a start made elsewhere;\n" +
		"- a named start with no lookup before it. A second start then fails every time, not by a " +
		"race; on real code these were processes started once per job (an import that starts its own " +
		"named helpers), where the hard match states that a second start is a bug.\n\n" +
		"It deliberately does not flag:\n\n" +
		"- children without a name: they can be started any number of times. A spec whose module " +
		"writes its own `child_spec/1`, or that is not in the workspace, is not read; nor a name taken " +
		"from the caller's options when the spec gives none.\n" +
		"- a result that is returned, bound to a variable, or taken apart by `with` (a mismatch falls " +
		"through as a value): whoever gets it handles it.\n" +
		"- `Application.start/2` and a supervisor's `init/1`: they run once at boot (their starts are " +
		"OTP004's business).\n" +
		"- a local call of the module's own start function (`start_link(id)` written without its " +
		"module), and starts through other libraries' supervisors (`Horde.DynamicSupervisor`): not read.\n" +
		"- test files, as for every design rule (config turns them on).",
	Why: "A process registered under a name exists once. When two callers look it up, both find " +
		"nothing and both start it, one start wins and the other returns `{:error, {:already_started, " +
		"pid}}`: the process the loser wanted is running, but code that matches only `{:ok, pid}` " +
		"crashes on it. The window is small, so the crash shows up under load, on a busy tenant, or " +
		"after a restart when every client reconnects at once.",
	Example: `defmodule Fleet.Truck do
  use GenServer

  def start_link(id), do: GenServer.start_link(__MODULE__, id, name: via(id))
  def init(id), do: {:ok, id}
  defp via(id), do: {:via, Registry, {Fleet.Registry, id}}
end

defmodule Fleet do
  def truck(id) do
    case Registry.lookup(Fleet.Registry, id) do
      [{pid, _}] ->
        pid

      [] ->
        {:ok, pid} = DynamicSupervisor.start_child(Fleet.TruckSupervisor, {Fleet.Truck, id})
        pid
    end
  end
end`,
	UseInstead: `defmodule Fleet.Truck do
  use GenServer

  def start_link(id), do: GenServer.start_link(__MODULE__, id, name: via(id))
  def init(id), do: {:ok, id}
  defp via(id), do: {:via, Registry, {Fleet.Registry, id}}
end

defmodule Fleet do
  def truck(id) do
    case Registry.lookup(Fleet.Registry, id) do
      [{pid, _}] ->
        pid

      [] ->
        {:ok, pid} =
          case DynamicSupervisor.start_child(Fleet.TruckSupervisor, {Fleet.Truck, id}) do
            {:error, {:already_started, pid}} -> {:ok, pid}
            other -> other
          end

        pid
    end
  end
end`,
	Options: "None.",
	FixSafety: "Warning findings only (a hint carries no fix: `otpls fix --unsafe` applies every " +
		"fix offered, and where nothing looks the process up first a second start may well be the bug " +
		"the crash exposes). The fix makes the start take the running process; it is unsafe, since a start that " +
		"loses the race then goes on with the winner's pid instead of crashing (which is what the " +
		"lookup-or-create meant, but a change of behaviour):\n\n" +
		"- `{:ok, pid} = start` becomes `{:ok, pid} = case start do` with a clause mapping " +
		"`{:error, {:already_started, pid}}` to `{:ok, pid}` and a clause returning anything else, so " +
		"every other error still fails the match as before;\n" +
		"- a `case start do` gets, after its `{:ok, pid} ->` clause, the same clause for " +
		"`{:error, {:already_started, pid}}` with that clause's body.\n\n" +
		"Both are laid out as mix format would (the start's continuation lines under the call after " +
		"`case `, blank lines around the now multi-line match). No fix when the match does not start " +
		"its line, a string in the start spans lines, or the case has no plain `{:ok, pid} ->` clause " +
		"(`{:ok, pid, info}`, a guard).",
}
