defmodule Crawler do
  use GenServer

  def start(sup), do: GenServer.start(__MODULE__, sup)

  @impl true
  def init(sup), do: {:ok, %{sup: sup, pending: %{}}}

  @impl true
  def handle_call({:crawl, url}, _from, state) do
    # want+1: OTP011 "Task.Supervisor.async_nolink/2 in Crawler.handle_call/3, never awaited, delivers \{ref, result\} and \{:DOWN, ref, :process, pid, reason\} when the task ends"
    task = Task.Supervisor.async_nolink(state.sup, fn -> {:page, url} end)
    {:reply, :ok, put_in(state.pending[task.ref], url)}
  end

  @impl true
  def handle_info(:report, state) do
    IO.inspect(map_size(state.pending), label: "pending")
    {:noreply, state}
  end
end
