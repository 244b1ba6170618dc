defmodule SampleApp.Workers.Pool do
  @moduledoc """
  A pool of report workers.
  """
  use GenServer

  # Registers no name, yet every API function calls __MODULE__ (OTP006).
  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  def checkout, do: GenServer.call(__MODULE__, :checkout)

  def checkin(worker), do: GenServer.cast(__MODULE__, {:checkin, worker})

  @impl true
  def init(opts), do: {:ok, %{free: Keyword.get(opts, :workers, []), busy: []}}

  @impl true
  def handle_call(:checkout, _from, %{free: [w | rest]} = state) do
    {:reply, {:ok, w}, %{state | free: rest, busy: [w | state.busy]}}
  end

  def handle_call(:checkout, _from, state), do: {:reply, {:error, :empty}, state}

  @impl true
  def handle_cast({:checkin, w}, state) do
    {:noreply, %{state | free: [w | state.free], busy: List.delete(state.busy, w)}}
  end
end
