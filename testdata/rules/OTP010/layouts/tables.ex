# The option is added in the list's own layout. Each table is read from the processes of
# two modules (readers.ex).
defmodule Layouts.Tables do
  def one_line, do: :ets.new(:lay_one, [:set, :public, :named_table]) # want: OTP010 "add read_concurrency: true"

  def multi_line do
    :ets.new(:lay_multi, [ # want: OTP010 "add read_concurrency: true"
      :set,
      :public,
      :named_table
    ])
  end

  def trailing_comma do
    :ets.new(:lay_trailing, [ # want: OTP010 "add read_concurrency: true"
      :set,
      :public,
      :named_table,
    ])
  end

  def tuple_options do
    :ets.new(:lay_tuple, [ # want: OTP010 "add read_concurrency: true"
      :public,
      :named_table,
      {:keypos, 1}
    ])
  end

  def commented do
    :ets.new(:lay_comment, [ # want: OTP010 "add read_concurrency: true"
      :public,
      # named, so readers find it
      :named_table # by name
    ])
  end

  def commented_trailing do
    :ets.new(:lay_comment_trailing, [ # want: OTP010 "add read_concurrency: true"
      :public,
      :named_table, # by name
    ])
  end

  def closing_on_last_line do
    :ets.new(:lay_closing, [ # want: OTP010 "add read_concurrency: true"
      :public,
      :named_table])
  end

  def keywords_last do
    :ets.new(:lay_keywords, [:public, :named_table, keypos: 1]) # want: OTP010 "add read_concurrency: true"
  end

  def get(key) do
    {:ets.lookup(:lay_one, key), :ets.lookup(:lay_multi, key), :ets.lookup(:lay_trailing, key),
     :ets.lookup(:lay_tuple, key), :ets.lookup(:lay_comment, key),
     :ets.lookup(:lay_comment_trailing, key), :ets.lookup(:lay_closing, key),
     :ets.lookup(:lay_keywords, key)}
  end
end

# Read and written from two modules: both options, each on its own line.
defmodule Layouts.Both do
  def setup do
    :ets.new(:lay_both, [ # want: OTP010 "add read_concurrency: true, write_concurrency: true"
      :public,
      :named_table
    ])
  end

  def get(k), do: :ets.lookup(:lay_both, k)
  def put(k), do: :ets.insert(:lay_both, {k, 1})
end

defmodule Layouts.BothReader do
  def a(k), do: Layouts.Both.get(k)
end

defmodule Layouts.BothWriter do
  def b, do: Layouts.Both.put(:fixed)
end

# Too long for one line once the option is in: one element a line, as mix format lays it.
defmodule Layouts.Long do
  def setup do
    :ets.new(:layouts_long_table_name_for_wrapping, [:set, :public, :named_table, keypos: 1]) # want: OTP010 "add read_concurrency: true"
  end

  def get(k), do: :ets.lookup(:layouts_long_table_name_for_wrapping, k)
end

defmodule Layouts.LongReaderA do
  def a(k), do: Layouts.Long.get(k)
end

defmodule Layouts.LongReaderB do
  def b(k), do: Layouts.Long.get(k)
end
