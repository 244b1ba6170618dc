# The source document's section 4 right form.
defmodule MyApp.Application do
  use Application

  def start(_type, _args) do
    children = [
      {UserManager, []},
      {CacheServer, [ttl: 60_000]},
      {ConnectionPool, [max: 10]}
    ]

    opts = [strategy: :one_for_one, name: MyApp.Supervisor]
    Supervisor.start_link(children, opts)
  end
end

defmodule UserManager do
  use GenServer

  def start_link(opts) do
    GenServer.start_link(__MODULE__, opts, name: __MODULE__)
  end

  def init(_opts) do
    {:ok, %{users: %{}}}
  end
end
