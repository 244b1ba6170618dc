defmodule Beacon.Pinger do
  use GenServer

  def start_link(_), do: GenServer.start_link(__MODULE__, 0, name: __MODULE__)

  def ping, do: GenServer.call(__MODULE__, :ping)

  def poke do
    GenServer.call(__MODULE__, :poke)
    :ok
  end

  def reset, do: GenServer.cast(__MODULE__, {:reset, 0})

  @impl true
  def init(n), do: {:ok, n}

  @impl true
  def handle_call(:ping, _from, n), do: {:reply, :pong, n + 1}
  def handle_call(:poke, _from, n), do: {:reply, :ok, n}

  @impl true
  def handle_cast({:reset, n}, _n), do: {:noreply, n}
end
