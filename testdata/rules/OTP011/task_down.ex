defmodule PriceFeed do
  use GenServer

  def start(prices \\ %{}), do: GenServer.start(__MODULE__, prices)

  @impl true
  def init(prices), do: {:ok, prices}

  @impl true
  def handle_cast({:fetch, symbol}, prices) do
    # want+1: OTP011 "Task.async/1 in PriceFeed.handle_cast/2, never awaited, delivers \{:DOWN, ref, :process, pid, reason\} after its reply"
    Task.async(fn -> {symbol, 42} end)
    {:noreply, prices}
  end

  # Takes the reply but leaves the task's monitor in place: its :DOWN follows.
  @impl true
  def handle_info({ref, {symbol, price}}, prices) when is_reference(ref) do
    {:noreply, Map.put(prices, symbol, price)}
  end
end
