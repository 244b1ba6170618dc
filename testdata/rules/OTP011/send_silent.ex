# Sends whose message a clause may take, or that go to another process.

defmodule Ticker.Matched do
  use GenServer

  @tick :tick

  def init(n) do
    Process.send_after(self(), @tick, 1000)
    :timer.send_interval(1000, self(), {:sample, n})
    {:ok, n}
  end

  def handle_info(:tick, n), do: {:noreply, n + 1}
  def handle_info({:sample, _}, n), do: {:noreply, n}
end

defmodule Ticker.Maybe do
  use GenServer

  @tock :tock

  def init(n) do
    send(self(), {:retry, n})
    Process.send_after(self(), {:poll, n, :fast}, 10)
    Process.send_after(self(), :tock, 10)
    {:ok, n}
  end

  # Literal elements in the head: the message's variable may equal them.
  def handle_info({:retry, 0}, n), do: {:noreply, n}
  def handle_info({:poll, _, mode}, n) when mode in [:fast, :slow], do: {:noreply, n}
  def handle_info(@tock, n), do: {:noreply, n}
end

defmodule Ticker.Unknown do
  use GenServer

  def init(msg) do
    send(self(), msg)
    Process.send_after(self(), make_message(), 10)
    {:ok, msg}
  end

  defp make_message, do: {:hello, :world}

  def handle_info(:tick, n), do: {:noreply, n}
end

# Sent to other processes, or by a client function to the caller itself.
defmodule Ticker.Others do
  use GenServer

  def init(owner) do
    send(owner, :ready)
    Process.send_after(owner, :later, 10)
    {:ok, owner}
  end

  def remind_me(ms), do: Process.send_after(self(), :reminder, ms)

  def handle_info(:tick, n), do: {:noreply, n}
end

# Taken by a receive of the module.
defmodule Ticker.Received do
  use GenServer

  def init(n) do
    send(self(), :warmed_up)
    wait_warm()
    {:ok, n}
  end

  defp wait_warm do
    receive do
      :warmed_up -> :ok
    end
  end

  def handle_info(:tick, n), do: {:noreply, n}
end

# Sent after the server has decided to stop: terminate/2 is the last code it runs.
defmodule Ticker.Terminating do
  use GenServer

  def init(n), do: {:ok, n}

  def handle_info(:tick, n), do: {:noreply, n}

  def terminate(_reason, _n) do
    send(self(), :bye)
    :ok
  end
end

# A library's `use` may install a hook that adds clauses: they are not seen.
defmodule Ticker.Library do
  use GenServer
  use SomeLibrary.Server

  def init(n) do
    send(self(), :warm)
    {:ok, n}
  end

  def handle_info(:tick, n), do: {:noreply, n}
end

# A macro among the module's forms may define handle_info/2 clauses.
defmodule Ticker.Dsl do
  use GenServer
  import Ticker.Handlers

  def init(n) do
    send(self(), :warm)
    {:ok, n}
  end

  on_message(:warm, fn n -> n + 1 end)

  def handle_info(:tick, n), do: {:noreply, n}
end
