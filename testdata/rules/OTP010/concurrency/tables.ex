# Public tables without concurrency options: a Warning needs evidence that several
# processes use the table at once.

# Only the owner's callbacks use it: one process.
defmodule Conc.OwnerOnly do
  use GenServer

  def start_link(_), do: GenServer.start_link(__MODULE__, [], name: __MODULE__)

  @impl true
  def init(_) do
    :ets.new(:conc_owner, [:named_table, :public])
    {:ok, nil}
  end

  @impl true
  def handle_call({:get, k}, _from, s), do: {:reply, :ets.lookup(:conc_owner, k), s}

  @impl true
  def handle_cast({:put, k}, s) do
    :ets.insert(:conc_owner, {k, 1})
    :ets.delete(:conc_owner, {:old, k})
    {:noreply, s}
  end
end

# An API driven by one module only: no evidence of contention.
defmodule Conc.Steps do
  def setup, do: :ets.new(:conc_steps, [:named_table, :public, :set])
  def mark(step), do: :ets.insert_new(:conc_steps, {step})
  def done?(step), do: :ets.member(:conc_steps, step)
  def reset, do: :ets.delete_all_objects(:conc_steps)
end

defmodule Conc.Runner do
  def run(step) do
    if Conc.Steps.done?(step), do: :skip, else: Conc.Steps.mark(step)
  end

  def again, do: Conc.Steps.reset()
end

# Written from tasks: concurrent.
defmodule Conc.Crawler do
  def setup, do: :ets.new(:conc_pages, [:named_table, :public, :bag]) # want: OTP010 "public ETS table :conc_pages is used concurrently \(from a process started in Conc.Crawler.crawl/1; 0 reads, 2 writes\).*add write_concurrency: true$"

  def crawl(urls) do
    Enum.each(urls, fn url ->
      Task.start(fn -> :ets.insert(:conc_pages, {url, :fetched}) end)
    end)
  end

  def forget(url), do: :ets.delete(:conc_pages, url)
end

# A registry-like table: its writers are its own namespace, shared writes by design.
defmodule Conc.Registry do
  def setup, do: :ets.new(:conc_registry, [:named_table, :public, read_concurrency: true])
  def lookup(k), do: :ets.lookup(:conc_registry, k)
end

defmodule Conc.Registry.Partition do
  def register(k, pid), do: :ets.insert(:conc_registry, {k, pid})
  def unregister(k), do: :ets.delete(:conc_registry, k)
end

# Positive twin: written by another application's module.
defmodule Conc.Shared do
  def setup, do: :ets.new(:conc_shared, [:named_table, :public, read_concurrency: true]) # want: OTP010 "public ETS table :conc_shared is written by Plugin.Writer, outside its owner Conc.Shared: make it :protected"
  def lookup(k), do: :ets.lookup(:conc_shared, k)
  def drop(k), do: :ets.delete(:conc_shared, k)
end

defmodule Plugin.Writer do
  def put(k), do: :ets.insert(:conc_shared, {k, true})
end
