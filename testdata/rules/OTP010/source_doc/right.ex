# Section 10 of the source document, right forms (with read/write concurrency set and
# entries deleted). The sharded table names are built at run time, so their uses cannot
# be followed and nothing is said about them.
defmodule ReadHeavyCache do
  def init do
    :ets.new(:read_cache, [
      :ordered_set,
      :public,
      :named_table,
      read_concurrency: true
    ])
  end

  def get(key) do
    case :ets.lookup(:read_cache, key) do
      [{^key, value, timestamp}] ->
        if System.monotonic_time(:second) - timestamp < 3600 do
          {:ok, value}
        else
          :ets.delete(:read_cache, key)
          :not_found
        end

      [] ->
        :not_found
    end
  end

  def put(key, value) do
    timestamp = System.monotonic_time(:second)
    :ets.insert(:read_cache, {key, value, timestamp})
  end
end

defmodule ShardedCache do
  @shard_count 16

  def init do
    for i <- 1..@shard_count do
      :ets.new(
        :"cache_shard_#{i}",
        [:set, :public, :named_table, read_concurrency: true]
      )
    end
  end

  def put(key, value) do
    shard = get_shard(key)
    :ets.insert(shard, {key, value})
  end

  def get(key) do
    shard = get_shard(key)

    case :ets.lookup(shard, key) do
      [{^key, value}] -> {:ok, value}
      [] -> :not_found
    end
  end

  defp get_shard(key) do
    hash = :erlang.phash2(key)
    shard_index = rem(hash, @shard_count) + 1
    :"cache_shard_#{shard_index}"
  end
end
