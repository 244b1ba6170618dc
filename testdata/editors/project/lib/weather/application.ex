defmodule Weather.Application do
  use Application

  @impl true
  def start(_type, _args) do
    children = [
      {Task.Supervisor, name: Weather.TaskSupervisor},
      Weather.Client,
      Weather.Cache
    ]

    Supervisor.start_link(children, strategy: :one_for_one, name: Weather.Supervisor)
  end
end
