# Sends the rule must leave alone: it cannot know the message is refused.

defmodule Look.CatchAll do
  use GenServer

  def init(s), do: {:ok, s}

  def handle_call(:known, _from, s), do: {:reply, :ok, s}
  def handle_call(_other, _from, s), do: {:reply, {:error, :unknown}, s}

  def ask, do: GenServer.call(__MODULE__, :anything)
end

defmodule Look.Guarded do
  use GenServer

  def init(s), do: {:ok, s}

  def handle_call(msg, _from, s) when is_atom(msg), do: {:reply, msg, s}

  def ask, do: GenServer.call(__MODULE__, {:not, :an_atom})
end

defmodule Look.MapRequest do
  use GenServer

  def init(s), do: {:ok, s}

  def handle_call(%{op: op}, _from, s), do: {:reply, op, s}

  def ask, do: GenServer.call(__MODULE__, {:op, 1})
end

defmodule Look.Dynamic do
  use GenServer

  def init(s), do: {:ok, s}

  def handle_call({:get, key}, _from, s), do: {:reply, Map.get(s, key), s}

  def ask(request), do: GenServer.call(__MODULE__, request)
  def ask_pid(pid), do: GenServer.call(pid, {:other, 1})
  def ask_via(name), do: GenServer.call({:via, Registry, {Look.Names, name}}, {:other, 1})
  def ask_global, do: GenServer.call({:global, :look}, {:other, 1})
end

defmodule Look.Generated do
  use GenServer

  def init(s), do: {:ok, s}

  for op <- [:inc, :dec] do
    def handle_call(unquote(op), _from, s), do: {:reply, unquote(op), s}
  end

  def handle_call(:reset, _from, _s), do: {:reply, :ok, 0}

  def inc, do: GenServer.call(__MODULE__, :inc)
end

defmodule Look.Base do
  defmacro __using__(_) do
    quote do
      def handle_call(:info, _from, s), do: {:reply, s, s}
    end
  end
end

defmodule Look.Injected do
  use GenServer
  use Look.Base

  def init(s), do: {:ok, s}

  def handle_call(:ping, _from, s), do: {:reply, :pong, s}

  def info, do: GenServer.call(__MODULE__, :info)
end

defmodule Look.NotAServer do
  # Same callback names, another behaviour: not a GenServer.
  def handle_call(:ping, _from, s), do: {:reply, :pong, s}

  def ask, do: GenServer.call(__MODULE__, :other)
end

defmodule Look.TwoRegister.A do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, [], name: :shared_name)
  def init(s), do: {:ok, s}
  def handle_call(:a, _from, s), do: {:reply, :a, s}
end

defmodule Look.TwoRegister.B do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, [], name: :shared_name)
  def init(s), do: {:ok, s}
  def handle_call(:b, _from, s), do: {:reply, :b, s}
  def ask, do: GenServer.call(:shared_name, :c)
end
