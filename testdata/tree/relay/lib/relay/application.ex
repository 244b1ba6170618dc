defmodule Relay.Application do
  use Application

  # The list is built by local functions: each has one clause whose value is a list
  # (after a binding, joined with ++), so the tree shows their children in place.
  def start(_type, _args) do
    Supervisor.start_link(children(), strategy: :one_for_one, name: Relay.Root)
  end

  defp children do
    outbox = {Relay.Outbox, limit: 100}
    children = base_children() ++ [outbox, Relay.Links]
    children = children ++ [if(metrics?(), do: Relay.Metrics)]
    Enum.reject(children ++ optional(), &is_nil/1)
  end

  defp base_children do
    [
      Relay.Names,
      {Task.Supervisor, name: Relay.Jobs},
      {PartitionSupervisor, child_spec: DynamicSupervisor, name: Relay.Rooms}
    ]
  end

  # Two clauses: which list runs depends on the argument. Not expanded.
  defp optional, do: optional(System.get_env("RELAY_MODE"))

  defp optional("bridge"), do: [Relay.Bridge]
  defp optional(_), do: []

  defp metrics?, do: Application.get_env(:relay, :metrics, false)
end
