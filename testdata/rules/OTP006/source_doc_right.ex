# The source document's section 6 right form: named, permanent, distinct ids. Silent.
defmodule WorkerPool do
  use GenServer

  def start_link(opts) do
    name = Keyword.get(opts, :name, __MODULE__)
    GenServer.start_link(__MODULE__, opts, name: name)
  end

  def child_spec(opts) do
    %{
      id: Keyword.get(opts, :id, __MODULE__),
      start: {__MODULE__, :start_link, [opts]},
      restart: :permanent,
      shutdown: 5000,
      type: :worker
    }
  end

  def init(opts) do
    {:ok, %{workers: [], max: Keyword.get(opts, :max, 10)}}
  end
end

defmodule MyApp.Supervisor do
  use Supervisor

  def init(_opts) do
    children = [
      {WorkerPool, [name: :pool_1, id: :pool_1, max: 5]},
      {WorkerPool, [name: :pool_2, id: :pool_2, max: 10]}
    ]

    Supervisor.init(children, strategy: :one_for_one)
  end
end
