defmodule Depot.Worker do
  use GenServer

  def start_link(id), do: GenServer.start_link(__MODULE__, id, name: {:via, Registry, {Depot.Registry, id}})

  @impl true
  def init(id), do: {:ok, id}
end

defmodule Depot.Anonymous do
  use GenServer

  def start_link(arg), do: GenServer.start_link(__MODULE__, arg)

  @impl true
  def init(arg), do: {:ok, arg}
end

defmodule Depot.Optional do
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: Keyword.get(opts, :name))

  @impl true
  def init(opts), do: {:ok, opts}
end

defmodule Depot.Custom do
  use GenServer

  def child_spec(id), do: %{id: {__MODULE__, id}, start: {__MODULE__, :start_link, [id]}}

  def start_link(id), do: GenServer.start_link(__MODULE__, id, name: {:global, id})

  @impl true
  def init(id), do: {:ok, id}
end

defmodule Depot do
  @moduledoc false

  def handled(id) do
    case Registry.lookup(Depot.Registry, id) do
      [{pid, _}] ->
        pid

      [] ->
        case DynamicSupervisor.start_child(Depot.Workers, {Depot.Worker, id}) do
          {:ok, pid} -> pid
          {:error, {:already_started, pid}} -> pid
        end
    end
  end

  # Every error is taken by a clause: the loser gets an error back, not a crash.
  def any_error(id) do
    case DynamicSupervisor.start_child(Depot.Workers, {Depot.Worker, id}) do
      {:ok, pid} -> {:ok, pid}
      {:error, reason} -> {:error, reason}
    end
  end

  def guarded(id) do
    case DynamicSupervisor.start_child(Depot.Workers, {Depot.Worker, id}) do
      {:ok, pid} -> {:ok, pid}
      {:error, {tag, pid}} when tag == :already_started -> {:ok, pid}
    end
  end

  def returned(id), do: DynamicSupervisor.start_child(Depot.Workers, {Depot.Worker, id})

  def with_chain(id) do
    with {:ok, pid} <- DynamicSupervisor.start_child(Depot.Workers, {Depot.Worker, id}) do
      pid
    end
  end

  # Unnamed children can be started any number of times.
  def unnamed(arg) do
    {:ok, pid} = DynamicSupervisor.start_child(Depot.Workers, {Depot.Anonymous, arg})
    {:ok, other} = GenServer.start_link(Depot.Anonymous, arg)
    {pid, other}
  end

  # The name comes from options that do not give one.
  def optional(opts) do
    {:ok, pid} = DynamicSupervisor.start_child(Depot.Workers, {Depot.Optional, opts})
    pid
  end

  # A child_spec of its own may start anything: not read.
  def custom(id) do
    {:ok, pid} = DynamicSupervisor.start_child(Depot.Workers, {Depot.Custom, id})
    pid
  end

  # A module outside the workspace: its start is unknown.
  def foreign(id) do
    {:ok, pid} = DynamicSupervisor.start_child(Depot.Workers, {Elsewhere.Worker, id})
    pid
  end
end

defmodule Depot.Application do
  use Application

  # Application.start/2 runs once: its starts are OTP004's business.
  @impl true
  def start(_type, _args) do
    {:ok, sup} = Supervisor.start_link([], strategy: :one_for_one, name: Depot.Supervisor)
    {:ok, _} = Supervisor.start_child(sup, {Depot.Worker, :main})
    {:ok, sup}
  end
end
