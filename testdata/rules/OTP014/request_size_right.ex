defmodule Depot.Store do
  use GenServer

  def start_link(_), do: GenServer.start_link(__MODULE__, %{}, name: __MODULE__)

  def put(key, value, ttl), do: GenServer.call(__MODULE__, {:put, key, value, ttl})

  def fetch(key), do: GenServer.call(__MODULE__, {:fetch, key})

  @impl true
  def init(items), do: {:ok, items}

  @impl true
  def handle_call({:put, key, value, _ttl}, _from, items),
    do: {:reply, :ok, Map.put(items, key, value)}

  def handle_call({:fetch, key}, _from, items), do: {:reply, Map.fetch(items, key), items}
end
