defmodule Cellar.Application do
  use Application

  @impl true
  def start(_type, _args) do
    children = [Cellar.Racks]
    Supervisor.start_link(children, strategy: :one_for_one, name: Cellar.Supervisor)
  end
end
