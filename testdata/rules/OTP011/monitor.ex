defmodule Lockbox do
  @moduledoc "Hands out a lock and watches its holder."
  use GenServer

  def start(opts \\ []), do: GenServer.start(__MODULE__, :free, opts)

  def acquire(server), do: GenServer.call(server, :acquire)

  @impl true
  def init(state), do: {:ok, state}

  @impl true
  def handle_call(:acquire, {holder, _tag}, :free) do
    # want+1: OTP011 "Process.monitor/1 in Lockbox.handle_call/3 delivers \{:DOWN, ref, :process, pid, reason\} when the monitored process exits, which no handle_info/2 clause of Lockbox matches: the server crashes with FunctionClauseError"
    Process.monitor(holder)
    {:reply, :ok, {:held, holder}}
  end

  def handle_call(:acquire, _from, held), do: {:reply, :busy, held}

  @impl true
  def handle_info(:expire, _held), do: {:noreply, :free}
end
