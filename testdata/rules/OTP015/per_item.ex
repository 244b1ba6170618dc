# A closure run once per item of a stream copies the state, collections included, into
# every task: a Warning.
defmodule Ledger.Reconciler do
  use GenServer

  @impl true
  def init(bank), do: {:ok, %{bank: bank, entries: [], seen: MapSet.new(), batch: 100}}

  @impl true
  def handle_cast({:check, ids}, state) do
    ids
    # want+1: OTP015 "the closure passed to Task.async_stream/2 in Ledger.Reconciler.handle_cast/2 reads state\[:bank\] but copies all of state \(also :entries, :seen, :batch\) into every task of the stream"
    |> Task.async_stream(fn id -> Ledger.Bank.check(state[:bank], id) end)
    |> Stream.run()

    {:noreply, state}
  end

  @impl true
  def handle_call({:fetch, ids}, _from, state) do
    results =
      Task.Supervisor.async_stream_nolink(
        Ledger.TaskSupervisor,
        ids,
        # want+1: OTP015 "the closure passed to Task.Supervisor.async_stream_nolink/3 .* reads state.bank, state.batch but copies all of state \(also :entries, :seen\)"
        &Ledger.Bank.fetch(state.bank, &1, state.batch)
      )

    {:reply, Enum.to_list(results), state}
  end
end

defmodule Ledger.Bank do
  def check(_bank, _id), do: :ok
  def fetch(_bank, _id, _batch), do: :ok
end
