defmodule Shop.Application do
  use Application

  def start(_type, _args) do
    children = [
      {Task.Supervisor, name: Shop.Tasks},
      Shop.Inventory,
      Shop.Orders,
      Shop.Clock
    ]

    Supervisor.start_link(children, strategy: :one_for_one, name: Shop.Supervisor)
  end
end
