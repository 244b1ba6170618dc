defmodule Weather.Station do
  use GenServer

  def start_link(_arg), do: GenServer.start_link(__MODULE__, :ok, name: __MODULE__)

  @impl true
  def init(:ok), do: {:ok, %{reading: nil}, {:continue, :warm_up}}

  @impl true
  def handle_continue(:warm_up, state) do
    # want+1: OTP016 "^Weather.Station.handle_continue/2 calls Weather.Sensors \(GenServer.call/2\), which Weather.Supervisor starts after Weather.Station: handle_continue/2 runs as soon as Weather.Station's init/1 returns, while Weather.Supervisor is still starting the children after it, so at boot the call exits with :noproc and Weather.Station crashes \(and is restarted\)$"
    {:noreply, %{state | reading: GenServer.call(Weather.Sensors, :read)}}
  end

  # Only ever continued from handle_info/2, long after the boot.
  def handle_continue(:refresh, state) do
    {:noreply, %{state | reading: GenServer.call(Weather.Sensors, :read)}}
  end

  @impl true
  def handle_info(:tick, state), do: {:noreply, state, {:continue, :refresh}}
end
