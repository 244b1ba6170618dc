defmodule Shop.Clock do
  @behaviour :gen_server

  def start_link(opts), do: :gen_server.start_link({:local, :clock}, __MODULE__, opts, [])

  def now, do: :gen_server.call(:clock, :now)

  @impl true
  def init(_opts), do: {:ok, 0}

  @impl true
  def handle_call(:now, _from, ticks), do: {:reply, ticks, ticks}

  # self(): the call is made by the server itself. No fix: the task would call itself.
  @impl true
  def handle_cast(:sync, ticks) do
    :gen_server.call(self(), :now) # want: OTP008 ":gen_server.call/2 from Shop.Clock's handle_cast/2 calls Shop.Clock itself"
    {:noreply, ticks}
  end

  # In another process, as a cast, to an unknown pid, or from an API function: not edges.
  def handle_cast({:tick, pid}, ticks) do
    Task.Supervisor.start_child(Shop.Tasks, fn -> Shop.Orders.place(%{sku: "x", qty: 1}) end)
    GenServer.cast(Shop.Orders, :poke)
    GenServer.call(pid, :hello)
    {:noreply, ticks + 1}
  end
end

defmodule Shop.Report do
  # A plain module: its calls run in whoever calls it.
  def daily, do: {Shop.Orders.pending(), Shop.Clock.now()}
end
