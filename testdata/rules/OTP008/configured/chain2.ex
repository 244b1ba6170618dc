defmodule Front2 do
  use GenServer

  def init(s), do: {:ok, s}

  # Front -> Middle -> Back: three servers, the first waits for all of them.
  def handle_call({:get, id}, _from, state) do
    {:reply, Middle2.lookup(id), state} # want: OTP008 "chain of 3 servers waiting on each other: Front2 -> Middle2 -> Back2"
  end
end

defmodule Middle2 do
  use GenServer

  def init(s), do: {:ok, s}

  def lookup(id), do: GenServer.call(__MODULE__, {:lookup, id})

  # Two servers: reported with max_depth: 2.
  def handle_call({:lookup, id}, _from, state) do
    {:reply, GenServer.call(Back2, {:fetch, id}), state} # want: OTP008 "chain of 2 servers"
  end
end

defmodule Back2 do
  use GenServer

  def init(s), do: {:ok, s}

  def handle_call({:fetch, id}, _from, state), do: {:reply, Map.get(state, id), state}
end
