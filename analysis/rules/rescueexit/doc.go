package rescueexit

import "github.com/otpls/otpls/analysis"

var doc = analysis.Doc{
	What: "Flags a `try ... rescue` (or a function-level `rescue`) that means to recover from any " +
		"failure of its body (it has a clause for any exception: `e ->`, `_ ->`) when that body calls " +
		"something that fails by exiting, and neither this `try` nor one around it in the function " +
		"has a `catch` clause for exits (`catch :exit, _`, `catch kind, reason`, `catch _, _`). The " +
		"finding is on the first such call; the rescue and the other exiting calls are related places.\n\n" +
		"The calls that fail by exiting (each is a gen call, or a wait for a task, that ends the caller " +
		"with `exit(reason)` when the process is not running, does not answer in time, or dies):\n\n" +
		"- `GenServer.call/stop`, `:gen_server.call/stop`, `:gen_statem.call/stop`, `:gen_event.call/" +
		"sync_notify/stop`, `:gen.call`, `GenStage.call/stop`, `:proc_lib.stop`;\n" +
		"- `Agent.get/update/get_and_update/stop` (not `Agent.cast`);\n" +
		"- `Task.await/await_many` (not `Task.yield`, which returns `{:exit, reason}`, nor `Task.shutdown`);\n" +
		"- `:sys.get_state/replace_state/get_status/suspend/resume`;\n" +
		"- the calls into a running supervisor: `Supervisor.start_child/terminate_child/restart_child/" +
		"delete_child/which_children/count_children/stop`, the same of `DynamicSupervisor`, and " +
		"`Task.Supervisor.start_child/async/async_nolink/terminate_child/children`.\n\n" +
		"Aliases and `__MODULE__` are resolved first.\n\n" +
		"It deliberately does not flag:\n\n" +
		"- a rescue that names the exceptions it is for (`e in [KeyError] ->`, `ArgumentError ->`): " +
		"it is there for another call of the body, and an exit is none of those whatever the code " +
		"means. On real code these rescues guard a decode or a callback next to the call.\n" +
		"- a rescue whose clause for any exception re-raises on every path (`reraise e, " +
		"__STACKTRACE__`, `raise ...`): it logs or cleans up, and lets every failure through anyway.\n" +
		"- calls outside the protected body: the `else` and `after` parts of the `try`, the body of a " +
		"nested `try` that has its own `rescue` or `catch` (that one is judged for it), a function " +
		"handed to another process or run later (`Task.start(fn -> ... end)`, `Stream.map`). A function " +
		"value counts only as the argument of an eager `Enum`, `Map`, `List` or `Keyword` function, " +
		"which runs it inside the `try`.\n" +
		"- calls that reach an exiting call through another function (a client API such as " +
		"`Cache.get(key)` wrapping `Agent.get`, or a local helper). Only the protected body itself " +
		"is read: on real code every such finding was a broad rescue written for another call of a " +
		"long body (a user callback, a `module_info` lookup), where the wrapped call was not what the " +
		"rescue meant to handle.\n\n" +
		"The message says only that the exit is not caught. Whether the caller then dies, or something " +
		"further out catches it, the code of this function does not show.\n\n" +
		"It runs in test files too: a test that means to check a fallback and rescues instead of " +
		"catching tests nothing.",
	Why: "Exits are not exceptions. `GenServer.call` does not raise when the server is gone, slow or " +
		"crashing: it calls `exit({reason, {GenServer, :call, ...}})`, and `rescue` only sees errors " +
		"(`raise`, `:erlang.error`). So the timeout or `:noproc` that the `rescue` was written to turn " +
		"into a fallback passes straight through it and ends the calling process; in a server's " +
		"callback it crashes the server. An exception raised inside the server's `handle_call` does not " +
		"reach the caller as an exception either: the server dies and the caller exits.",
	Example: `defmodule Inventory do
  def stock(sku) do
    try do
      GenServer.call(Inventory.Server, {:stock, sku})
    rescue
      _ -> {:error, :unavailable}
    end
  end
end`,
	UseInstead: `defmodule Inventory do
  def stock(sku) do
    try do
      GenServer.call(Inventory.Server, {:stock, sku})
    rescue
      _ -> {:error, :unavailable}
    catch
      :exit, _reason -> {:error, :unavailable}
    end
  end
end`,
	Options: "None.",
	FixSafety: "The fix adds a clause `:exit, _reason ->` whose body is the rescue clause's for any " +
		"exception, first in the `try`'s `catch` block, or in a new `catch` block right after the " +
		"`rescue`; a one-line clause that the longer head pushes past 98 columns gets its body on " +
		"the next line, as mix format lays it out. It is unsafe: exits raised in the protected body (by these calls, or " +
		"by an `exit/1` written there) are then caught instead of ending the process, which is what " +
		"the rescue meant, but a change of behaviour. (Exit signals from linked processes are not " +
		"exceptions, and no `catch` sees them.) No fix when the rescue clause's body uses the exception (an exit has " +
		"none to give it; the exit reason is not an exception), or when the rescue is not laid out one " +
		"clause per line.",
}
