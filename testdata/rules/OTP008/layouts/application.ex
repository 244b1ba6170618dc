defmodule Desk.Application do
  use Application

  @impl true
  def start(_type, _args) do
    children = [
      {Task.Supervisor, name: Desk.Tasks},
      Desk.Tickets
    ]

    Supervisor.start_link(children, strategy: :one_for_one, name: Desk.Supervisor)
  end
end
