# Struct state, head patterns, guards, Map/put_in access and helpers the state is passed to.
defmodule Shop.Hub do # want: OTP001 "Shop.Hub holds 3 unrelated concerns in one process \(\[carts, prices\] \[sessions\] \[audit\]\)"
  use GenServer

  defstruct carts: %{}, prices: %{}, sessions: %{}, audit: []

  def start_link(_), do: GenServer.start_link(__MODULE__, nil, name: __MODULE__)

  @impl true
  def init(nil), do: {:ok, %__MODULE__{}}

  @impl true
  def handle_call({:add, cart, sku}, _from, %__MODULE__{carts: carts} = state) when is_binary(sku) do
    price = Map.fetch!(state.prices, sku)
    {:reply, price, %{state | carts: Map.update(carts, cart, [sku], &[sku | &1])}}
  end

  def handle_call({:login, user}, _from, state) do
    state
    |> open_session(user)
    |> then(&{:reply, :ok, &1})
  end

  @impl true
  def handle_cast({:price, sku, p}, state), do: {:noreply, put_in(state, [:prices, sku], p)}

  @impl true
  def handle_info({:audit, entry}, state) do
    {:noreply, Map.update!(state, :audit, &[entry | &1])}
  end

  defp open_session(state, user), do: %{state | sessions: Map.put(state.sessions, user, :os.system_time())}
end

# A real stateful server: every field is used together with another. Silent.
defmodule Shop.RateLimiter do
  use GenServer

  def init(limit), do: {:ok, %{limit: limit, counts: %{}, window: 1_000}}

  def handle_call({:hit, key}, _from, %{counts: counts, limit: limit} = state) do
    n = Map.get(counts, key, 0)
    {:reply, n < limit, %{state | counts: Map.put(counts, key, n + 1)}}
  end

  def handle_info(:reset, state) do
    Process.send_after(self(), :reset, state.window)
    {:noreply, %{state | counts: %{}}}
  end
end

# A process that owns a port and a timer. Silent.
defmodule Shop.PortOwner do
  use GenServer

  def init(cmd) do
    port = Port.open({:spawn, cmd}, [:binary])
    {:ok, %{port: port, buffer: "", timer: nil}}
  end

  def handle_info({port, {:data, data}}, %{port: port} = state) do
    if state.timer, do: Process.cancel_timer(state.timer)
    {:noreply, %{state | buffer: state.buffer <> data, timer: Process.send_after(self(), :flush, 100)}}
  end

  def handle_info(:flush, state), do: {:noreply, %{state | buffer: "", timer: nil}}
end

# The state goes whole to another module: its fields cannot be told apart. Silent.
defmodule Shop.Delegating do
  use GenServer

  def init(_), do: {:ok, %{a: 1, b: 2, c: 3}}

  def handle_call(:a, _from, state), do: {:reply, state.a, state}
  def handle_call(:b, _from, state), do: {:reply, state.b, state}
  def handle_call(:dump, _from, state), do: {:reply, Shop.Format.render(state), state}
end
