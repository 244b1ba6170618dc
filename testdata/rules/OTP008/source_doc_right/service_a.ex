# The source document's section 8 right forms: asynchronous messages, and a task. Silent.
defmodule ServiceA do
  use GenServer

  def init(state), do: {:ok, state}

  def handle_call(:process, from, state) do
    # Send async request to ServiceB
    GenServer.cast(ServiceB, {:compute, from, self()})
    {:noreply, state}
  end

  def handle_cast({:result, _result}, state) do
    {:noreply, state}
  end
end

defmodule ServiceB do
  use GenServer

  def init(state), do: {:ok, state}

  def compute, do: GenServer.call(__MODULE__, :compute)

  def handle_cast({:compute, reply_to, caller}, state) do
    result = do_compute()
    GenServer.cast(caller, {:result, result})
    GenServer.reply(reply_to, result)
    {:noreply, state}
  end

  defp do_compute, do: 42
end

defmodule ServiceA2 do
  use GenServer

  def init(state), do: {:ok, state}

  # The task runs ServiceB.compute/0 in its own process: ServiceA2 does not wait on it.
  def handle_call(:process, _from, state) do
    task =
      Task.async(fn ->
        ServiceB.compute()
      end)

    {:reply, {:ok, task}, state}
  end
end
