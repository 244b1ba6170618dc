# A chain: the consumer subscribes to the producer, the notifier calls the consumer.
defmodule Shop.PipelineSupervisor do
  use Supervisor

  def start_link(arg), do: Supervisor.start_link(__MODULE__, arg, name: __MODULE__)

  @impl true
  def init(_arg) do
    children = [Shop.Producer, Shop.Consumer, Shop.Notifier]
    Supervisor.init(children, strategy: :one_for_one) # want: OTP005 ":one_for_one: each child depends on the ones started before it \(Consumer -> Producer, Notifier -> Consumer\), so a crash should restart the failed child and those after it: :rest_for_one"
  end
end

defmodule Shop.Producer do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, [], name: __MODULE__)
  def init(s), do: {:ok, s}
  def handle_call(:take, _from, [x | rest]), do: {:reply, x, rest}
end

defmodule Shop.Consumer do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, nil, name: __MODULE__)
  def init(s), do: {:ok, s}
  def handle_call(:next, _from, s), do: {:reply, GenServer.call(Shop.Producer, :take), s}
end

defmodule Shop.Notifier do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, nil, name: __MODULE__)
  def init(s), do: {:ok, s}
  def handle_info(:tick, s), do: {:noreply, [GenServer.call(Shop.Consumer, :next) | s]}
end

# Coupled both ways: what :one_for_all is for. Silent.
defmodule Shop.ClusterSupervisor do
  use Supervisor
  def start_link(arg), do: Supervisor.start_link(__MODULE__, arg, name: __MODULE__)
  def init(_arg), do: Supervisor.init([Shop.Node, Shop.Coordinator], strategy: :one_for_all)
end

defmodule Shop.Node do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, nil, name: __MODULE__)
  def init(s), do: {:ok, s}
  def handle_cast(:sync, s), do: {:noreply, GenServer.call(Shop.Coordinator, :state) || s}
end

defmodule Shop.Coordinator do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, nil, name: __MODULE__)
  def init(s), do: {:ok, s}
  def handle_call(:state, _from, s), do: {:reply, s, s}
  def handle_info(:tick, s), do: {:noreply, GenServer.cast(Shop.Node, :sync) && s}
end

# An external child of another kind: nothing is known about it. Silent.
defmodule Shop.EdgeSupervisor do
  use Supervisor
  def init(_arg), do: Supervisor.init([Shop.Cache, {Phoenix.PubSub, name: Shop.PubSub}], strategy: :one_for_all)
end

# Deprecated strategy: flagged, no fix.
defmodule Shop.LegacySupervisor do
  use Supervisor
  def init(_arg), do: Supervisor.init([Shop.Conn], strategy: :simple_one_for_one) # want: OTP005 ":simple_one_for_one is deprecated: start dynamic children under a DynamicSupervisor"
end

defmodule Shop.ErlangStyle do
  @behaviour :supervisor
  def init(_arg), do: {:ok, {{:simple_one_for_one, 5, 10}, []}} # want: OTP005 ":simple_one_for_one is deprecated"
end
