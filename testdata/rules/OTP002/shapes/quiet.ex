# Silent: real state, timers, I/O, messages from elsewhere.
defmodule Shop.Counter do
  use GenServer
  def init(_), do: {:ok, 0}
  def handle_call(:next, _from, n), do: {:reply, n, n + 1}
end

defmodule Shop.Ticker do
  use GenServer
  def init(_), do: {:ok, nil}
  def handle_call(:start, _from, state), do: {:reply, :timer.send_interval(1_000, :tick), state}
end

defmodule Shop.Writer do
  use GenServer
  def init(_), do: {:ok, %{}}
  def handle_call({:write, line}, _from, state), do: {:reply, File.write("out.log", line), state}
end

defmodule Shop.Listener do
  use GenServer
  def init(_), do: {:ok, nil}
  def handle_call(:ping, _from, state), do: {:reply, :pong, state}
  def handle_info({:event, _e}, state), do: {:noreply, state}
end

defmodule Shop.Configured do
  use GenServer
  def init(opts), do: {:ok, opts}
  def handle_call(:ping, _from, opts), do: {:reply, :pong, opts}
end

# Owns a port: the process is the port's owner.
defmodule Shop.PortOwner do
  use GenServer
  def init(cmd), do: {:ok, Port.open({:spawn, cmd}, [:binary]) && nil}
  def handle_call(:ping, _from, state), do: {:reply, :pong, state}
end

# Replies later from a supervised task: the process coordinates the replies.
defmodule Shop.Lookup do
  use GenServer
  def init(_), do: {:ok, nil}

  def handle_call({:lookup, id}, from, state) do
    Task.Supervisor.start_child(Shop.TaskSupervisor, fn -> GenServer.reply(from, {:ok, id}) end)
    {:noreply, state}
  end
end
