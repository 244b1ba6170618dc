defmodule Shop.Orders do
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def pending, do: GenServer.call(__MODULE__, :pending)

  def place(order), do: GenServer.call(__MODULE__, {:place, order})

  @impl true
  def init(_opts), do: {:ok, []}

  @impl true
  def handle_call(:pending, _from, orders), do: {:reply, Enum.map(orders, & &1.sku), orders}

  # Reaches the inventory's registered name through its API: the other half of the cycle.
  def handle_call({:place, %{sku: sku, qty: qty} = order}, _from, orders) when is_binary(sku) do
    with :ok <- Shop.Inventory.reserve(sku, qty) do # want: OTP008 "Shop.Inventory.reserve/2 from Shop.Orders's handle_call/3 closes a cycle of synchronous calls: Shop.Orders -> Shop.Inventory -> Shop.Orders"
      {:reply, :ok, [order | orders]}
    end
  end

  # Asks itself through its own API function: an exit, never a reply. Reply-later applies:
  # the task calls pending/0, which the then free server answers.
  def handle_call(:count, _from, orders) do
    {:reply, length(pending()), orders} # want: OTP008 "pending/0 from Shop.Orders.s handle_call/3 calls Shop.Orders itself: .*\(pending/0 reaches GenServer.call/2\)"
  end

  def handle_call(:audit, _from, orders) do
    # Calls itself directly; the state is unchanged, so the reply-later rewrite applies:
    # the task's call is answered by the then free server.
    report = GenServer.call(__MODULE__, :pending) |> Enum.frequencies() # want: OTP008 "GenServer.call/2 from Shop.Orders's handle_call/3 calls Shop.Orders itself: the server is busy"
    {:reply, report, orders}
  end
end
