defmodule Relay.Registry do
  use GenServer

  def start_link(_), do: GenServer.start_link(__MODULE__, [], name: :relay_registry)

  @impl true
  def init(peers), do: {:ok, peers}

  @impl true
  def handle_call(:peers, _from, peers), do: {:reply, peers, peers}
  def handle_call({:join, peer}, _from, peers), do: {:reply, :ok, [peer | peers]}
end

defmodule Relay.Peer do
  def join(peer) do
    GenServer.call(:relay_registry, {:join, peer})
  end

  def leave(peer) do
    GenServer.call(:relay_registry, {:leave, peer}) # want: OTP014 "GenServer.call/2 sends \{:leave, _\} to Relay.Registry, but no handle_call/3 clause of Relay.Registry matches it"
  end
end
