# A map state built by init/1: closures handed to other processes that read a field or two
# through the state variable copy the whole map, the collections it holds included. One
# copy per spawn: Information.
defmodule Shelf.Indexer do
  use GenServer

  def start_link(repo), do: GenServer.start_link(__MODULE__, repo, name: __MODULE__)

  @impl true
  def init(repo) do
    {:ok, %{repo: repo, cache: %{}, buffer: [], interval: 1_000}}
  end

  @impl true
  def handle_info(:reindex, state) do
    # want+1: OTP015 "the closure passed to Task.start/1 in Shelf.Indexer.handle_info/2 reads state.repo but copies all of state \(also :cache, :buffer, :interval\) into the new process at every spawn"
    Task.start(fn -> Shelf.Search.rebuild(state.repo) end)
    {:noreply, state}
  end

  def handle_info({:export, path}, state) do
    Task.Supervisor.start_child(Shelf.TaskSupervisor, fn ->
      # want+1: OTP015 "reads state.repo, state.interval but copies all of state \(also :cache, :buffer\)"
      rows = Shelf.Search.dump(state.repo, state.interval)
      File.write!(path, rows)
    end)

    {:noreply, state}
  end
end

defmodule Shelf.Search do
  def rebuild(_repo), do: :ok
  def dump(_repo, _interval), do: "rows"
end
