defmodule Metrics.Counters do
  use GenServer

  @table :metrics_counters

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(_opts) do
    :ets.new(@table, [:named_table, :public, :set]) # want: OTP010 "public ETS table :metrics_counters is used concurrently \(from the processes of Shop.Cart, Shop.Report; 1 read, 4 writes\).*add write_concurrency: true$", OTP010 "written by Billing.Ledger, outside its owner Metrics.Counters"
    {:ok, %{}}
  end

  def bump(key), do: :ets.update_counter(@table, key, 1, {key, 0})

  def read(key), do: :ets.lookup(@table, key)

  def reset(key), do: :ets.delete(@table, key)
end
