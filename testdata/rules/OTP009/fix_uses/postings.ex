# The fix rewrites a start into Task.Supervisor.start_child, which returns {:ok, pid}. It
# is offered only where every use of the value still works afterwards.
defmodule Ledger.Postings do
  require Logger

  # Discarded: safe.
  def post(entry) do
    spawn(fn -> write(entry) end) # want: OTP009
    :ok
  end

  # Bound and never read: safe, the binding stays.
  def post_quietly(entry) do
    _pid = spawn(fn -> write(entry) end) # want: OTP009
    :ok
  end

  # The pid is read: the match becomes {:ok, pid} (unsafe).
  def post_logged(entry) do
    pid = spawn(__MODULE__, :write, [entry]) # want: OTP009
    Logger.debug("posting in #{inspect(pid)}")
  end

  # Task.start has start_child's shape already: the call alone changes (unsafe).
  def post_later(entry) do
    {:ok, pid} = Task.start(fn -> write(entry) end) # want: OTP009
    Logger.debug("posting later in #{inspect(pid)}")
  end

  # Returned: the caller gets a pid today; no fix.
  def post_returning(entry) do
    spawn(fn -> write(entry) end) # want: OTP009
  end

  # Passed on: no fix.
  def post_registered(entry) do
    Process.register(spawn(fn -> write(entry) end), :poster) # want: OTP009
  end

  # Piped: no fix.
  def post_piped(entry) do
    fn -> write(entry) end |> spawn() |> Process.monitor() # want: OTP009
  end

  # Put in data: no fix.
  def post_tagged(entry) do
    {:posting, spawn(fn -> write(entry) end)} # want: OTP009
  end

  # A lost Task.async: the fix is unsafe (the task is no longer linked and does not reply).
  def post_async(entry) do
    Task.async(fn -> write(entry) end) # want: OTP009
    :ok
  end

  def write(entry), do: entry
end
