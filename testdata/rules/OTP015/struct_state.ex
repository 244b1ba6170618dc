# Struct states: the fields are the defstruct's, known from init/1's literal or from the
# struct a clause matches its state against (whatever builds it), and a helper the state
# is passed to is followed.
defmodule Relay.Session do
  use GenServer

  defmodule State do
    defstruct [:socket, :owner, peers: %{}, backlog: :queue.new(), retries: 0]

    def new(socket, owner), do: %__MODULE__{socket: socket, owner: owner}
  end

  def start_link(socket), do: GenServer.start_link(__MODULE__, {socket, self()})

  @impl true
  def init({socket, owner}), do: {:ok, State.new(socket, owner)}

  @impl true
  def handle_info(:greet, %State{} = state) do
    # want+1: OTP015 "the closure passed to spawn_link/1 in Relay.Session.handle_info/2 reads state.socket but copies all of state \(also :peers, :backlog, :owner, :retries\)"
    spawn_link(fn -> :gen_tcp.send(state.socket, "hello") end)
    {:noreply, state}
  end

  def handle_info({:forward, data}, %State{} = state) do
    {:noreply, forward(data, state)}
  end

  defp forward(data, state) do
    # want+1: OTP015 "in Relay.Session.forward/2 \(reached from handle_info/2\) reads state.owner"
    Task.start(fn -> send(state.owner, {:data, data}) end)
    %{state | retries: 0}
  end
end

defmodule Relay.Ledger do
  use GenServer

  defstruct entries: [], name: nil

  @impl true
  def init(name), do: {:ok, %__MODULE__{name: name}}

  @impl true
  def handle_cast({:audit, auditor}, state) do
    # want+1: OTP015 "the closure passed to Agent.update/2 in Relay.Ledger.handle_cast/2 reads state.name but copies all of state \(also :entries\) into the agent at every call"
    Agent.update(auditor, fn log -> [state.name | log] end)
    {:noreply, state}
  end
end
