defmodule Glaze.Application do
  use Application

  @impl true
  def start(_type, _args) do
    children = [
      {Task.Supervisor, name: Glaze.TaskSupervisor}
    ]

    Supervisor.start_link(children, strategy: :one_for_one, name: Glaze.Supervisor)
  end
end
