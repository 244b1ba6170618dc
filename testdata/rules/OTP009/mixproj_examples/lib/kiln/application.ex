defmodule Kiln.Application do
  use Application

  @impl true
  def start(_type, _args) do
    children = [
      Kiln.Thermostat
    ]

    Supervisor.start_link(children, strategy: :one_for_one, name: Kiln.Supervisor)
  end
end
