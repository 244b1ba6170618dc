defmodule Indexer do
  use GenServer

  def start(docs \\ []), do: GenServer.start(__MODULE__, docs)

  @impl true
  def init(docs) do
    # want+1: OTP011 "Process.flag\(:trap_exit, true\) in Indexer.init/1 turns the exit of the task Task.async/1 starts in Indexer.handle_call/3 into \{:EXIT, pid, reason\}, which no handle_info/2 clause of Indexer matches"
    Process.flag(:trap_exit, true)
    {:ok, docs}
  end

  # The task is awaited, but it is linked: its normal exit still arrives as a message.
  @impl true
  def handle_call({:index, doc}, _from, docs) do
    tokens = Task.async(fn -> String.split(doc) end) |> Task.await()
    {:reply, length(tokens), [doc | docs]}
  end

  @impl true
  def handle_info(:flush, _docs), do: {:noreply, []}

  @impl true
  def terminate(_reason, _docs), do: :ok
end
