defmodule Meter do
  use GenServer

  def start(reading), do: GenServer.start(__MODULE__, reading)
  def read(meter), do: GenServer.call(meter, :read)

  @impl true
  def init(nil), do: {:ok, %{reading: 0, ticks: 0}, {:continue, :calibrate}} # want: OTP013 "Meter.init/1 returns \{:continue, :calibrate\}, but Meter defines no handle_continue/2"
  def init(reading), do: {:ok, %{reading: reading, ticks: 0}}

  # want+1: OTP013 "Meter defines hande_call/3, which nothing calls, but not the GenServer callback handle_call/3: a GenServer.call to the server reaches use GenServer's default handle_call/3, which raises and crashes the server"
  def hande_call(:read, _from, state), do: {:reply, state.reading, state}

  # want+1: OTP013 "Meter defines handle_infos/2, which nothing calls, but not the GenServer callback handle_info/2: other messages reach use GenServer's default handle_info/2, which logs and drops them"
  def handle_infos(:tick, state), do: {:noreply, %{state | ticks: state.ticks + 1}}
  def handle_infos(_other, state), do: {:noreply, state}

  # want+1: OTP013 "Meter defines handle_contineu/2, which nothing calls, but not the GenServer callback handle_continue/2: a \{:continue, term\} return crashes the server"
  def handle_contineu(:calibrate, state), do: {:noreply, %{state | reading: state.reading * 1.0}}
end
