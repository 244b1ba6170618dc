# Section 10 of the source document, wrong form.
defmodule Cache do
  def init do
    :ets.new(:cache, [:set, :public, :named_table]) # want: OTP010 "public ETS table :cache is used concurrently \(from the processes of Catalog.Page, Catalog.Pricing; 1 read, 1 write\).*add read_concurrency: true, write_concurrency: true$", OTP010 "ETS table :cache gets keys from run-time data \(1 insert\) and nothing in the workspace deletes from it"
  end

  def put(key, value) do
    :ets.insert(:cache, {key, value})
  end

  def get(key) do
    case :ets.lookup(:cache, key) do
      [{^key, value}] -> {:ok, value}
      [] -> :not_found
    end
  end
end
