defmodule Checker do
  use GenServer

  def start, do: GenServer.start(__MODULE__, nil)

  @impl true
  def init(nil), do: {:ok, nil}

  @impl true
  def handle_cast({:check, source}, _last) do
    server = self()

    # want+1: OTP011 "spawn_monitor/1 in Checker.handle_cast/2 delivers \{:DOWN, ref, :process, pid, reason\} when the monitored process exits"
    {_pid, ref} = spawn_monitor(fn -> send(server, {:checked, Code.string_to_quoted(source)}) end)
    {:noreply, ref}
  end

  @impl true
  def handle_info({:checked, result}, _ref), do: {:noreply, result}
end
