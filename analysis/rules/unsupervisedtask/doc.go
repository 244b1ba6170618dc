package unsupervisedtask

import "github.com/otpls/otpls/analysis"

var doc = analysis.Doc{
	What: "Flags processes started with no supervisor: `spawn/1,3`, `Process.spawn`, `Task.start/1,3`, " +
		"and `Task.async` whose task is never awaited in the same function (and whose module has no " +
		"`handle_info/2` to receive the reply). `spawn_link`, `Task.start_link` and `Task.async` + " +
		"`Task.await` are not flagged. Off by default in test files.",
	Why: "A bare process is invisible to the supervision tree: when it crashes nobody is told and " +
		"nothing restarts it, and when the application stops nothing shuts it down, so work is lost " +
		"half done. Under load, one process per request with no bound also exhausts the node. " +
		"A `Task.Supervisor` gives the same fire-and-forget convenience with crash reports, " +
		"orderly shutdown and a place to limit concurrency (`max_children`).",
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
		"`<Root>.TaskSupervisor`, added to the Application's children list in the same fix. It is safe " +
		"when the call's value is discarded (a statement, or the last expression of a function given to " +
		"`Enum.each`), and unsafe when the value is used, because `start_child` returns `{:ok, pid}` " +
		"instead of a pid or a `%Task{}`. `Process.spawn` with spawn options gets no fix. No fix is " +
		"offered when no supervisor can be named and there is no Application module to add one to.",
}
