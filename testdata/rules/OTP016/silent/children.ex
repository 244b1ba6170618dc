# Each child here uses a sibling at boot in a way that does not fail it.

defmodule Quiet.Source do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, :ok, name: __MODULE__)
  @impl true
  def init(:ok), do: {:ok, 1}
  @impl true
  def handle_call(:get, _from, n), do: {:reply, n, n}
end

defmodule Quiet.Target do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, :ok, name: __MODULE__)
  @impl true
  def init(:ok), do: {:ok, 2}
  @impl true
  def handle_call(:get, _from, n), do: {:reply, n, n}
  @impl true
  def handle_cast(:hello, n), do: {:noreply, n}
  @impl true
  def handle_info(:hello, n), do: {:noreply, n}
end

# Started before Quiet.Reader: its name is registered.
defmodule Quiet.Reader do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, :ok)
  @impl true
  def init(:ok), do: {:ok, GenServer.call(Quiet.Source, :get)}
end

# A cast to a name nobody registered yet is dropped.
defmodule Quiet.Caster do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, :ok)
  @impl true
  def init(:ok) do
    GenServer.cast(Quiet.Target, :hello)
    {:ok, nil}
  end
end

# Looks the name up first.
defmodule Quiet.Guarded do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, :ok)
  @impl true
  def init(:ok) do
    value = if Process.whereis(Quiet.Target), do: GenServer.call(Quiet.Target, :get)
    {:ok, value}
  end
end

# Catches the exit.
defmodule Quiet.Rescuer do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, :ok)
  @impl true
  def init(:ok) do
    value =
      try do
        GenServer.call(Quiet.Target, :get)
      catch
        :exit, _ -> nil
      end

    {:ok, value}
  end
end

# The call runs in a task, which does not hold up the start.
defmodule Quiet.Spawner do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, :ok)
  @impl true
  def init(:ok) do
    Task.start(fn -> GenServer.call(Quiet.Target, :get) end)
    {:ok, nil}
  end
end

# Calls the target only after the boot: from handle_info/2, and from a continuation that
# init/1 does not return.
defmodule Quiet.Later do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, :ok)
  @impl true
  def init(:ok), do: {:ok, nil, {:continue, :settle}}
  @impl true
  def handle_continue(:settle, state), do: {:noreply, state}
  def handle_continue(:refresh, _state), do: {:noreply, GenServer.call(Quiet.Target, :get)}
  @impl true
  def handle_info(:tick, state), do: {:noreply, state, {:continue, :refresh}}
  def handle_info(:poll, _state), do: {:noreply, GenServer.call(Quiet.Target, :get)}
end

# Calls a name nobody in this list starts: it may be started before this supervisor.
defmodule Quiet.Outsider do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, :ok)
  @impl true
  def init(:ok), do: {:ok, GenServer.call(Quiet.Elsewhere, :get)}
end

# Not a process: its init/1 is an ordinary function, not run by the start.
defmodule Quiet.Plain do
  def child_spec(_), do: %{id: __MODULE__, start: {Agent, :start_link, [fn -> :plain end]}}
  def init(_), do: GenServer.call(Quiet.Target, :get)
end

# A delayed message to a name is resolved when it is sent, after the boot.
defmodule Quiet.Delayed do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, :ok)
  @impl true
  def init(:ok) do
    Process.send_after(Quiet.Target, :hello, 1_000)
    {:ok, nil}
  end
end

# Looks the name up in init/1, and calls it in a helper.
defmodule Quiet.Careful do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, :ok)
  @impl true
  def init(:ok) do
    if Process.whereis(Quiet.Target), do: {:ok, load()}, else: {:ok, nil}
  end

  defp load, do: GenServer.call(Quiet.Target, :get)
end

# Catches the exit around the helper that calls.
defmodule Quiet.Wrapped do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, :ok)
  @impl true
  def init(:ok) do
    try do
      {:ok, load()}
    catch
      :exit, _ -> {:ok, nil}
    end
  end

  defp load, do: GenServer.call(Quiet.Target, :get)
end

# Sends only to a process it found.
defmodule Quiet.Notifier do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, :ok)
  @impl true
  def init(:ok) do
    if Process.whereis(Quiet.Target), do: send(Quiet.Target, :hello)
    {:ok, nil}
  end
end

# Reads a table that Quiet.TableMaker creates only when nobody has: whoever made it first
# is not known.
defmodule Quiet.TableReader do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, :ok)
  @impl true
  def init(:ok), do: {:ok, :ets.lookup(:quiet_table, :key)}
end

defmodule Quiet.TableMaker do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, :ok)
  @impl true
  def init(:ok) do
    if :ets.whereis(:quiet_table) == :undefined do
      :ets.new(:quiet_table, [:named_table, :public])
    end

    {:ok, nil}
  end
end
