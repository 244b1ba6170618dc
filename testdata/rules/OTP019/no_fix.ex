defmodule Relay.Node do
  use GenServer

  # send/2 takes no via name: no fix.
  def start_link(node_id) do
    GenServer.start_link(__MODULE__, node_id, name: String.to_atom(node_id)) # want: OTP019
  end

  def ping(node_id), do: send(String.to_atom(node_id), :ping)

  # A public helper other files may call: no fix.
  def name(node_id), do: List.to_atom(~c"relay_" ++ node_id)

  def start_named(node_id), do: GenServer.start_link(__MODULE__, node_id, name: name(node_id)) # want: OTP019

  # Process.register takes atoms only, and a :global name built this way stays an atom.
  def register(node_id) do
    Process.register(self(), String.to_atom(node_id)) # want: OTP019 "Process.register/2 String.to_atom\(node_id\)"
    :global.register_name(:relay, self())
    GenServer.start(__MODULE__, node_id, name: {:global, String.to_atom(node_id)}) # want: OTP019
  end

  @impl true
  def init(node_id), do: {:ok, node_id}
end
