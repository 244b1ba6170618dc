# The pool is a static child of the application's supervisor.
defmodule PoolApp.Supervisor do
  use Supervisor

  def start_link(opts), do: Supervisor.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(_opts), do: Supervisor.init([{WorkerPool, max: 5}], strategy: :one_for_one)
end
