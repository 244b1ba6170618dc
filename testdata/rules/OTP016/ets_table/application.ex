defmodule Bakery.Application do
  use Application

  @impl true
  def start(_type, _args) do
    children = [
      Bakery.Oven,
      # Recipes are loaded into a named ETS table.
      Bakery.Recipes
    ]

    Supervisor.start_link(children, strategy: :one_for_one)
  end
end
