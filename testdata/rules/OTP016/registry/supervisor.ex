defmodule Garden.Supervisor do
  use Supervisor

  def start_link(arg), do: Supervisor.start_link(__MODULE__, arg, name: __MODULE__)

  @impl true
  def init(_arg) do
    children = [Garden.Sprinkler, {Registry, keys: :unique, name: Garden.Valves}]
    Supervisor.init(children, strategy: :one_for_one)
  end
end
