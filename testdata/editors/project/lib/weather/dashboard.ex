defmodule Weather.Dashboard do
  def current(city) do
    GenServer.call(Weather.Cache, {:lookup, city}, 1_000)
  end
end
