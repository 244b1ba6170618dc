# What a wait holds up depends on the callback: callers (handle_call, and handle_* of a
# server with handle_call clauses), only the server's own messages (handle_* of a server
# nobody calls, Information), start_link and the supervisor's later children (init/1), the
# shutdown (terminate/2, Information: no caller waits, and the child's shutdown timeout
# bounds it).
defmodule Ingest.Pipeline do
  use GenServer

  @impl true
  def init(opts) do
    Process.flag(:trap_exit, true)
    :timer.sleep(opts[:warmup] || 0) # want: OTP003 ":timer.sleep/1 blocks Ingest.Pipeline's init/1: start_link and the supervisor's later children wait until it returns"
    {:ok, %{stages: opts[:stages] || [], batch: opts[:batch] || 100}}
  end

  @impl true
  def handle_continue(:drain, state) do
    Process.sleep(state.batch) # want: OTP003 "Process.sleep/1 blocks Ingest.Pipeline's handle_continue/2: the server's other messages, system messages and its shutdown wait until it returns \(it has no handle_call: no caller waits on a reply\)"
    {:noreply, %{state | stages: []}}
  end

  # Pacing the drain in terminate/2: bounded by the child's shutdown.
  @impl true
  def terminate(_reason, state) do
    for stage <- state.stages do
      send(stage, :drain)
      Process.sleep(state.batch) # want: OTP003 "Process.sleep/1 blocks Ingest.Pipeline's terminate/2: it delays shutdown up to the child's shutdown timeout"
    end

    stop_stages(state.stages)
  end

  # Waiting for the :DOWN of a process this function monitors (and told to stop): the
  # monitor always delivers it, so the receive ends.
  defp stop_stages(stages) do
    for stage <- stages do
      ref = Process.monitor(stage)
      Process.exit(stage, :shutdown)

      receive do
        {:DOWN, ^ref, :process, _, _} -> :ok
      end
    end
  end
end

defmodule Ingest.Stage do
  use GenServer

  @impl true
  def init(parent), do: {:ok, %{parent: parent, done: false}}

  # Waits for the stage's own :done or its :DOWN: either ends the receive.
  @impl true
  def handle_call({:finish, worker}, _from, state) do
    ref = Process.monitor(worker)
    send(worker, {:finish, self(), ref})

    receive do
      {:done, ^ref} -> :ok
      {:DOWN, ^ref, _, _, _} -> :ok
    end

    {:reply, :ok, %{state | done: true}}
  end

  # The twin: a :DOWN of any monitor is not one this function set up.
  def handle_call({:finish_any, worker}, _from, state) do
    send(worker, {:finish, self()})

    receive do # want: OTP003 "receive without after blocks Ingest.Stage's handle_call/3"
      {:done, ^worker} -> :ok
      {:DOWN, _ref, _, ^worker, _} -> :ok
    end

    {:reply, :ok, %{state | done: true}}
  end

  @impl true
  def terminate(_reason, state) do
    ref = Process.monitor(state.parent)
    Process.exit(state.parent, :shutdown)

    receive do
      {:DOWN, ^ref, _, _, _} -> :ok
    end
  end
end
