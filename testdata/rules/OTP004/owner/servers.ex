# The owner pattern: a server's callbacks start processes linked to it.
defmodule Relay.Hub do
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  # A client API function runs in the caller's process, not the hub's.
  def attach(topic) do
    {:ok, pid} = Relay.Feed.start_link(topic) # want: OTP004 "Relay.Feed.start_link/1 in attach/1 starts a process no supervisor knows about: it is linked to the process that calls attach/1"
    GenServer.cast(__MODULE__, {:attached, pid})
  end

  @impl true
  def init(opts) do
    Process.flag(:trap_exit, true)
    {:ok, workers} = DynamicSupervisor.start_link(strategy: :one_for_one)
    {:ok, %{workers: workers, feeds: %{}, opts: opts}}
  end

  @impl true
  def handle_cast({:open, topic}, state) do
    {:noreply, open_feed(state, topic)}
  end

  def handle_cast({:attached, _pid}, state), do: {:noreply, state}

  @impl true
  def handle_call({:spill, topic}, _from, state) do
    {:ok, pid} = Relay.Feed.start(topic) # want: OTP004 "Relay.Feed.start/1 in handle_call/3 starts a process linked to no other process: it outlives this server"
    {:reply, pid, state}
  end

  def handle_call({:watch, topic}, _from, state) do
    {:ok, pid} = Relay.Feed.start(topic) # want: OTP004 "Relay.Feed.start/1 in handle_call/3 starts a process this server monitors but is not linked to"
    ref = Process.monitor(pid)
    {:reply, ref, state}
  end

  # Reached from handle_cast/2: runs in the hub.
  defp open_feed(state, topic) do
    {:ok, feed} = Relay.Feed.start_link(topic)
    put_in(state.feeds[topic], feed)
  end
end

defmodule Relay.Feed do
  use GenServer
  def start_link(topic), do: GenServer.start_link(__MODULE__, topic)
  def start(topic), do: GenServer.start(__MODULE__, topic)
  def init(topic), do: {:ok, topic}
end

# A :proc_lib process: the function that acknowledges the start runs in it.
defmodule Relay.Pump do
  def start_link(arg), do: :proc_lib.start_link(__MODULE__, :boot, [arg])

  def boot(arg) do
    {:ok, buffer} = Agent.start_link(fn -> arg end)
    :proc_lib.init_ack({:ok, self()})
    loop(buffer)
  end

  defp loop(buffer) do
    receive do
      :stop -> Agent.stop(buffer)
    end
  end
end

# Handler code is not a process module: a linked start there belongs to the request.
defmodule Relay.Controller do
  def create(conn, %{"topic" => topic}) do
    {:ok, pid} = Relay.Feed.start_link(topic) # want: OTP004 "Relay.Feed.start_link/1 in create/2 starts a process no supervisor knows about"
    send(pid, {:hello, conn})
    conn
  end
end
