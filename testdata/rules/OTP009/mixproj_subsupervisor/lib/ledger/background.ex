# A sub-supervisor of the project starts a Task.Supervisor under a name of its own,
# through an alias and a module attribute.
defmodule Ledger.Background do
  use Supervisor
  alias Ledger.Jobs.Runner

  @runner Runner

  def start_link(arg), do: Supervisor.start_link(__MODULE__, arg, name: __MODULE__)

  @impl true
  def init(_arg) do
    Supervisor.init([{Task.Supervisor, name: @runner}], strategy: :one_for_one)
  end
end
