# Test files exercise tables directly; their calls are no evidence of concurrent use and
# are not counted in the reads and writes (see test/marks_test.exs).

# Only the owner's process touches :tally_marks in the application: a test reading it from
# the test process does not make it shared. Silent.
defmodule Tally.Marks do
  use GenServer

  def start_link(_), do: GenServer.start_link(__MODULE__, [], name: __MODULE__)

  @impl true
  def init(_) do
    :ets.new(:tally_marks, [:named_table, :public, :set])
    {:ok, nil}
  end

  @impl true
  def handle_cast({:mark, k}, s) do
    :ets.insert(:tally_marks, {k, true})
    :ets.delete(:tally_marks, {:stale, k})
    {:noreply, s}
  end
end

# Twin: two application servers write and read :tally_hits; the counts are the
# application's own (1 read, 2 writes), not the test's extra reads.
defmodule Tally.Hits do
  use GenServer

  def start_link(_), do: GenServer.start_link(__MODULE__, [], name: __MODULE__)

  @impl true
  def init(_) do
    :ets.new(:tally_hits, [:named_table, :public, :set]) # want: OTP010 "public ETS table :tally_hits is used concurrently \(from the processes of Tally.Hits, Tally.Reader; 1 read, 2 writes\)"
    {:ok, nil}
  end

  @impl true
  def handle_cast({:hit, k}, s) do
    :ets.insert(:tally_hits, {k, 1})
    :ets.delete(:tally_hits, {:old, k})
    {:noreply, s}
  end
end

defmodule Tally.Reader do
  use GenServer

  def start_link(_), do: GenServer.start_link(__MODULE__, [], name: __MODULE__)

  @impl true
  def init(_), do: {:ok, nil}

  @impl true
  def handle_call({:hits, k}, _from, s), do: {:reply, :ets.lookup(:tally_hits, k), s}
end
