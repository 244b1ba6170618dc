# Trapped exits that cannot crash the server.

# Traps exits only so that terminate/2 runs on shutdown: nothing it links to ends.
defmodule Journal.ForTerminate do
  use GenServer

  def init(path) do
    Process.flag(:trap_exit, true)
    {:ok, path}
  end

  def handle_info(:sync, path), do: {:noreply, path}

  def terminate(_reason, path), do: File.touch(path)
end

defmodule Journal.Handled do
  use GenServer

  def init(path) do
    Process.flag(:trap_exit, true)
    {:ok, path}
  end

  def handle_cast(:rotate, path) do
    spawn_link(fn -> File.rename(path, path <> ".1") end)
    {:noreply, path}
  end

  def handle_info({:EXIT, _pid, :normal}, path), do: {:noreply, path}
  def handle_info({:EXIT, _pid, reason}, path), do: {:stop, reason, path}
end

# The linked process runs in another process's function: it is not linked to the server.
defmodule Journal.LinkElsewhere do
  use GenServer

  def init(path) do
    Process.flag(:trap_exit, true)
    {:ok, path}
  end

  def handle_cast(:rotate, path) do
    Task.start(fn -> spawn_link(fn -> File.rename(path, path <> ".1") end) end)
    {:noreply, path}
  end

  def handle_info(:sync, path), do: {:noreply, path}
end

# trap_exit turned off, not on.
defmodule Journal.Off do
  use GenServer

  def init(path) do
    Process.flag(:trap_exit, false)
    spawn_link(fn -> :ok end)
    {:ok, path}
  end

  def handle_info(:sync, path), do: {:noreply, path}
end

# Linked to a process that may run as long as the server: its exit, if it comes, is a
# failure that would take the server down without the trap too.
defmodule Journal.LongLived do
  use GenServer

  def init(path) do
    Process.flag(:trap_exit, true)
    writer = spawn_link(fn -> write_loop(path) end)
    {:ok, {path, writer}}
  end

  defp write_loop(path) do
    receive do
      {:line, line} -> File.write!(path, line, [:append])
    end

    write_loop(path)
  end

  def handle_info(:sync, state), do: {:noreply, state}
end
