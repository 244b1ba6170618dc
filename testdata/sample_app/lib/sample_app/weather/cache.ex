defmodule SampleApp.Weather.Cache do
  @moduledoc """
  Last forecast per city, shared by every process of the app.
  """

  @table :weather_cache

  # A public table with no concurrency options, written and read from everywhere,
  # never cleaned up (OTP010).
  def init do
    :ets.new(@table, [:set, :public, :named_table])
  end

  def put(city, forecast) do
    :ets.insert(@table, {city, forecast, System.system_time(:second)})
  end

  def get(city) do
    case :ets.lookup(@table, city) do
      [{^city, forecast, _at}] -> {:ok, forecast}
      [] -> :miss
    end
  end

  def cities do
    @table
    |> :ets.tab2list()
    |> Enum.map(fn {city, _forecast, _at} -> city end)
  end
end
