defmodule Weather.Station do
  @moduledoc false

  # A multi-line rescue body is copied with its lines.
  def reading(station, sensor) do
    try do
      GenServer.call(station, {:read, sensor}, 1_000) # want: OTP020
    rescue
      _ ->
        IO.puts("station down")
        {:error, :station_down}
    after
      IO.puts("done")
    end
  end

  # The longer head would push this clause past the line length: its body moves down.
  def forecast(station, region) do
    try do
      GenServer.call(station, {:forecast, region}) # want: OTP020
    rescue
      _ -> {:error, {:forecast_unavailable, region, :station_did_not_answer_in_time_at_all}}
    end
  end

  # One line: no layout to put a clause in, no fix.
  def ping(station), do: (try do GenServer.call(station, :ping) rescue _ -> :down end) # want: OTP020
end
