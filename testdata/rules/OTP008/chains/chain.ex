defmodule Front do
  use GenServer

  def init(s), do: {:ok, s}

  # Front -> Middle -> Back: three servers, the first waits for all of them.
  def handle_call({:get, id}, _from, state) do
    {:reply, Middle.lookup(id), state} # want: OTP008 "Middle.lookup/1 from Front's handle_call/3 starts a chain of 3 servers waiting on each other: Front -> Middle -> Back"
  end
end

defmodule Middle do
  use GenServer

  def init(s), do: {:ok, s}

  def lookup(id), do: GenServer.call(__MODULE__, {:lookup, id})

  # Two servers only: below max_depth.
  def handle_call({:lookup, id}, _from, state) do
    {:reply, GenServer.call(Back, {:fetch, id}), state}
  end
end

defmodule Back do
  use GenServer

  def init(s), do: {:ok, s}

  def handle_call({:fetch, id}, _from, state), do: {:reply, Map.get(state, id), state}
end
