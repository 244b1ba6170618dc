defmodule Zoo.Keepers do
  use Supervisor

  def start_link(arg), do: Supervisor.start_link(__MODULE__, arg, name: __MODULE__)

  @impl true
  def init(_arg), do: Supervisor.init([Zoo.Feeder], strategy: :one_for_one)
end

defmodule Zoo.Pantry do
  use Supervisor

  def start_link(arg), do: Supervisor.start_link(__MODULE__, arg, name: __MODULE__)

  @impl true
  def init(_arg), do: Supervisor.init([Zoo.Food], strategy: :one_for_one)
end
