# The source document's section 1 right forms.
defmodule UserManager do
  use GenServer

  def init(_opts) do
    {:ok, %{users: %{}}}
  end

  def handle_call({:add_user, user}, _from, state) do
    users = Map.put(state.users, user.id, user)
    {:reply, :ok, %{state | users: users}}
  end

  def handle_call({:get_user, id}, _from, state) do
    user = Map.get(state.users, id)
    {:reply, user, state}
  end
end

defmodule ConnectionPool do
  use GenServer

  def init(opts) do
    max_connections = Keyword.get(opts, :max, 10)
    {:ok, %{connections: [], max: max_connections}}
  end

  def handle_call(:checkout, _from, state) do
    case state.connections do
      [conn | rest] -> {:reply, {:ok, conn}, %{state | connections: rest}}
      [] -> {:reply, {:error, :no_connections}, state}
    end
  end
end

defmodule CacheServer do
  use GenServer

  def init(opts) do
    ttl = Keyword.get(opts, :ttl, 60_000)
    {:ok, %{cache: %{}, ttl: ttl}}
  end

  def handle_call({:get, key}, _from, state) do
    case Map.get(state.cache, key) do
      {value, timestamp} ->
        if System.monotonic_time(:millisecond) - timestamp < state.ttl do
          {:reply, {:ok, value}, state}
        else
          {:reply, :not_found, state}
        end

      nil ->
        {:reply, :not_found, state}
    end
  end

  def handle_call({:put, key, value}, _from, state) do
    timestamp = System.monotonic_time(:millisecond)
    cache = Map.put(state.cache, key, {value, timestamp})
    {:reply, :ok, %{state | cache: cache}}
  end
end

defmodule SystemSupervisor do
  use Supervisor

  def start_link(opts), do: Supervisor.start_link(__MODULE__, opts, name: __MODULE__)

  def init(_opts) do
    children = [{UserManager, []}, {ConnectionPool, [max: 10]}, {CacheServer, [ttl: 60_000]}]
    Supervisor.init(children, strategy: :one_for_one)
  end
end
