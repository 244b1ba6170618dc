defmodule Warehouse.Application do
  use Application

  @impl true
  def start(_type, _args) do
    children = [
      {Task.Supervisor, name: Warehouse.Logistics.Dispatch.BackgroundTaskSupervisor}
    ]

    Supervisor.start_link(children, strategy: :one_for_one, name: Warehouse.Supervisor)
  end
end
