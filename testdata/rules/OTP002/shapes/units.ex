defmodule Shop.Units do # want: OTP002 "Shop.Units is a GenServer with no state: init/1 returns nil"
  @moduledoc "Conversions behind a process, with guards, @impl, a case tail and a helper."
  use GenServer
  alias Shop.Units

  def start_link(_), do: GenServer.start_link(__MODULE__, nil, name: __MODULE__)

  @doc "Celsius to Fahrenheit."
  def to_f(c), do: GenServer.call(Units, {:to_f, c})

  def ratio(a, b), do: GenServer.call(__MODULE__, {:ratio, a, b})

  def version, do: GenServer.call(__MODULE__, :version)

  @impl true
  def init(nil), do: {:ok, nil}

  @impl true
  def handle_call({:to_f, c}, _from, state) when is_number(c), do: {:reply, round(c * 9 / 5 + 32), state}

  def handle_call({:ratio, _a, 0}, _from, state), do: {:reply, :infinity, state}

  def handle_call({:ratio, a, b}, _from, state) do
    case div(a, b) do
      0 -> {:reply, {:fraction, format(a, b)}, state}
      n -> {:reply, n, state}
    end
  end

  def handle_call(:version, _from, _state), do: {:reply, "1.0", nil}

  defp format(a, b), do: "#{a}/#{b}"
end
