defmodule Relay.Bridge do
  use Supervisor

  def start_link(arg), do: Supervisor.start_link(__MODULE__, arg, name: __MODULE__)

  @impl true
  def init(_arg), do: Supervisor.init([Relay.Bridge.Uplink], strategy: :one_for_one)
end

defmodule Relay.Metrics do
  use Supervisor

  def start_link(arg), do: Supervisor.start_link(__MODULE__, arg)

  @impl true
  def init(_arg), do: Supervisor.init([Relay.Metrics.Sampler], strategy: :one_for_one)
end

# Started by a start_child site whose supervisor is a variable: an orphan, saying where
# it is started.
defmodule Relay.Session do
  use Supervisor

  def start_link(arg), do: Supervisor.start_link(__MODULE__, arg)

  def open(sup, id), do: DynamicSupervisor.start_child(sup, {Relay.Session, id})

  @impl true
  def init(id), do: Supervisor.init([{Relay.Session.Reader, id}], strategy: :one_for_all)
end

# Defined here, started by no one.
defmodule Relay.Spare do
  use Supervisor

  def start_link(arg), do: Supervisor.start_link(__MODULE__, arg)

  @impl true
  def init(_arg), do: Supervisor.init([], strategy: :one_for_one)
end
