defmodule Ledger.Application do
  use Application

  def start(_type, _args) do
    children = [{Task.Supervisor, name: Ledger.Tasks}]
    Supervisor.start_link(children, strategy: :one_for_one, name: Ledger.Supervisor)
  end
end
