defmodule Beacon.Pinger do
  use GenServer

  def start_link(_), do: GenServer.start_link(__MODULE__, 0, name: __MODULE__)

  def ping, do: GenServer.call(__MODULE__, :ping)

  def poke do
    GenServer.cast(__MODULE__, :poke) # want: OTP014 "GenServer.cast/2 sends :poke to Beacon.Pinger, which handles :poke only in handle_call/3: no handle_cast/2 clause matches it"
    :ok
  end

  def reset, do: GenServer.cast(__MODULE__, {:reset, 0}) # want: OTP014 "GenServer.cast/2 sends \{:reset, _\} to Beacon.Pinger, which defines no handle_cast/2: the server crashes on it$"

  @impl true
  def init(n), do: {:ok, n}

  @impl true
  def handle_call(:ping, _from, n), do: {:reply, :pong, n + 1}
  def handle_call(:poke, _from, n), do: {:reply, :ok, n}
end
