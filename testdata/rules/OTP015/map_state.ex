# A map state built by init/1: closures handed to other processes that read a field or two
# through the state variable copy the whole map, the collections it holds included.
defmodule Shelf.Indexer do
  use GenServer

  def start_link(repo), do: GenServer.start_link(__MODULE__, repo, name: __MODULE__)

  @impl true
  def init(repo) do
    {:ok, %{repo: repo, cache: %{}, buffer: [], interval: 1_000}}
  end

  @impl true
  def handle_info(:reindex, state) do
    Task.start(fn -> Shelf.Search.rebuild(state.repo) end) # want: OTP015 "the closure passed to Task.start/1 in Shelf.Indexer.handle_info/2 reads state.repo but copies all of state \(also :cache, :buffer, :interval\) into the new process at every spawn"
    {:noreply, state}
  end

  def handle_info({:export, path}, state) do
    Task.Supervisor.start_child(Shelf.TaskSupervisor, fn ->
      rows = Shelf.Search.dump(state.repo, state.interval) # want: OTP015 "reads state.repo, state.interval but copies all of state \(also :cache, :buffer\)"
      File.write!(path, rows)
    end)

    {:noreply, state}
  end

  @impl true
  def handle_cast({:touch, ids}, state) do
    ids
    |> Task.async_stream(fn id -> Shelf.Search.touch(state[:repo], id) end) # want: OTP015 "reads state\[:repo\] but copies all of state \(also :cache, :buffer, :interval\) into every task of the stream"
    |> Stream.run()

    {:noreply, state}
  end

  @impl true
  def handle_call({:ping, ids}, _from, state) do
    results = Task.async_stream(ids, &Shelf.Search.ping(state.repo, &1)) # want: OTP015 "the closure passed to Task.async_stream/2"
    {:reply, Enum.to_list(results), state}
  end
end

defmodule Shelf.Search do
  def rebuild(_repo), do: :ok
  def dump(_repo, _interval), do: "rows"
  def touch(_repo, _id), do: :ok
  def ping(_repo, _x), do: :pong
end
