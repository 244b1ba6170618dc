# A module whose child spec is a Registry's: its node is a registry named Relay.Names.
defmodule Relay.Names do
  def child_spec(_arg) do
    [keys: :unique, name: __MODULE__]
    |> Registry.child_spec()
    |> Supervisor.child_spec(id: __MODULE__)
  end

  def via(key), do: {:via, Registry, {__MODULE__, key}}
end

defmodule Relay.Room do
  use GenServer, restart: :transient

  def start_link(key), do: GenServer.start_link(__MODULE__, key, name: Relay.Names.via(key))

  # Started under the partition of Relay.Rooms that the key picks.
  def open(key) do
    DynamicSupervisor.start_child({:via, PartitionSupervisor, {Relay.Rooms, key}}, {__MODULE__, key})
  end

  # Started under the root supervisor, named as the application names it.
  def open_lobby, do: Supervisor.start_child(Relay.Root, {__MODULE__, :lobby})

  @impl true
  def init(key), do: {:ok, key}
end
