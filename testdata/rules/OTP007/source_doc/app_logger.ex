# The source document's section 7 wrong form. The module is called AppLogger here so
# that compiling the golden does not replace Elixir's own Logger.
defmodule AppLogger do
  use GenServer

  def init(_opts) do
    {:ok, %{queue: []}}
  end

  def log(message) do
    GenServer.cast(__MODULE__, {:log, message}) # want: OTP007 "GenServer.cast/2 to __MODULE__ in log/1 has no backpressure: handle_cast\(\{:log, message\}, state\) does slow work \(File.write!/3\), so callers can send faster than the server keeps up and its mailbox grows without bound"
  end

  def handle_cast({:log, message}, state) do
    # Slow operation (write to file)
    File.write!("app.log", message <> "\n", [:append])
    {:noreply, state}
  end
end
