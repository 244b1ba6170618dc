defmodule Ledger.Book do
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: opts[:name])

  @impl true
  def init(opts), do: {:ok, opts}
end

defmodule Ledger.Keeper do
  use GenServer

  def start_link(_), do: GenServer.start_link(__MODULE__, %{}, name: __MODULE__)

  @impl true
  def init(books), do: {:ok, books}

  # Lookup-or-create in the server's own callback: the server runs these one at a time.
  @impl true
  def handle_call({:open, name}, _from, books) do
    case Process.whereis(name) do
      nil ->
        # want+1: OTP017 "left as a hint because Ledger.Keeper's handle_call/3 runs these starts one at a time"
        {:ok, pid} = DynamicSupervisor.start_child(Ledger.Books, {Ledger.Book, name: name})
        {:reply, pid, Map.put(books, name, pid)}

      pid ->
        {:reply, pid, books}
    end
  end
end

defmodule Ledger do
  @moduledoc false

  # A named start with no lookup before it: starting it twice is a caller's mistake.
  def open_archive do
    # want+1: OTP017 "Agent.start_link/2 starts a process under a name: once it runs, another start returns \{:error, \{:already_started, pid\}\}, which fails this match with a MatchError \(left as a hint because nothing here looks for a running one first"
    {:ok, pid} = Agent.start_link(fn -> [] end, name: Ledger.Archive)
    pid
  end
end
