# Formatted lists pushed past 98 columns by the option: laid out as mix format would, so the
# fixed file stays formatted.
defmodule LayoutsLong.Bound do
  def setup do
    # want+1: OTP010 "add read_concurrency: true"
    table = :ets.new(:layouts_long_bound_table, [:set, :public, :named_table, keypos: 1])
    {:ok, table}
  end

  def get(k), do: :ets.lookup(:layouts_long_bound_table, k)
end

defmodule LayoutsLong.Short do
  # want+1: OTP010 "add read_concurrency: true"
  def setup, do: :ets.new(:layouts_long_short_table, [:set, :public, :named_table])

  def get(k), do: :ets.lookup(:layouts_long_short_table, k)
end

defmodule LayoutsLong.Wide do
  # want+1: OTP010 "add read_concurrency: true"
  def setup, do: :ets.new(:layouts_long_wide_table_name, [:set, :public, :named_table, keypos: 1])

  def get(k), do: :ets.lookup(:layouts_long_wide_table_name, k)
end

defmodule LayoutsLong.Both do
  def setup do
    # want+1: OTP010 "add read_concurrency: true, write_concurrency: true"
    :ets.new(:layouts_long_both_table_name, [:set, :public, :named_table, keypos: 1])
  end

  def get(k), do: :ets.lookup(:layouts_long_both_table_name, k)
  def put, do: :ets.insert(:layouts_long_both_table_name, {:hits, 1})
end
