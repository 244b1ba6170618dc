# A server with no handle_call clause has no caller waiting on a reply: a wait in its
# handle_info/handle_cast/handle_continue holds up only its own later messages and system
# messages (Information). With handle_call clauses the calls queue behind it (Warning).
defmodule Feeds.Poller do
  use GenServer

  def start_link(feed), do: GenServer.start_link(__MODULE__, feed, name: __MODULE__)
  def refresh, do: GenServer.cast(__MODULE__, :refresh)

  @impl true
  def init(feed) do
    send(self(), :poll)
    {:ok, %{feed: feed, seen: 0}, {:continue, :settle}}
  end

  @impl true
  def handle_continue(:settle, state) do
    Process.sleep(250) # want: OTP003 "Process.sleep/1 blocks Feeds.Poller's handle_continue/2: the server's other messages and system messages wait until it returns \(it has no handle_call: no caller waits on a reply\)"
    {:noreply, state}
  end

  @impl true
  def handle_info(:poll, state) do
    # Pacing the poll loop between two rounds.
    :timer.sleep(2_000) # want: OTP003 ":timer.sleep/1 blocks Feeds.Poller's handle_info/2: the server's other messages and system messages wait"
    send(self(), :poll)
    {:noreply, %{state | seen: state.seen + 1}}
  end

  @impl true
  def handle_cast(:refresh, state) do
    {out, 0} = System.cmd("fetch-feed", [state.feed]) # want: OTP003 "System.cmd/2 blocks Feeds.Poller's handle_cast/2: .*no caller waits on a reply"
    {:noreply, %{state | seen: byte_size(out)}}
  end
end

# The twin: the same waits in a server that also answers calls.
defmodule Feeds.Reader do
  use GenServer

  def start_link(feed), do: GenServer.start_link(__MODULE__, feed, name: __MODULE__)
  def count, do: GenServer.call(__MODULE__, :count)

  @impl true
  def init(feed) do
    send(self(), :poll)
    {:ok, %{feed: feed, seen: 0}, {:continue, :settle}}
  end

  @impl true
  def handle_call(:count, _from, state), do: {:reply, state.seen, state}

  @impl true
  def handle_continue(:settle, state) do
    Process.sleep(250) # want: OTP003 "Process.sleep/1 blocks Feeds.Reader's handle_continue/2: calls to the server queue behind it until it returns"
    {:noreply, state}
  end

  @impl true
  def handle_info(:poll, state) do
    :timer.sleep(2_000) # want: OTP003 ":timer.sleep/1 blocks Feeds.Reader's handle_info/2: calls to the server queue behind it until it returns"
    send(self(), :poll)
    {:noreply, %{state | seen: state.seen + 1}}
  end

  @impl true
  def handle_cast(:refresh, state) do
    {out, 0} = System.cmd("fetch-feed", [state.feed]) # want: OTP003 "System.cmd/2 blocks Feeds.Reader's handle_cast/2: calls to the server queue behind it"
    {:noreply, %{state | seen: byte_size(out)}}
  end
end
