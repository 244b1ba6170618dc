package tasktimeout

import "github.com/otpls/otpls/analysis"

var doc = analysis.Doc{
	What: "Flags `Task.async_stream`, `Task.Supervisor.async_stream` and " +
		"`Task.Supervisor.async_stream_nolink` (function or module-function-arguments form) written " +
		"without a `:timeout` option, and `Task.await/1` and `Task.await_many/1` (no timeout " +
		"argument; also captured over the tasks, `Enum.map(tasks, &Task.await/1)`), when the work they wait for can take longer than the default 5 seconds. The " +
		"work is the stream's function (a `fn`, a capture such as `&fetch/1` or `&Req.get!/1`, or the " +
		"named function of the MFA form), or the functions handed to `Task.async`, " +
		"`Task.Supervisor.async` or `async_nolink` in the awaited expression (read through a variable " +
		"bound earlier in the same function), followed through same-module helpers 3 calls deep. It " +
		"can take longer when it reaches a blocking call of OTP003 (HTTP requests, sockets, sleeps, " +
		"external commands, awaits), the slow work of OTP007 (a database call through an Ecto repo, " +
		"file I/O), or a `GenServer.call` allowed more than 5 s (`:infinity` or a literal above 5000).\n\n" +
		"Local file work (`File.*`, `:file.*`, `IO.write/2`) is reported as Information: on a local " +
		"disk it takes milliseconds, and only huge files or a remote file system make it outlast 5 s.\n\n" +
		"Not flagged: a `:timeout` given (whatever its value: the author chose it); `on_timeout: " +
		":kill_task` without a timeout (a slow item is killed and yields `{:exit, :timeout}`, the " +
		"caller survives: only the exit is the bug); options the rule cannot read (a variable, which " +
		"may hold a timeout); work outside those sets (computation, which the timeout rarely cuts); a " +
		"`Process.sleep` (or `:timer.sleep`) of a literal up to 5000 ms; a `GenServer.call` on its own 5 s default (it exits the task about when the stream's timeout " +
		"would, so the stream's timeout is not what ends it); work handed to yet another process; an " +
		"await of a task made elsewhere (a parameter). Only same-module helpers are followed: a call " +
		"into another module of the workspace is not read.",
	Why: "Every task of `Task.async_stream` has 5 seconds by default, and `on_timeout: :exit` is the " +
		"default: when one item takes longer, the caller exits with `{:timeout, {Task.Supervised, " +
		":stream, [5000]}}`, dropping every other result, killing the other tasks, and (when the caller " +
		"is a GenServer) taking its state down with it. `Task.await/1` does the same to its caller. " +
		"Network and database calls are exactly the work that is usually fast and sometimes slow: the " +
		"code passes its tests and exits in production on the first slow response. HTTP clients and " +
		"Ecto have their own timeouts (often 15 s or more), longer than the task's.",
	Example: `defmodule Feed do
  def fetch_all(urls) do
    urls
    |> Task.async_stream(fn url -> Req.get!(url) end)
    |> Enum.flat_map(fn {:ok, response} -> [response.body] end)
  end
end`,
	UseInstead: `defmodule Feed do
  def fetch_all(urls) do
    urls
    |> Task.async_stream(fn url -> Req.get!(url) end,
      timeout: 30_000,
      on_timeout: :kill_task
    )
    |> Enum.flat_map(fn
      {:ok, response} -> [response.body]
      {:exit, _reason} -> []
    end)
  end
end`,
	FixSafety: "Unsafe: it changes what happens to slow items. A stream gets `timeout: <timeout>, " +
		"on_timeout: :kill_task` (only `timeout:` when the options already set `on_timeout`), laid " +
		"out as mix format would: a slow item's task is killed after the timeout and the stream yields " +
		"`{:exit, :timeout}` for it instead of exiting the caller. Where the results go straight to " +
		"a function matching only `{:ok, _}` (piped, or as the first argument), a `{:exit, _reason}` " +
		"clause is added when its result is clearly right: `:ok` for `Enum.each`/`Stream.each` (the " +
		"result is dropped), `[]` for `flat_map` (nothing for the item), the accumulator for " +
		"`Enum.reduce/3`. Other consumers (`Enum.map`, `Enum.filter`...) need a value only their " +
		"author can choose: they are left as they are, and the fix's description says that they now " +
		"raise a FunctionClauseError on a timed-out item unless handled. An await gets the timeout as " +
		"its second argument (`Task.await(task, 30_000)`, `&Task.await(&1, 30_000)`): the caller waits that long, and still exits " +
		"when the task takes longer. Not offered where the call's layout cannot be kept (a call " +
		"without parentheses, a long call sharing its line with code before it).",
}
