defmodule SampleApp.Metrics do
  @moduledoc """
  Request counters: a protected table owned by this server, read concurrently, written
  through the owner, pruned every minute. The right way round.
  """
  use GenServer

  @table :sample_app_metrics

  def start_link(_opts), do: GenServer.start_link(__MODULE__, [], name: __MODULE__)

  def bump(name), do: GenServer.cast(__MODULE__, {:bump, name})

  def read(name) do
    case :ets.lookup(@table, name) do
      [{^name, count}] -> count
      [] -> 0
    end
  end

  @impl true
  def init([]) do
    :ets.new(@table, [:named_table, :protected, read_concurrency: true])
    Process.send_after(self(), :prune, :timer.minutes(1))
    {:ok, %{}}
  end

  @impl true
  def handle_cast({:bump, name}, state) do
    :ets.update_counter(@table, name, 1, {name, 0})
    {:noreply, state}
  end

  @impl true
  def handle_info(:prune, state) do
    :ets.delete_all_objects(@table)
    Process.send_after(self(), :prune, :timer.minutes(1))
    {:noreply, state}
  end
end
