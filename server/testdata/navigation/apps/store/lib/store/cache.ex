defmodule Store.Cache do
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def fetch(key), do: GenServer.call(__MODULE__, {:fetch, key})

  def put(key, value), do: GenServer.cast(__MODULE__, {:put, key, value})

  @impl true
  def init(opts) do
    Process.send_after(self(), :sweep, 1_000)
    {:ok, Map.new(opts)}
  end

  @impl true
  def handle_call({:fetch, key}, _from, state) when is_atom(key) do
    {:reply, Map.fetch(state, key), state}
  end

  def handle_call({:fetch, key}, _from, state) do
    {:reply, Map.fetch(state, to_string(key)), state}
  end

  def handle_call(:size, _from, state), do: {:reply, map_size(state), state}

  def handle_call(:unused, _from, state), do: {:reply, :ok, state}

  @impl true
  def handle_cast({:put, key, value}, state), do: {:noreply, Map.put(state, key, value)}

  @impl true
  def handle_info(:sweep, state) do
    Process.send_after(self(), :sweep, 1_000)
    {:noreply, state}
  end
end
