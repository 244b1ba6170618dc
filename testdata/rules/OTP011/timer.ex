defmodule Heartbeat do
  use GenServer

  @beat :beat

  def start(interval \\ 10), do: GenServer.start(__MODULE__, interval)

  @impl true
  def init(interval) do
    schedule(interval)
    {:ok, interval}
  end

  defp schedule(interval) do
    # want+1: OTP011 "Process.send_after/3 in Heartbeat.schedule/1 \(reached from init/1\) delivers :tick, which no handle_info/2 clause of Heartbeat matches: the server crashes with FunctionClauseError"
    Process.send_after(self(), :tick, interval)
  end

  @impl true
  def handle_info(:tock, interval) do
    schedule(interval)
    {:noreply, interval}
  end

  def handle_info(@beat, interval), do: {:noreply, interval}
end
