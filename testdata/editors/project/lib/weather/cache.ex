defmodule Weather.Cache do
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def lookup(city), do: GenServer.call(__MODULE__, {:lookup, city})

  def store(city, forecast), do: GenServer.cast(__MODULE__, {:store, city, forecast})

  @impl true
  def init(_opts), do: {:ok, %{}}

  @impl true
  def handle_call({:lookup, city}, _from, forecasts) do
    {:reply, Map.fetch(forecasts, city), forecasts}
  end

  @impl true
  def handle_cast({:store, city, forecast}, forecasts) do
    {:noreply, Map.put(forecasts, city, forecast)}
  end
end
