# A wait on a terminal path: the process (or the node) ends right after it, so no later
# message is served either way; the pause usually lets a client show an error first.
defmodule Editor.Session do
  use GenServer

  @impl true
  def init(opts), do: {:ok, %{opts: opts, errors: 0}}

  @impl true
  def handle_info({:fatal, reason}, state) do
    Editor.Client.show_error(reason)

    unless state.opts[:test_mode] do
      Process.sleep(2_000)
      System.halt(1)
    else
      IO.warn("fatal: #{inspect(reason)}")
    end

    {:noreply, state}
  end

  # The same pause without the halt: the server stays up and every caller waits.
  def handle_info({:error, reason}, state) do
    Editor.Client.show_error(reason)
    Process.sleep(2_000) # want: OTP003 "Process.sleep/1 blocks Editor.Session's handle_info/2"
    {:noreply, %{state | errors: state.errors + 1}}
  end

  # A restart of the application, then a wait to be stopped by it.
  def handle_info(:reload, state) do
    Editor.Client.show_error(:reloading)
    # give the client time to show the message
    Process.sleep(5_000)
    Editor.Application.restart()
    Process.sleep(:infinity)
    {:noreply, state}
  end

  # The terminal call comes after the block holding the wait.
  def handle_info({:crash, reason}, state) do
    if state.opts[:verbose] do
      :timer.sleep(500)
    end

    raise ArgumentError, "crashed: #{inspect(reason)}"
  end

  def handle_info({:quit, code}, state) do
    :timer.sleep(100)
    Process.exit(self(), {:exit_code, code})
    {:noreply, state}
  end

  # Killing another process is not the end of this one.
  def handle_info({:kill, pid}, state) do
    :timer.sleep(100) # want: OTP003 ":timer.sleep/1 blocks"
    Process.exit(pid, :kill)
    {:noreply, state}
  end

  # Stopping some application is not known to stop this process.
  def handle_info({:unload, app}, state) do
    :timer.sleep(100) # want: OTP003 ":timer.sleep/1 blocks"
    Application.stop(app)
    {:noreply, state}
  end

  # A halt in a function handed to Enum: the wait before it runs for each element.
  def handle_call(:drain, _from, state) do
    Enum.each(state.opts[:queues] || [], fn q ->
      Process.sleep(q) # want: OTP003 "Process.sleep/1 blocks"
    end)

    {:reply, :ok, %{state | errors: 0}}
  end

  # A terminal path in a helper: its own block ends with the halt.
  def handle_call(:shutdown_now, _from, state) do
    fatal("shutting down")
    {:reply, :ok, state}
  end

  defp fatal(message) do
    Editor.Client.show_error(message)
    Process.sleep(1_000)
    System.stop(1)
  end
end

defmodule Editor.Application do
  use Application

  def start(_type, _args) do
    Supervisor.start_link([Editor.Session], strategy: :one_for_one)
  end

  def restart do
    Application.put_env(:editor, :restart, true)
    System.halt(0)
  end
end

defmodule Editor.Client do
  def show_error(_reason), do: :ok
end
