# A chain A -> B -> C goes through B's answer to A's call: only B's handle_call/3 clauses
# that can match A's request extend it, never B's casts or infos.

defmodule Porch.Vault do
  use GenServer

  def init(s), do: {:ok, s}

  def store(item), do: GenServer.call(__MODULE__, {:store, item})

  def handle_call({:store, item}, _from, s), do: {:reply, :ok, [item | s]}
end

defmodule Porch.Hub do
  use GenServer

  def init(s), do: {:ok, s}

  def post(e), do: GenServer.call(__MODULE__, {:post, e})

  def flush, do: GenServer.call(__MODULE__, :flush)

  # Answers {:post, e} without calling any server.
  def handle_call({:post, e}, _from, s), do: {:reply, :ok, [e | s]}

  # Answers :flush by storing in the vault: two servers, below max_depth.
  def handle_call(:flush, _from, s) do
    for item <- s, do: Porch.Vault.store(item)
    {:reply, :ok, []}
  end

  # A cast is no answer to a call: it does not extend a chain through the hub.
  def handle_cast({:relay, m}, s) do
    :ok = Porch.Vault.store(m)
    {:noreply, s}
  end
end

# No handle_call: nobody waits on the doorbell, so no timeout cascades to its callers.
defmodule Porch.Doorbell do
  use GenServer

  def init(s), do: {:ok, s}

  # {:post, _} is answered by a clause that calls no server: no chain.
  def handle_info(:ring, s) do
    Porch.Hub.post(:ring)
    {:noreply, s}
  end

  # Twin: :flush is answered by the clause that calls the vault.
  def handle_info(:sweep, s) do
    Porch.Hub.flush() # want: OTP008 "^Porch.Hub.flush/0 from Porch.Doorbell's handle_info/2 starts a chain of 3 servers waiting on each other: Porch.Doorbell -> Porch.Hub -> Porch.Vault. Porch.Doorbell is blocked for as long as the whole chain takes$"
    {:noreply, s}
  end
end

# Answers calls itself: a slow vault times out its callers too.
defmodule Porch.Lock do
  use GenServer

  def init(s), do: {:ok, s}

  def handle_call(:open, _from, s) do
    :ok = Porch.Hub.post(:open)
    {:reply, :ok, s}
  end

  # A request that is not a literal may be any: every handle_call clause of the hub counts.
  def handle_call({:forward, msg}, _from, s) do
    {:reply, GenServer.call(Porch.Hub, msg), s} # want: OTP008 "chain of 3 servers waiting on each other: Porch.Lock -> Porch.Hub -> Porch.Vault. Porch.Lock is blocked for as long as the whole chain takes, and one slow server times out every caller before it"
  end
end
