defmodule Ledger.Application do
  use Application

  @impl true
  def start(_type, _args) do
    children = [Ledger.Background]
    Supervisor.start_link(children, strategy: :one_for_one, name: Ledger.Supervisor)
  end
end
