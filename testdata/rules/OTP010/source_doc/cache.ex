# Section 10 of the source document, wrong form.
defmodule Cache do
  def init do
    :ets.new(:cache, [:set, :public, :named_table]) # want: OTP010 "public ETS table :cache is used from 2 functions \(1 reads, 1 writes\)", OTP010 "inserted into \(1 places\) but never deleted"
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
