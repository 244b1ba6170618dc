defmodule Shop.Orders.Supervisor do
  use Supervisor

  def start_link(arg), do: Supervisor.start_link(__MODULE__, arg, name: __MODULE__)

  @impl true
  def init(_arg) do
    workers = for n <- 1..2, do: Supervisor.child_spec({Shop.Orders.Worker, n}, id: n)

    children = [
      %{id: :ledger, start: {Shop.Orders.Ledger, :start_link, [[]]}, restart: :transient},
      Shop.Orders.Intake
    ] ++ workers

    Supervisor.init(children, strategy: :one_for_all)
  end
end

defmodule Shop.Orders.Ledger do
  use GenServer

  def start_link(_), do: GenServer.start_link(__MODULE__, [], name: :orders_ledger)

  @impl true
  def init(_), do: {:ok, []}
end

defmodule Shop.Orders.Intake do
  use GenServer
  alias Shop.Inventory.Store

  def start_link(_), do: GenServer.start_link(__MODULE__, [], name: __MODULE__)

  @impl true
  def init(_), do: {:ok, nil}

  @impl true
  def handle_cast({:order, sku}, state) do
    :ok = Store.reserve(sku, 1)
    total = GenServer.call(:orders_ledger, :total)
    {:ok, _} = DynamicSupervisor.start_child(Shop.CartSup, {Shop.Cart, sku})
    {:noreply, Map.put(state || %{}, sku, total)}
  end
end

defmodule Shop.Orders.Worker do
  use GenServer

  def start_link(n), do: GenServer.start_link(__MODULE__, n)

  @impl true
  def init(n), do: {:ok, n}
end
