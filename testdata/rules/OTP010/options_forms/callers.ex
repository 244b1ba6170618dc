defmodule Forms.ReaderA do
  def run(k) do
    {Forms.Tables.get_tuple_read(k), Forms.Tables.get_auto(k), Forms.Tables.get_tuple_write(k),
     Forms.Tables.get_off(k), Forms.Tables.get_counters(k)}
  end
end

defmodule Forms.ReaderB do
  def run(k) do
    {Forms.Tables.get_tuple_read(k), Forms.Tables.get_auto(k), Forms.Tables.get_tuple_write(k),
     Forms.Tables.get_off(k), Forms.Tables.get_counters(k)}
  end
end
