defmodule Shop.Application do
  use Application
  alias Shop.Clock

  @impl true
  def start(_type, _args) do
    {:ok, _} = Clock.start_link(tick: 1_000) # want: OTP004 "Clock.start_link/1 in Shop.Application.start/2 starts a process outside the supervision tree"
    {:ok, pid} = GenServer.start_link(Shop.Registry, %{}, name: Shop.Registry) # want: OTP004 "GenServer.start_link/3 in Shop.Application.start/2"
    :persistent_term.put(:registry, pid)
    Shop.Metrics.start_link() # want: OTP004 "Shop.Metrics.start_link/0 in Shop.Application.start/2"
    {:ok, pid} # want: OTP004 "returns \{:ok, pid\} instead of a supervisor's start result"
  end
end

defmodule Shop.Clock do
  use GenServer
  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)
  def init(opts), do: {:ok, opts}
end

defmodule Shop.Registry do
  use GenServer
  def init(s), do: {:ok, s}
end

defmodule Shop.Metrics do
  use Agent
  def start_link, do: Agent.start_link(fn -> %{} end, name: __MODULE__)
end

# Ordinary code starting servers: flagged, no fix.
defmodule Shop.Web do
  def handle(conn) do
    {:ok, pid} = Shop.Clock.start_link(tick: 10) # want: OTP004 "Shop.Clock.start_link/1 in handle/1 starts a process no supervisor knows about \(its pid is then tracked by hand with Application.put_env/3\)"
    Application.put_env(:shop, :clock, pid)
    {:ok, agent} = Agent.start(fn -> conn end) # want: OTP004 "Agent.start/1 in handle/1"
    Agent.get(agent, & &1)
  end
end

# Silent: start functions wrapping a start, a supervisor's init, a task's work, a mix task.
defmodule Shop.Cache do
  use GenServer
  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)
  def child_spec(opts), do: %{id: __MODULE__, start: {__MODULE__, :start_link, [opts]}}
  def init(s), do: {:ok, s}
end

defmodule Shop.Sup do
  use Supervisor
  def start_link(arg), do: Supervisor.start_link(__MODULE__, arg, name: __MODULE__)
  def init(_arg), do: Supervisor.init([Shop.Cache], strategy: :one_for_one)
end

defmodule Mix.Tasks.Shop.Warm do
  use Mix.Task
  def run(_args), do: Shop.Cache.start_link([])
end
