defmodule Web.Page do
  alias Store.Cache

  @hits :hits

  def show(key) do
    GenServer.cast(:hits, :bump)
    value = Cache.fetch(key)
    Cache.put(key, value)
    size = GenServer.call(Cache, :size)
    send(Cache, :sweep)
    {value, size, GenServer.call(@hits, :read)}
  end

  def peek(pid, key), do: GenServer.call(pid, {:fetch, key})
end
