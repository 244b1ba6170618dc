# The layouts of the Application.start/2 rewrite.

# Started after the root supervisor: the child goes to the end of its list, so it still
# starts after the supervisor's other children.
defmodule Brook.Application do
  use Application

  def start(_type, _args) do
    children = [
      Brook.Repo,
      Brook.Cache
    ]

    {:ok, sup} = Supervisor.start_link(children, strategy: :one_for_one, name: Brook.Supervisor)
    {:ok, _} = Brook.Indexer.start_link(batch: 50) # want: OTP004 "Brook.Indexer.start_link/1 in Brook.Application.start/2 starts a process outside the supervision tree"
    {:ok, sup}
  end
end

# A one-line children list.
defmodule Fen.Application do
  use Application

  def start(_type, _args) do
    Fen.Gauge.start_link([]) # want: OTP004 "Fen.Gauge.start_link/1 in Fen.Application.start/2"
    Supervisor.start_link([Fen.Repo, Fen.Web], strategy: :one_for_one)
  end
end

# An empty children list.
defmodule Moor.Application do
  use Application

  def start(_type, _args) do
    Moor.Gauge.start_link([]) # want: OTP004 "Moor.Gauge.start_link/1 in Moor.Application.start/2"
    Supervisor.start_link([], strategy: :one_for_one)
  end
end

# Refused: the start needs the supervisor's pid, which a child spec cannot have.
defmodule Tarn.Application do
  use Application

  def start(_type, _args) do
    {:ok, sup} = Supervisor.start_link([Tarn.Repo], strategy: :one_for_one)
    Tarn.Watcher.start_link(sup) # want: OTP004 "Tarn.Watcher.start_link/1 in Tarn.Application.start/2"
    {:ok, sup}
  end
end

# Refused: the whole result is bound and used.
defmodule Weir.Application do
  use Application

  def start(_type, _args) do
    started = Weir.Pump.start_link([]) # want: OTP004 "Weir.Pump.start_link/1 in Weir.Application.start/2"
    IO.inspect(started)
    Supervisor.start_link([Weir.Repo], strategy: :one_for_one)
  end
end

defmodule Brook.Indexer do
  use GenServer
  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)
  def init(s), do: {:ok, s}
end

defmodule Fen.Gauge do
  use GenServer
  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)
  def init(s), do: {:ok, s}
end

defmodule Moor.Gauge do
  use GenServer
  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)
  def init(s), do: {:ok, s}
end

defmodule Tarn.Watcher do
  use GenServer
  def start_link(sup), do: GenServer.start_link(__MODULE__, sup)
  def init(s), do: {:ok, s}
end

defmodule Weir.Pump do
  use GenServer
  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)
  def init(s), do: {:ok, s}
end
