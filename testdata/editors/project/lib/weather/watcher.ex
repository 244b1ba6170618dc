defmodule Weather.Watcher do
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def watch(pid), do: GenServer.cast(__MODULE__, {:watch, pid})

  @impl true
  def init(_opts), do: {:ok, %{}}

  @impl true
  def handle_cast({:watch, pid}, watched) do
    ref = Process.monitor(pid)
    {:noreply, Map.put(watched, ref, pid)}
  end

  @impl true
  def handle_info(:report, watched) do
    IO.puts("watching #{map_size(watched)} processes")
    {:noreply, watched}
  end
end
