defmodule Weather.Client do
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def forecast(city), do: GenServer.call(__MODULE__, {:forecast, city})

  @impl true
  def init(opts), do: {:ok, opts}

  @impl true
  def handle_call({:forecast, city}, _from, state) do
    result = HTTPoison.get("https://api.example.com/forecast/" <> city)
    {:reply, result, state}
  end
end
