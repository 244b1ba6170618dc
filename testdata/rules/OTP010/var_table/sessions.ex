defmodule Sessions do
  # An unnamed table used only through its variable, inside one function: one user,
  # no concurrency to tune; but it is never deleted from.
  def collect(items) do
    tab = :ets.new(:scratch, [:set, :public]) # want: OTP010 "never deleted"
    Enum.each(items, fn item -> :ets.insert(tab, {item, true}) end)
    :ets.tab2list(tab)
  end

  # Protected, named, with concurrency set, deleted from: nothing to say.
  def setup do
    :ets.new(:sessions, [:named_table, :protected, read_concurrency: true])
  end

  def put(id, data), do: :ets.insert(:sessions, {id, data})
  def get(id), do: :ets.lookup(:sessions, id)
  def drop(id), do: :ets.delete(:sessions, id)

  # Options not literal: nothing can be said.
  def dynamic(opts), do: :ets.new(:dyn, opts)
end
