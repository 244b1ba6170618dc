defmodule Shop.Inventory.Store do
  use GenServer

  def start_link(opts) do
    GenServer.start_link(__MODULE__, opts, name: __MODULE__)
  end

  def reserve(sku, n), do: GenServer.call(__MODULE__, {:reserve, sku, n})

  @impl true
  def init(opts), do: {:ok, Map.new(opts)}

  @impl true
  def handle_call({:reserve, sku, n}, _from, stock) do
    {:reply, :ok, Map.update(stock, sku, 0, &(&1 - n))}
  end
end
