defmodule Shop.Prices do
  use GenServer

  def start_link(_arg), do: GenServer.start_link(__MODULE__, %{apple: 3}, name: __MODULE__)

  @impl true
  def init(prices), do: {:ok, prices}

  @impl true
  def handle_call(:all, _from, prices), do: {:reply, prices, prices}
end
