defmodule Fleet.Truck do
  use GenServer

  def start_link(id), do: GenServer.start_link(__MODULE__, id, name: via(id))

  def via(id), do: {:via, Registry, {Fleet.Registry, id}}

  @impl true
  def init(id) do
    # A slow init keeps the race window open, as real work would.
    Process.sleep(20)
    {:ok, id}
  end
end

defmodule Fleet do
  @moduledoc false

  # Lookup-or-create, run by each caller: two callers can both find nothing.
  def truck(id) do
    case Registry.lookup(Fleet.Registry, id) do
      [{pid, _}] ->
        pid

      [] ->
        # want+1: OTP017 "DynamicSupervisor.start_child/2 starts Fleet.Truck, which registers a name, after Registry.lookup found nothing: two callers can both find nothing and both start it, and the loser's \{:error, \{:already_started, pid\}\} fails this match with a MatchError"
        {:ok, pid} = DynamicSupervisor.start_child(Fleet.TruckSupervisor, {Fleet.Truck, id})
        pid
    end
  end
end
