defmodule Shelf.Counter do
  use GenServer

  def start_link(start), do: GenServer.start_link(__MODULE__, start, name: __MODULE__)

  @impl true
  def init(start), do: {:ok, start}

  @impl true
  def handle_call(:reset, _from, _count), do: {:reply, :ok, 0}
  def handle_call({:add, n}, _from, count), do: {:reply, count + n, count + n}
  def handle_call(:value, _from, count), do: {:reply, count, count}

  @impl true
  def handle_cast({:log, _line}, count), do: {:noreply, count}
end
