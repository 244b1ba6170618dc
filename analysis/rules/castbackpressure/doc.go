package castbackpressure

import "github.com/otpls/otpls/analysis"

var doc = analysis.Doc{
	What: "Flags a public API function of a GenServer that sends to its own server asynchronously " +
		"(`GenServer.cast(__MODULE__, msg)`, `:gen_server.cast`, `send(__MODULE__, msg)`, " +
		"`Process.send(__MODULE__, msg, opts)`) when the handler clause receiving that message " +
		"(`handle_cast/2` for casts, `handle_info/2` for sends, matched on the message's shape) does " +
		"slow work, itself or in a same-module function it reaches (followed up to 3 calls deep): " +
		"the blocking calls of OTP003, file I/O (`File.*`, `:file.*`, `IO.write/2` and `IO.binwrite/2` " +
		"to a device) or a database call through an Ecto repo (`Repo.*`, `MyApp.Repo.*`). Casts the " +
		"server sends itself from its callbacks, and slow work handed to a `Task`, are not flagged.\n\n" +
		"A message that is a bare literal atom (`GenServer.cast(__MODULE__, :compact)`, " +
		"`send(__MODULE__, :flush)`) is a trigger: \"do the work now\", typically sent by a timer " +
		"handler and a few lifecycle sites. It is reported as Information, with no fix: duplicate " +
		"triggers do queue up and each redoes the work, but nothing in the mailbox grows with request " +
		"data, and the remedy is to coalesce them (skip the send while one is pending, or let the " +
		"handler drain repeats), not to make the sender wait. A message carrying data " +
		"(`{:record, line}`) stays a Warning.",
	Why: "A cast returns at once, whatever the state of the server's mailbox. When producers cast " +
		"faster than the handler writes to disk or the database, messages pile up: the mailbox, and " +
		"the node's memory, grow without bound, every message waits longer, and nothing tells the " +
		"producers to slow down until the node is killed for running out of memory.",
	Example: `defmodule AuditLog do
  use GenServer

  def init(path), do: {:ok, path}

  def record(line) do
    GenServer.cast(__MODULE__, {:record, line})
  end

  def handle_cast({:record, line}, path) do
    File.write!(path, line <> "\n", [:append])
    {:noreply, path}
  end
end`,
	UseInstead: `defmodule AuditLog do
  use GenServer

  def init(path), do: {:ok, path}

  def record(line) do
    GenServer.call(__MODULE__, {:record, line})
  end

  def handle_call({:record, line}, _from, path) do
    File.write!(path, line <> "\n", [:append])
    {:reply, :ok, path}
  end
end`,
	Options: "None.",
	FixSafety: "Unsafe: the API becomes synchronous, so callers now wait for the work (and exit if it " +
		"takes longer than the call's 5-second timeout). Every `GenServer.cast` that reaches the clause " +
		"becomes `GenServer.call`; the clause becomes `handle_call(msg, _from, state)`, each " +
		"`{:noreply, s}` tail `{:reply, :ok, s}` (so callers still get `:ok`) and each `{:stop, r, s}` " +
		"`{:stop, r, :ok, s}`; the clause moves next to the other `handle_call/3` clauses (when it moves " +
		"before the first `handle_cast/2` clause, that clause keeps an `@impl` of its own). Not offered " +
		"for a bare trigger (above), when another module casts the same server, when the server casts the message to itself (a " +
		"call to itself would deadlock), when the cast may also reach another clause, when a tail is " +
		"not a literal `{:noreply, ...}` or `{:stop, ...}` tuple, when the clause would move but " +
		"shares a line with other code, when the rewritten module would not parse (code the parser " +
		"accepts only next to the old text), or for `send/2` messages (a " +
		"`handle_info/2` clause also receives timer, monitor and other processes' messages). " +
		"Bounding the mailbox another way (a demand-driven GenStage pipeline, a counter of pending " +
		"work) is a design change left to you.",
}
