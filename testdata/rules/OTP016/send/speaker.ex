defmodule Radio.Speaker do
  use GenServer

  def start_link(_arg), do: GenServer.start_link(__MODULE__, nil, name: __MODULE__)

  @impl true
  def init(nil), do: {:ok, nil}

  @impl true
  def handle_info({:tuned, frequency}, _state), do: {:noreply, frequency}
end
