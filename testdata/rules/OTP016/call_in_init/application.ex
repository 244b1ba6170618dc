defmodule Shop.Application do
  use Application

  @impl true
  def start(_type, _args) do
    children = [
      # The cart reads the price list when it starts.
      Shop.Cart,
      {Task.Supervisor, name: Shop.Tasks},
      Shop.Prices
    ]

    Supervisor.start_link(children, strategy: :one_for_one, name: Shop.Supervisor)
  end
end
