# Monitors whose :DOWN is taken care of: none of these crash.

defmodule SeatMap.Handled do
  use GenServer

  def init(seats), do: {:ok, seats}

  def handle_call({:hold, seat}, {guest, _tag}, seats) do
    Process.monitor(guest)
    {:reply, :ok, Map.put(seats, seat, guest)}
  end

  def handle_info({:DOWN, _ref, :process, guest, _why}, seats) do
    {:noreply, Map.reject(seats, fn {_seat, holder} -> holder == guest end)}
  end

  def handle_info(:compact, seats), do: {:noreply, seats}
end

defmodule SeatMap.CatchAll do
  use GenServer

  def init(seats), do: {:ok, seats}

  def handle_cast({:watch, pid}, seats) do
    Process.monitor(pid)
    {:noreply, seats}
  end

  def handle_info(:compact, seats), do: {:noreply, seats}
  def handle_info(_other, seats), do: {:noreply, seats}
end

defmodule SeatMap.Guarded do
  use GenServer

  def init(seats), do: {:ok, seats}

  def handle_cast({:watch, pid}, seats) do
    Process.monitor(pid)
    {:noreply, seats}
  end

  # A guard the rule cannot evaluate: it may take the :DOWN.
  def handle_info({tag, _ref, _kind, _pid, _why}, seats) when tag in [:DOWN, :gone] do
    {:noreply, seats}
  end
end

# The monitor is made in the caller's process: a client API, not the server.
defmodule SeatMap.ClientSide do
  use GenServer

  def init(seats), do: {:ok, seats}

  def hold_and_wait(server, seat) do
    ref = Process.monitor(server)
    GenServer.cast(server, {:hold, seat, self()})
    ref
  end

  def handle_cast({:hold, _seat, _guest}, seats), do: {:noreply, seats}

  def handle_info(:compact, seats), do: {:noreply, seats}
end

# Taken by a receive where it is created, or removed with its message.
defmodule SeatMap.Consumed do
  use GenServer

  def init(seats), do: {:ok, seats}

  def handle_call({:stop_and_wait, pid}, _from, seats) do
    ref = Process.monitor(pid)
    Process.exit(pid, :shutdown)

    receive do
      {:DOWN, ^ref, :process, ^pid, _reason} -> :ok
    end

    {:reply, :ok, seats}
  end

  def handle_call({:probe, pid}, _from, seats) do
    ref = Process.monitor(pid)
    alive = Process.alive?(pid)
    Process.demonitor(ref, [:flush])
    {:reply, alive, seats}
  end

  def handle_info(:compact, seats), do: {:noreply, seats}
end

# In a function run by another process: its :DOWN goes there.
defmodule SeatMap.Elsewhere do
  use GenServer

  def init(seats), do: {:ok, seats}

  def handle_cast({:watch, pid}, seats) do
    Task.start(fn ->
      Process.monitor(pid)

      receive do
        _down -> :ok
      end
    end)

    {:noreply, seats}
  end

  def handle_info(:compact, seats), do: {:noreply, seats}
end

# No handle_info/2 of its own: use GenServer's default logs and drops the :DOWN.
defmodule SeatMap.Default do
  use GenServer

  def init(seats), do: {:ok, seats}

  def handle_cast({:watch, pid}, seats) do
    Process.monitor(pid)
    {:noreply, seats}
  end
end

# A monitor with a tag (OTP 27) delivers the tag in place of :DOWN.
defmodule SeatMap.Tagged do
  use GenServer

  def init(seats), do: {:ok, seats}

  def handle_cast({:watch, pid}, seats) do
    Process.monitor(pid, tag: {:guest_left, pid})
    {:noreply, seats}
  end

  def handle_info({{:guest_left, _pid}, _ref, :process, _pid2, _reason}, seats),
    do: {:noreply, seats}
end

# Handlers the rule cannot all see: a clause added by a @before_compile hook.
defmodule SeatMap.Hooked do
  use GenServer
  @before_compile SeatMap.Hooks

  def init(seats), do: {:ok, seats}

  def handle_cast({:watch, pid}, seats) do
    Process.monitor(pid)
    {:noreply, seats}
  end

  def handle_info(:compact, seats), do: {:noreply, seats}
end

# Another behaviour with the same callback names is not a GenServer.
defmodule SeatMap.Stage do
  use GenStage

  def init(seats), do: {:producer, seats}

  def handle_cast({:watch, pid}, seats) do
    Process.monitor(pid)
    {:noreply, [], seats}
  end

  def handle_info(:compact, seats), do: {:noreply, [], seats}
end

# A spawned process waited for where it is spawned.
defmodule SeatMap.RunAndWait do
  use GenServer

  def init(seats), do: {:ok, seats}

  def handle_call({:count, list}, _from, seats) do
    {pid, ref} = spawn_monitor(fn -> exit({:shutdown, length(list)}) end)

    receive do
      {:DOWN, ^ref, :process, ^pid, {:shutdown, n}} -> {:reply, n, seats}
    end
  end

  def handle_info(:compact, seats), do: {:noreply, seats}
end
