defmodule Shop.Application do
  use Application

  def start(_type, _args) do
    children = [
      Shop.Named,
      {Shop.Worker, 1},
      {Shop.Worker, 2}, # want: OTP006 "Shop.Worker is a child of this supervisor twice with the same id: the supervisor fails to start with {:duplicate_child_name, Shop.Worker}"
      Supervisor.child_spec({Shop.Worker, 3}, id: :worker_3),
      {Shop.Worker, id: :a, slot: 4}, # want: OTP006 "Shop.Worker is a child of this supervisor twice"
      {Shop.Tagged, id: :one},
      {Shop.Tagged, id: :two},
      {DynamicSupervisor, name: Shop.Sessions, strategy: :one_for_one},
      Shop.Job,
      Shop.Clock
    ]

    Supervisor.start_link(children, strategy: :one_for_one, name: Shop.Supervisor)
  end

  def open_session(id), do: DynamicSupervisor.start_child(Shop.Sessions, {Shop.Session, id})
end

defmodule Shop.Worker do
  use GenServer
  def start_link(slot), do: GenServer.start_link(__MODULE__, slot)
  def init(slot), do: {:ok, slot}
end

# Its own child_spec/1 reads the id: distinct ids.
defmodule Shop.Tagged do
  use GenServer
  def child_spec(opts), do: %{id: Keyword.fetch!(opts, :id), start: {__MODULE__, :start_link, [opts]}}
  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)
  def init(opts), do: {:ok, opts}
end

# Per-session servers started dynamically: :temporary is right for them.
defmodule Shop.Session do
  use GenServer, restart: :temporary
  def start_link(id), do: GenServer.start_link(__MODULE__, id)
  def init(id), do: {:ok, id}
end

# A static child that finishes its work and stops normally: temporary on purpose.
defmodule Shop.Job do
  use GenServer, restart: :temporary
  def start_link(_), do: GenServer.start_link(__MODULE__, nil)
  def init(nil), do: {:ok, nil, {:continue, :run}}
  def handle_continue(:run, state), do: {:stop, :normal, state}
end

# A static child that never stops itself: once crashed, it stays down.
defmodule Shop.Clock do
  use GenServer, restart: :temporary # want: OTP006 "restart: :temporary on Shop.Clock, a static child that nothing in the workspace starts dynamically and that never stops itself"
  def start_link(_), do: GenServer.start_link(__MODULE__, nil)
  def init(nil), do: {:ok, 0}
  def handle_info(:tick, n), do: {:noreply, n + 1}
end
