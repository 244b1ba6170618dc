defmodule Shop.Application do
  use Application

  alias Shop.Inventory
  alias Shop.Orders.Supervisor, as: OrdersSup

  @impl true
  def start(_type, _args) do
    children = [
      {Registry, keys: :unique, name: Shop.Registry},
      Inventory.Store,
      {Task.Supervisor, name: Shop.TaskSup},
      Supervisor.child_spec({Shop.Pricer, region: :eu}, id: :pricer_eu, restart: :transient),
      OrdersSup,
      {DynamicSupervisor, name: Shop.CartSup, strategy: :one_for_one},
      {PartitionSupervisor, child_spec: Task.Supervisor, name: Shop.Partitions}
    ] ++ extra_children()

    Supervisor.start_link(children, strategy: :rest_for_one, name: Shop.Supervisor)
  end

  defp extra_children do
    if Application.get_env(:shop, :metrics), do: [Shop.Metrics], else: []
  end
end
