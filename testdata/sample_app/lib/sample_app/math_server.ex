defmodule SampleApp.MathServer do
  @moduledoc """
  Unit conversions, behind a process for no reason (OTP002).
  """
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def to_fahrenheit(celsius), do: GenServer.call(__MODULE__, {:to_fahrenheit, celsius})

  def to_kmh(ms), do: GenServer.call(__MODULE__, {:to_kmh, ms})

  @impl true
  def init(_opts), do: {:ok, %{}}

  @impl true
  def handle_call({:to_fahrenheit, celsius}, _from, state) do
    {:reply, celsius * 9 / 5 + 32, state}
  end

  def handle_call({:to_kmh, ms}, _from, state) do
    {:reply, ms * 3.6, state}
  end
end
