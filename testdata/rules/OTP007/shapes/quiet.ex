# Silent: fast handlers, work handed to a task, messages the server sends itself, casts to
# other processes, and casts whose message no slow clause receives.
defmodule Shop.Counter do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, 0, name: __MODULE__)
  def incr, do: GenServer.cast(__MODULE__, :incr)
  def init(n), do: {:ok, n}
  def handle_cast(:incr, n), do: {:noreply, n + 1}
end

defmodule Shop.Uploader do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, nil, name: __MODULE__)
  def upload(path, data), do: GenServer.cast(__MODULE__, {:upload, path, data})
  def init(s), do: {:ok, s}

  def handle_cast({:upload, path, data}, state) do
    Task.Supervisor.start_child(Shop.TaskSupervisor, fn -> File.write!(path, data) end)
    {:noreply, state}
  end
end

defmodule Shop.Poller do
  use GenServer
  def start_link(path), do: GenServer.start_link(__MODULE__, path, name: __MODULE__)

  def init(path) do
    Process.send_after(self(), :poll, 1_000)
    {:ok, path}
  end

  def handle_info(:poll, path) do
    _ = File.read(path)
    send(self(), :poll)
    {:noreply, path}
  end
end

defmodule Shop.Router do
  use GenServer
  def route(pid, msg), do: GenServer.cast(pid, msg)
  def init(s), do: {:ok, s}
  def handle_cast(msg, s), do: {:noreply, [msg | s]}
end

defmodule Shop.Store do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, %{}, name: __MODULE__)
  def touch(key), do: GenServer.cast(__MODULE__, {:touch, key})
  def save(path), do: GenServer.call(__MODULE__, {:save, path})
  def init(s), do: {:ok, s}
  def handle_cast({:touch, key}, s), do: {:noreply, Map.put(s, key, System.monotonic_time())}
  def handle_cast({:save, path}, s), do: {File.write!(path, :erlang.term_to_binary(s)), s}
  def handle_call({:save, path}, _from, s), do: {:reply, File.write(path, :erlang.term_to_binary(s)), s}
end
