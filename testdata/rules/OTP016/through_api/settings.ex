defmodule Library.Settings do
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, Map.new(opts), name: __MODULE__)

  def fetch(key), do: GenServer.call(__MODULE__, {:fetch, key})

  @impl true
  def init(settings), do: {:ok, settings}

  @impl true
  def handle_call({:fetch, key}, _from, settings), do: {:reply, Map.fetch!(settings, key), settings}
end
