defmodule Tally do
  use GenServer

  @impl true
  def init(counts) when is_map(counts), do: {:ok, counts}

  @impl true
  def handle_call(:total, _from, counts) do
    # want+1: OTP012 "Tally.handle_call/3 returns \{:reply, _\}: a reply takes the new state too: \{:reply, reply, state\}; the server exits with \{:bad_return_value, value\} when that call comes, and the caller with it"
    {:reply, counts |> Map.values() |> Enum.sum()}
  end

  def handle_call({:peek, key}, _from, counts) do
    # want+1: OTP012 "returns \{:noreply, _, _\}: as a :noreply, the state parameter counts in third place is read as a timeout \(\{:reply, reply, counts\} replies\)"
    {:noreply, Map.get(counts, key, 0), counts}
  end

  def handle_call({:add, key}, _from, %{} = counts) do
    case Map.fetch(counts, key) do
      {:ok, n} -> {:replay, n + 1, Map.put(counts, key, n + 1)} # want: OTP012 ":replay is not a return tag \(:reply is\)"
      :error -> {:reply, 1, Map.put(counts, key, 1)}
    end
  end

  def handle_call({:drop, key}, _from, counts) do
    if Map.has_key?(counts, key) do
      {:reply, :ok, Map.delete(counts, key)}
    else
      {:error, :unknown_key} # want: OTP012 "handle_call/3 does not return :error"
    end
  end

  def handle_call(:pause, _from, counts) do
    {:reply, :ok, counts, :later} # want: OTP012 ":later is not a timeout, :hibernate or \{:continue, term\}"
  end
end
