defmodule Shop.Inventory do
  @moduledoc "Stock levels; registered under an atom."
  use GenServer
  alias Shop.Orders

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: :inventory)

  def reserve(sku, qty) when qty > 0, do: GenServer.call(:inventory, {:reserve, sku, qty})

  @impl true
  def init(_opts), do: {:ok, %{stock: %{}, held: %{}}}

  @impl true
  def handle_call({:reserve, sku, qty}, _from, %{stock: stock} = state) do
    case Map.get(stock, sku, 0) do
      n when n >= qty -> {:reply, :ok, put_in(state.held[sku], qty)}
      _ -> {:reply, {:error, :out_of_stock}, state}
    end
  end

  # Through Orders' API function, a cycle with Orders.handle_call/3 (which reserves here).
  # The state changes, so the reply-later rewrite is not offered.
  @impl true
  def handle_info(:restock, state) do
    pending = Orders.pending() # want: OTP008 "Shop.Orders.pending/0 from Shop.Inventory's handle_info/2 closes a cycle of synchronous calls: Shop.Inventory -> Shop.Orders -> Shop.Inventory"
    {:noreply, %{state | held: Map.take(state.held, pending)}}
  end
end
