defmodule Roster do
  use GenServer

  def start(members \\ %{}), do: GenServer.start(__MODULE__, members)

  def join(server, name), do: GenServer.cast(server, {:join, name, self()})

  @impl GenServer
  def init(members), do: {:ok, members}

  @impl GenServer
  def handle_cast({:join, name, pid}, members) do
    {:noreply, track(members, name, pid)}
  end

  defp track(members, name, pid) do
    # want+1: OTP011 ":erlang.monitor/2 in Roster.track/3 \(reached from handle_cast/2\) delivers \{:DOWN, ref, :process, pid, reason\}"
    ref = :erlang.monitor(:process, pid)
    Map.put(members, ref, name)
  end

  @impl GenServer
  def handle_info({:rename, ref, name}, members) do
    {:noreply, Map.put(members, ref, name)}
  end

  # Monitors only carry :DOWN with :process here: another kind matches nothing.
  def handle_info({:DOWN, _ref, :port, _port, _reason}, members), do: {:noreply, members}
end
