defmodule Shop.Cart do
  use GenServer, restart: :temporary

  def start_link(sku), do: GenServer.start_link(__MODULE__, sku)

  def open(spec_fun) do
    DynamicSupervisor.start_child(Shop.CartSup, spec_fun.())
  end

  @impl true
  def init(sku), do: {:ok, sku}
end
