defmodule Ledger.Application do
  use Application

  def start(_type, _args) do
    Ledger.Supervisor.start_link([])
  end
end

defmodule Ledger.Supervisor do
  use Supervisor

  def start_link(arg), do: Supervisor.start_link(__MODULE__, arg, name: __MODULE__)

  def init(_arg) do
    Supervisor.init([Ledger.Book, Ledger.Nested], strategy: :one_for_one)
  end
end

defmodule Ledger.Nested do
  use Supervisor

  def start_link(arg), do: Supervisor.start_link(__MODULE__, arg)

  # A supervisor that lists its own parent: the tree stops there instead of looping.
  def init(_arg), do: Supervisor.init([Ledger.Supervisor], strategy: :one_for_one)
end

defmodule Ledger.Book do
  use Agent

  def start_link(_), do: Agent.start_link(fn -> %{} end, name: __MODULE__)
end
