defmodule Shop.Metrics do
  @moduledoc "Struct state, a guard, a with tail, a pipe, an alias and a helper chain to the repo."
  use GenServer
  alias Shop.Metrics
  alias Shop.Repo

  defstruct pending: 0

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def track(event) do
    Metrics |> GenServer.cast({:track, event}) # want: OTP007 "GenServer.cast/2 to Metrics in track/1 has no backpressure: handle_cast\(\{:track, event\}, %__MODULE__\{\} = state\) does slow work \(Shop.Repo.insert_all/2 via store/1 -> persist/1\)"
  end

  # A fast handler: silent.
  def bump, do: GenServer.cast(__MODULE__, :bump)

  def pending, do: GenServer.call(__MODULE__, :pending)

  @impl true
  def init(_opts), do: {:ok, %__MODULE__{}}

  @impl true
  def handle_call(:pending, _from, %__MODULE__{pending: n} = state), do: {:reply, n, state}

  @impl true
  def handle_cast(:bump, state), do: {:noreply, %{state | pending: state.pending + 1}}

  def handle_cast({:track, event}, %__MODULE__{} = state) when is_map(event) do
    with {:ok, row} <- build(event),
         :ok <- store(row) do
      {:noreply, %{state | pending: state.pending - 1}}
    else
      {:error, _} -> {:noreply, state}
    end
  end

  defp build(event), do: {:ok, Map.put(event, :at, System.system_time())}

  defp store(row), do: persist(row)

  defp persist(row) do
    Repo.insert_all("events", [row])
    :ok
  end
end

defmodule Shop.Repo do
  def insert_all(_table, rows), do: {length(rows), nil}
end
