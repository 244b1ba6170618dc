defmodule Store.Counter do
  use GenServer

  def start_link(_), do: GenServer.start_link(__MODULE__, 0, name: :hits)

  @impl true
  def init(n), do: {:ok, n}

  @impl true
  def handle_cast(:bump, n), do: {:noreply, n + 1}

  @impl true
  def handle_call(:read, _from, n), do: {:reply, n, n}
end
