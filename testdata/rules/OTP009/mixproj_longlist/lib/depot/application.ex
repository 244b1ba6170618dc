# A one-line children list the new child would push past 98 columns: it is broken into
# one child per line, as mix format does.
defmodule Depot.Application do
  use Application

  @impl true
  def start(_type, _args) do
    children = [Depot.Repo, Depot.Inventory.Tracker, Depot.Inventory.Reorder]
    Supervisor.start_link(children, strategy: :one_for_one, name: Depot.Supervisor)
  end
end
