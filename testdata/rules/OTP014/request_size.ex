defmodule Depot.Store do
  use GenServer

  def start_link(_), do: GenServer.start_link(__MODULE__, %{}, name: __MODULE__)

  # The request grew a third element on this side only.
  def put(key, value, ttl), do: GenServer.call(__MODULE__, {:put, key, value, ttl}) # want: OTP014 "GenServer.call/2 sends \{:put, _, _, _\} to Depot.Store, but no handle_call/3 clause of Depot.Store matches it: the server crashes with FunctionClauseError and the caller exits"

  def fetch(key), do: GenServer.call(__MODULE__, {:fetch, key})

  @impl true
  def init(items), do: {:ok, items}

  @impl true
  def handle_call({:put, key, value}, _from, items), do: {:reply, :ok, Map.put(items, key, value)}
  def handle_call({:fetch, key}, _from, items), do: {:reply, Map.fetch(items, key), items}
end
