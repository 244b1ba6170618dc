# Awaiting a task blocks the caller (the task's own work runs elsewhere); a receive blocks
# only when it has no `after`.
defmodule Forecast.Aggregator do
  use GenServer

  @impl true
  def init(sources), do: {:ok, %{sources: sources, last: nil}}

  @impl true
  def handle_call(:collect, _from, state) do
    tasks = Enum.map(state.sources, fn s -> Task.async(fn -> Process.sleep(s) end) end)
    results = Task.await_many(tasks, :infinity) # want: OTP003 "Task.await_many/2 blocks Forecast.Aggregator's handle_call/3: callers of the server wait until it returns \(the tasks it awaits call Process.sleep/1\)"
    {:reply, results, %{state | last: results}}
  end

  def handle_call(:one, _from, state) do
    task = Task.async(fn -> :timer.sleep(100) end)
    {:reply, Task.await(task), %{state | last: task}} # want: OTP003 "Task.await/1 blocks"
  end

  def handle_call(:many, _from, state) do
    tasks = [Task.async(fn -> System.cmd("true", []) end)]
    {:reply, Task.yield_many(tasks), %{state | last: tasks}} # want: OTP003 "Task.yield_many/1 blocks"
  end

  # Tasks that only compute: the wait is the work itself, spread over cores (Information).
  def handle_call({:sum, chunks}, _from, state) do
    totals =
      chunks
      |> Enum.map(fn chunk -> Task.async(fn -> Enum.sum(chunk) end) end)
      |> Task.await_many() # want: OTP003 "Task.await_many/1 blocks Forecast.Aggregator's handle_call/3: callers of the server wait until the tasks it awaits finish"

    {:reply, totals, %{state | last: totals}}
  end

  # Started and never awaited here: nothing in this process waits.
  def handle_call(:fire, _from, state) do
    Task.start(fn -> Process.sleep(1_000) end)
    {:reply, :ok, %{state | last: :fire}}
  end

  @impl true
  def handle_info({:wait_bounded, tag}, state) do
    receive do
      {^tag, value} -> {:noreply, %{state | last: value}}
    after
      1_000 -> {:noreply, state}
    end
  end

  def handle_info({:wait, tag}, state) do
    receive do # want: OTP003 "receive without after blocks Forecast.Aggregator's handle_info/2"
      {^tag, value} -> {:noreply, %{state | last: value}}
    end
  end

  def handle_info(:tcp, state) do
    {:ok, sock} = :gen_tcp.connect(~c"localhost", 7000, [:binary, active: false]) # want: OTP003 ":gen_tcp.connect/3 blocks"
    :ok = :gen_tcp.send(sock, "hello")
    {:ok, data} = :gen_tcp.recv(sock, 0) # want: OTP003 ":gen_tcp.recv/2 blocks"
    :gen_tcp.close(sock)
    {:noreply, %{state | last: data}}
  end
end
