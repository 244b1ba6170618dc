defmodule Loom.Application do
  use Application

  @impl true
  def start(_type, _args) do
    Supervisor.start_link(children(), strategy: :one_for_one, name: Loom.Supervisor)
  end

  defp children do
    [Loom.Spindle]
  end
end
