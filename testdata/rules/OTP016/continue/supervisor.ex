defmodule Weather.Supervisor do
  use Supervisor

  def start_link(arg), do: Supervisor.start_link(__MODULE__, arg, name: __MODULE__)

  @impl true
  def init(_arg) do
    children = [
      Weather.Station,
      Weather.Sensors
    ]

    Supervisor.init(children, strategy: :one_for_one)
  end
end
