defmodule Orchard.Application do
  use Application

  @impl true
  def start(_type, _args) do
    children = [
      {Task.Supervisor, name: Orchard.Pickers}
    ]

    Supervisor.start_link(children, strategy: :one_for_one, name: Orchard.Supervisor)
  end
end
