# Deletes in every form clear "grows without bound".
defmodule Del.Captured do
  @table :del_captured
  def setup, do: :ets.new(@table, [:named_table])
  def put(k, v), do: :ets.insert(@table, {k, v})
  def forget(keys), do: Enum.each(keys, &:ets.delete(@table, &1))
end

defmodule Del.Matched do
  def setup, do: :ets.new(:del_matched, [:named_table])
  def put(k, v), do: :ets.insert(:del_matched, {k, v, :fresh})
  def sweep, do: :ets.match_delete(:del_matched, {:_, :_, :stale})
end

defmodule Del.Selected do
  def setup, do: :ets.new(:del_selected, [:named_table])
  def put(k, v), do: :ets.insert(:del_selected, {k, v})
  def sweep(spec), do: :ets.select_delete(:del_selected, spec)
end

defmodule Del.Taken do
  def setup, do: :ets.new(:del_taken, [:named_table])
  def put(k, v), do: :ets.insert(:del_taken, {k, v})
  def pop(k), do: :ets.take(:del_taken, k)
end

defmodule Del.Cleared do
  def setup, do: :ets.new(:del_cleared, [:named_table])
  def put(k, v), do: :ets.insert(:del_cleared, {k, v})
  def clear, do: :ets.delete_all_objects(:del_cleared)
end

defmodule Del.Objects do
  def setup, do: :ets.new(:del_objects, [:named_table, :bag])
  def put(k, v), do: :ets.insert(:del_objects, {k, v})
  def drop(k, v), do: :ets.delete_object(:del_objects, {k, v})
end

# Deleted through a wrapper that takes the table as a parameter.
defmodule Del.Wrapped do
  def setup, do: :ets.new(:del_wrapped, [:named_table])
  def put(k, v), do: :ets.insert(:del_wrapped, {k, v})
  def drop(k), do: Del.Helpers.remove(:del_wrapped, k)
end

defmodule Del.Helpers do
  def remove(table, key), do: :ets.delete(table, key)
end

# Positive twin: keys from the arguments, and nothing deletes.
defmodule Del.Never do
  def setup, do: :ets.new(:del_never, [:named_table]) # want: OTP010 "ETS table :del_never gets keys from run-time data \(1 insert\) and nothing in the workspace deletes from it: it grows without bound"
  def put(k, v), do: :ets.insert(:del_never, {k, v})
  def get(k), do: :ets.lookup(:del_never, k)
end
