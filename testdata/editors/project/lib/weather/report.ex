defmodule Weather.Report do
  alias Weather.Cache

  def daily(city) do
    case Cache.lookup(city) do
      {:ok, forecast} -> "#{city}: #{forecast}"
      :error -> "#{city}: no forecast yet"
    end
  end
end
