# R02: a Task.async is flagged only when its task is lost (dropped, or bound and never
# read). A task that is awaited, yielded or handed on (returned, put in returned data or
# state, sent, passed to another function), or whose {ref, result} reply is received, is
# someone's to collect.
defmodule Orchard.Fetcher do
  # Returned in a list: the caller awaits every task.
  def start_all([]), do: []

  def start_all([tree | rest]) do
    task = Task.async(fn -> pick(tree) end)
    [task | start_all(rest)]
  end

  def collect(trees) do
    trees |> start_all() |> Enum.map(&Task.await(&1, 5_000))
  end

  # Yielded below.
  def pick_or_give_up(tree) do
    task = Task.async(fn -> pick(tree) end)
    Task.yield(task, 1_000) || Task.shutdown(task)
  end

  # Sent to the process that collects it.
  def hand_over(collector, tree) do
    task = Task.async(fn -> pick(tree) end)
    send(collector, {:collect, task})
    :ok
  end

  # Passed to another function.
  def track(registry, tree) do
    task = Task.async(fn -> pick(tree) end)
    Agent.update(registry, &[task | &1])
  end

  # Awaited below.
  def pick_now(tree) do
    task = Task.async(fn -> pick(tree) end)
    Task.await(task, 2_000)
  end

  # Read through its fields.
  def pick_and_report(tree) do
    task = Task.async(fn -> pick(tree) end)
    IO.puts("picking in #{inspect(task.pid)}")
  end

  # The reply is received by the same function.
  def pick_here(tree) do
    Task.async(fn -> pick(tree) end)

    receive do
      {ref, fruit} when is_reference(ref) -> fruit
    after
      1_000 -> :none
    end
  end

  # Lost: nobody ever reads the task or its reply.
  def pick_and_forget(tree) do
    Task.async(fn -> pick(tree) end) # want: OTP009 "Task.async/1 in pick_and_forget/1 starts a task nobody awaits, left as a hint"
    :ok
  end

  def pick_bound_and_forget(tree) do
    task = Task.async(fn -> pick(tree) end) # want: OTP009 "Task.async/1"
    _ = Task.async(fn -> pick(tree) end) # want: OTP009 "Task.async/1"
    :ok
  end

  defp pick(tree), do: {:fruit, tree}
end

defmodule Orchard.Keeper do
  use GenServer

  def init(trees), do: {:ok, %{trees: trees, task: nil}}

  # Stored in the state returned: handle_info/2 below gets the reply.
  def handle_cast({:pick, tree}, state) do
    {:noreply, %{state | task: Task.async(fn -> {:fruit, tree} end)}}
  end

  def handle_info({ref, _fruit}, %{task: %Task{ref: ref}} = state) do
    Process.demonitor(ref, [:flush])
    {:noreply, %{state | task: nil}}
  end
end

defmodule Orchard.Machine do
  @behaviour :gen_statem

  def callback_mode, do: :handle_event_function
  def init(tree), do: {:ok, :idle, tree}

  # The reply arrives as an :info event that handle_event/4 matches.
  def handle_event(:cast, :pick, :idle, tree) do
    Task.async(fn -> {:fruit, tree} end)
    {:next_state, :picking, tree}
  end

  def handle_event(:info, {ref, _fruit}, :picking, tree) when is_reference(ref) do
    {:next_state, :idle, tree}
  end

  def handle_event(:info, {:DOWN, _, _, _, _}, state, tree), do: {:next_state, state, tree}
end

# A lost task in a server: its reply and :DOWN messages land in the server's mailbox, on
# every cast, for as long as the server runs. Outside a process module (Orchard.Fetcher
# above) the caller may be a short-lived script, so the same shape is only a hint there.
defmodule Orchard.Picker do
  use GenServer

  def init(tree), do: {:ok, tree}

  def handle_cast(:pick, tree) do
    Task.async(fn -> {:fruit, tree} end) # want: OTP009 "Task.async/1 in handle_cast/2 starts a task nobody awaits: its reply"
    {:noreply, tree}
  end
end
