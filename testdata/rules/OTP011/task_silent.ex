# Tasks whose reply is awaited or handled: none of these crash.

defmodule Resizer.Awaited do
  use GenServer

  def init(state), do: {:ok, state}

  def handle_call({:resize, image}, _from, state) do
    small = Task.async(fn -> {:small, image} end)
    large = Task.async(fn -> {:large, image} end)
    {:reply, Task.await_many([small, large]), state}
  end

  def handle_info(:tick, state), do: {:noreply, state}
end

defmodule Resizer.Piped do
  use GenServer

  def init(state), do: {:ok, state}

  def handle_call({:resize, image}, _from, state) do
    result = Task.async(fn -> {:small, image} end) |> Task.await()
    {:reply, result, state}
  end

  def handle_info(:tick, state), do: {:noreply, state}
end

# Awaited by another callback: the reply may be taken there.
defmodule Resizer.AwaitedLater do
  use GenServer

  def init(state), do: {:ok, state}

  def handle_cast({:resize, image}, state) do
    {:noreply, Map.put(state, :job, Task.async(fn -> {:small, image} end))}
  end

  def handle_call(:result, _from, %{job: job} = state) do
    {:reply, Task.yield(job, 1000), state}
  end

  def handle_info(:tick, state), do: {:noreply, state}
end

# The reply is taken and the monitor flushed with it, as the Task docs show.
defmodule Resizer.Handled do
  use GenServer

  def init(state), do: {:ok, state}

  def handle_cast({:resize, image}, state) do
    Task.async(fn -> {:small, image} end)
    {:noreply, state}
  end

  def handle_info({ref, result}, state) when is_reference(ref) do
    Process.demonitor(ref, [:flush])
    {:noreply, Map.put(state, :last, result)}
  end

  def handle_info(:tick, state), do: {:noreply, state}
end

# Reply and :DOWN both handled for a nolink task.
defmodule Resizer.Nolink do
  use GenServer

  def init(sup), do: {:ok, %{sup: sup}}

  def handle_cast({:resize, image}, state) do
    Task.Supervisor.async_nolink(state.sup, fn -> {:small, image} end)
    {:noreply, state}
  end

  def handle_info({ref, _result}, state) when is_reference(ref) do
    forget(ref)
    {:noreply, state}
  end

  def handle_info({:DOWN, _ref, :process, _pid, _reason}, state), do: {:noreply, state}

  defp forget(ref), do: Process.demonitor(ref, [:flush])
end

# The reply clause demonitors through a helper: no :DOWN follows.
defmodule Resizer.HelperFlush do
  use GenServer

  def init(state), do: {:ok, state}

  def handle_cast({:resize, image}, state) do
    Task.async(fn -> {:small, image} end)
    {:noreply, state}
  end

  def handle_info({ref, result}, state) when is_reference(ref) do
    {:noreply, finish(ref, result, state)}
  end

  defp finish(ref, result, state) do
    Process.demonitor(ref, [:flush])
    Map.put(state, :last, result)
  end
end

# Started by a client function: the task belongs to the caller.
defmodule Resizer.Client do
  use GenServer

  def init(state), do: {:ok, state}

  def resize_async(image), do: Task.async(fn -> {:small, image} end)

  def handle_info(:tick, state), do: {:noreply, state}
end
