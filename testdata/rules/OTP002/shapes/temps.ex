defmodule Shop.Temps do # want: OTP002 "Shop.Temps is a GenServer with no state"
  @moduledoc "A self-alias the inlined clauses still use: it stays."
  use GenServer
  alias Shop.Temps

  def start_link(_), do: GenServer.start_link(__MODULE__, nil, name: __MODULE__)

  def to_k(c), do: GenServer.call(Temps, {:to_k, c})

  @impl true
  def init(nil), do: {:ok, nil}

  @impl true
  def handle_call({:to_k, c}, _from, state), do: {:reply, Temps.offset() + c, state}

  def offset, do: 273.15
end

defmodule Shop.Scales do # want: OTP002 "Shop.Scales is a GenServer with no state"
  @moduledoc "A self-alias a kept function uses: it stays."
  use GenServer
  alias Shop.Scales, as: S

  def start_link(_), do: GenServer.start_link(__MODULE__, nil, name: __MODULE__)

  def double(n), do: GenServer.call(S, {:double, n})

  def quadruple(n), do: S.double(S.double(n))

  @impl true
  def init(nil), do: {:ok, nil}

  @impl true
  def handle_call({:double, n}, _from, state), do: {:reply, n * 2, state}
end
