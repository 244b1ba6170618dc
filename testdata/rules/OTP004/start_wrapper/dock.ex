# A start wrapper whose body is a supervisor's start_child starts its process under
# that (running) supervisor: its callers start nothing outside a supervision tree.
defmodule Harbor.Berth do
  use Supervisor

  def start_link(berth), do: Supervisor.start_link(__MODULE__, berth)

  def start(berth), do: DynamicSupervisor.start_child(Harbor.Berths, {__MODULE__, berth})

  def start(berth, quay) do
    spec = {__MODULE__, {berth, quay}}
    Supervisor.start_child(quay, spec)
  end

  @impl true
  def init(_berth), do: Supervisor.init([], strategy: :one_for_one)
end

# Positive twin: a start/1 whose body starts the server itself.
defmodule Harbor.Crane do
  use GenServer

  def start(load), do: GenServer.start(__MODULE__, load)

  @impl true
  def init(load), do: {:ok, load}
end

defmodule Harbor.Dock do
  def arrive(berth, ship) do
    Harbor.Berth.start(berth)
    {:ok, ship}
  end

  def moor(berth) do
    berth |> Harbor.Berth.start()
    berth |> Harbor.Berth.start(Harbor.Quays)
    :ok
  end

  def lift(load) do
    Harbor.Crane.start(load) # want: OTP004 "^Harbor\.Crane\.start/1 in lift/1 starts a process no supervisor knows about: it is linked to no process"
    :ok
  end
end
