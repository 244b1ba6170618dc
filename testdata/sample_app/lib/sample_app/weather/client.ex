defmodule SampleApp.Weather.Client do
  @moduledoc """
  Fetches forecasts from the weather API and remembers the last one per city.
  """
  use GenServer
  require Logger

  alias SampleApp.Weather.Cache

  @base_url "https://api.weather.example.com/v1"

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def forecast(city), do: GenServer.call(__MODULE__, {:forecast, city})

  def last(city), do: GenServer.call(__MODULE__, {:last, city})

  @impl true
  def init(_opts), do: {:ok, %{requests: 0}}

  # Blocks the whole server for as long as the API takes to answer (OTP003).
  @impl true
  def handle_call({:forecast, city}, _from, state) do
    case HTTPoison.get("#{@base_url}/forecast?city=#{URI.encode(city)}") do
      {:ok, %{status_code: 200, body: body}} ->
        forecast = Jason.decode!(body)
        Cache.put(city, forecast)
        {:reply, {:ok, forecast}, state}

      {:ok, %{status_code: status}} ->
        {:reply, {:error, {:http, status}}, state}

      {:error, reason} ->
        Logger.warning("weather API failed: #{inspect(reason)}")
        {:reply, {:error, reason}, state}
    end
  end

  def handle_call({:last, city}, _from, state) do
    {:reply, Cache.get(city), %{state | requests: state.requests + 1}}
  end
end
