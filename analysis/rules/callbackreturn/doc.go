package callbackreturn

import "github.com/otpls/otpls/analysis"

var doc = analysis.Doc{
	What: "Reads the value each clause of a GenServer callback returns in tail position (the " +
		"last expression, through the branches of `case`, `cond`, `if`/`unless`, `with` (its " +
		"`else` too), `receive` (its `after` too) and `try` (`rescue`, `catch` and `else`; not " +
		"`after`, which runs for effect)) and reports a literal the callback cannot return:\n\n" +
		"- `handle_call/3`: anything but `{:reply, reply, state}`, `{:reply, reply, state, extra}`, " +
		"`{:noreply, state}`, `{:noreply, state, extra}`, `{:stop, reason, reply, state}`, " +
		"`{:stop, reason, state}`;\n" +
		"- `handle_cast/2`, `handle_info/2`, `handle_continue/2`: anything but `{:noreply, state}`, " +
		"`{:noreply, state, extra}`, `{:stop, reason, state}`;\n" +
		"- `init/1`: anything but `{:ok, state}`, `{:ok, state, extra}`, `:ignore`, `{:stop, reason}` " +
		"(and `{:error, reason}`, which OTP 26 accepts);\n" +
		"- a Supervisor's `init/1`: anything but `{:ok, {flags, children}}` and `:ignore` (calls such as " +
		"`Supervisor.init/2` are not judged). `{:stop, reason}` is not reported: it is no supervisor " +
		"return either, but real code writes it to refuse to start, and the start does fail (with " +
		"the reason wrapped in `{:bad_return, ...}`).\n\n" +
		"`extra` is a timeout (a non-negative integer or `:infinity`), `:hibernate` or " +
		"`{:continue, term}`; a literal in its place that is none of those is reported at it. " +
		"That covers a wrong tag (`{:reply, ...}` from `handle_cast/2`, `{:error, reason}` or " +
		"`{:ok, state}` from `handle_call/3`), a wrong size (`{:reply, value}` without the state), a " +
		"misspelt tag (`:no_reply`, `:noreplay`, `:replay`: an unknown atom one or two edits from a " +
		"tag the callback takes), `{:noreply, value, state}` in `handle_call/3` whose third element " +
		"is the state parameter (the author meant `{:reply, value, state}`; as a `:noreply` the state " +
		"is read as a timeout), and a bare `:ok`, `nil`, map, list or number where a tuple belongs.\n\n" +
		"Deliberately not reported:\n\n" +
		"- a variable, a call, an operator or a module attribute in tail position, or in the place " +
		"of an element that decides (the tag, the extra): their value is not guessed at. A `with` " +
		"without `else` may return the value that failed to match; that value is not a literal " +
		"written there and is not judged. An `if` without `else` returning `nil` is not judged " +
		"either;\n" +
		"- modules of other behaviours with callbacks of the same names: `GenStage` (whose " +
		"`handle_call/3` returns `{:reply, reply, events, state}`), `Phoenix.Channel`, " +
		"`Phoenix.LiveView`, `:gen_statem`, `:gen_event`; and a module that becomes a GenServer " +
		"through another module's `use` (what that `use` expects is not known);\n" +
		"- `terminate/2` (its value is ignored) and `code_change/3` (a bad value fails the code " +
		"upgrade, it does not crash the server).",
	Why: "GenServer checks the value of every callback: a value of another shape makes the server " +
		"exit with `{:bad_return_value, value}` the first time that branch runs (for a " +
		"`handle_call/3`, the caller's `GenServer.call` exits with it), and `start_link` return " +
		"`{:error, {:bad_return_value, value}}` for `init/1`. A supervisor whose `init/1` returns " +
		"anything but its flags and children fails to start with `{:bad_return, ...}`. The " +
		"compiler does not check these values, so such a branch (often an error path) goes " +
		"unnoticed until it runs in production.",
	Example: `defmodule Counter do
  use GenServer

  def init(start), do: {:ok, start}

  def handle_call(:next, _from, count) do
    {:reply, count + 1}
  end

  def handle_cast({:set, value}, _count) do
    {:no_reply, value}
  end
end`,
	UseInstead: `defmodule Counter do
  use GenServer

  def init(start), do: {:ok, start}

  def handle_call(:next, _from, count) do
    {:reply, count + 1, count + 1}
  end

  def handle_cast({:set, value}, _count) do
    {:noreply, value}
  end
end`,
	Options: "None.",
	FixSafety: "Safe, because today every run of the branch crashes: only the unambiguous mechanical " +
		"corrections are offered: `{:reply, value}` becomes `{:reply, value, state}` when the " +
		"clause's state parameter is a variable (`state` or `%{} = state`, not `_state`); " +
		"`{:noreply, value, state}` in `handle_call/3` becomes `{:reply, value, state}`; a misspelt " +
		"tag is spelt right when the tuple then has a size the tag takes. A wrong tag (`{:reply, ...}` " +
		"from a cast, `{:error, reason}` from a call) has no fix: whether the author meant to reply, " +
		"to stop or to change the message kind is theirs to say.",
}
