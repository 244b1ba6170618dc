# OTP015 is off in test files by default: a test double's copy costs nothing worth a change.
defmodule FakeServer do
  use GenServer

  @impl true
  def init(pid), do: {:ok, %{pid: pid, calls: []}}

  @impl true
  def handle_info(:echo, state) do
    Task.start(fn -> send(state.pid, :echo) end)
    {:noreply, state}
  end
end
