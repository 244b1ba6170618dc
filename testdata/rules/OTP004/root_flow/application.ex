# The root supervisor started by Application.start/2, however its result flows back.

# Matched in a case: {:ok, pid, state} on success, cleanup then the bound error.
defmodule Kiln.Application do
  use Application

  def start(_type, _args) do
    undo = install_hooks()

    case Supervisor.start_link([Kiln.Oven], strategy: :one_for_one, name: Kiln.Supervisor) do
      {:ok, sup} ->
        {:ok, sup, undo}

      {:error, _} = failure ->
        remove_hooks(undo)
        failure
    end
  end

  defp install_hooks, do: []
  defp remove_hooks(_undo), do: :ok
end

# Matched in a case: the bound result on success, a raise on failure.
defmodule Loom.Application do
  use Application

  def start(_type, _args) do
    opts = [strategy: :one_for_one, name: Loom.Supervisor]

    case Supervisor.start_link([Loom.Shuttle], opts) do
      {:ok, _} = started ->
        IO.puts("loom ready")
        started

      {:error, reason} ->
        raise "loom failed to start: #{inspect(reason)}"
    end
  end
end

# Bound, then returned as {:ok, pid}.
defmodule Mill.Application do
  use Application

  def start(_type, _args) do
    {:ok, sup} = Supervisor.start_link([Mill.Wheel], strategy: :one_for_one)
    :logger.info("mill up")
    {:ok, sup}
  end
end

# Through with.
defmodule Forge.Application do
  use Application

  def start(_type, _args) do
    with {:ok, sup} <- Supervisor.start_link([Forge.Anvil], strategy: :one_for_one) do
      {:ok, sup}
    end
  end
end

# Positive twin: a plain server's result matched in a case is no supervision tree.
defmodule Quarry.Application do
  use Application

  def start(_type, _args) do
    case Quarry.Pit.start_link([]) do # want: OTP004 "Quarry.Pit.start_link/1 in Quarry.Application.start/2 starts a process outside the supervision tree"
      {:ok, pid} -> {:ok, pid} # want: OTP004 "Quarry.Application.start/2 returns \{:ok, pid\} instead of a supervisor's start result"
      {:error, reason} -> exit(reason)
    end
  end
end

# Positive twin: a server started beside a supervisor matched in a case.
defmodule Dock.Application do
  use Application

  def start(_type, _args) do
    Dock.Crane.start_link(load: 5) # want: OTP004 "Dock.Crane.start_link/1 in Dock.Application.start/2 starts a process outside the supervision tree"

    children = [
      Dock.Berth
    ]

    case Supervisor.start_link(children, strategy: :one_for_one, name: Dock.Supervisor) do
      {:ok, sup} -> {:ok, sup}
      {:error, _} = error -> error
    end
  end
end

defmodule Quarry.Pit do
  use GenServer
  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)
  def init(s), do: {:ok, s}
end

defmodule Dock.Crane do
  use GenServer
  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)
  def init(s), do: {:ok, s}
end
