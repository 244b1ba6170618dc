defmodule Gateway.Application do
  use Application

  @listener Gateway.Listener

  def start(_type, _args) do
    opts = [strategy: :one_for_one, name: Gateway.Supervisor]
    Supervisor.start_link([@listener, {Gateway.Pool, size: 4}], opts)
  end
end

defmodule Gateway.Listener do
  use Task

  def start_link(arg), do: Task.start_link(__MODULE__, :run, [arg])

  def run(_arg), do: :ok
end

defmodule Gateway.Pool do
  use DynamicSupervisor

  def start_link(opts), do: DynamicSupervisor.start_link(__MODULE__, opts, name: __MODULE__)

  def start_conn(socket), do: DynamicSupervisor.start_child(__MODULE__, {Gateway.Conn, socket})

  @impl true
  def init(_opts), do: DynamicSupervisor.init(strategy: :one_for_one, max_children: 100)
end

defmodule Gateway.Conn do
  use GenServer, restart: :temporary

  def start_link(socket), do: GenServer.start_link(__MODULE__, socket)

  @impl true
  def init(socket), do: {:ok, socket}
end

defmodule Gateway.Orphan do
  use Supervisor

  def start_link(arg), do: Supervisor.start_link(__MODULE__, arg)

  def init(_), do: Supervisor.init([Gateway.Conn], strategy: :simple_one_for_one)
end
