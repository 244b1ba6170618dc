# want+1: OTP002
defmodule Bank.Rates do
  @moduledoc "Formatted input: do: and do-block handlers, a multi-line call, comments inside."
  use GenServer

  def start_link(_), do: GenServer.start_link(__MODULE__, :ok, name: __MODULE__)

  def convert(amount, rate) do
    GenServer.call(
      __MODULE__,
      {:convert, amount, rate}
    )
  end

  def round_to(amount), do: GenServer.call(__MODULE__, {:round_to, amount})

  @impl true
  def init(:ok), do: {:ok, %{}}

  @impl true
  def handle_call({:convert, amount, rate}, _from, state) do
    # Rates are quoted per unit.
    converted = amount * rate

    # Rounded to cents.
    {:reply, Float.round(converted, 2), state}
  end

  def handle_call({:round_to, amount}, _from, state), do: {:reply, round(amount), state}
end
