defmodule Library.Application do
  use Application

  @impl true
  def start(_type, _args) do
    children = [Library.Catalog, {Library.Settings, shelves: 4}]
    Supervisor.start_link(children, strategy: :one_for_one)
  end
end
