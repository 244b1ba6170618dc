# Options in every form. Each table is used from the processes of two modules (callers.ex).
defmodule Forms.Tables do
  # Tuple form: read_concurrency is set, nothing to add.
  def tuple_read, do: :ets.new(:forms_tuple_read, [:named_table, :public, {:read_concurrency, true}])

  # write_concurrency: :auto is set: never advised again, never turned into true.
  def auto_write, do: :ets.new(:forms_auto, [:named_table, :public, write_concurrency: :auto])

  # Tuple form of write_concurrency.
  def tuple_write, do: :ets.new(:forms_tuple_write, [:named_table, :public, {:write_concurrency, true}])

  # Turned off on purpose: not second-guessed.
  def off, do: :ets.new(:forms_off, [:named_table, :public, read_concurrency: false])

  # decentralized_counters alone is no concurrency option; it is not advised either.
  def counters_only do
    :ets.new(:forms_counters, [:named_table, :public, decentralized_counters: true]) # want: OTP010 "add read_concurrency: true$"
  end

  def get(table, key), do: :ets.lookup(table, key)

  def get_tuple_read(key), do: :ets.lookup(:forms_tuple_read, key)
  def get_auto(key), do: :ets.lookup(:forms_auto, key)
  def get_tuple_write(key), do: :ets.lookup(:forms_tuple_write, key)
  def get_off(key), do: :ets.lookup(:forms_off, key)
  def get_counters(key), do: :ets.lookup(:forms_counters, key)
end
