defmodule Bank.LedgerLog do
  @moduledoc "Formatted input: a keyword do: handler, a multi-line cast, comments in the clause."
  use GenServer

  def start_link(path), do: GenServer.start_link(__MODULE__, path, name: __MODULE__)

  # want+1: OTP007
  def record(entry), do: GenServer.cast(__MODULE__, {:record, entry})

  def annotate(entry, note) do
    # want+1: OTP007
    GenServer.cast(
      __MODULE__,
      {:annotate, entry, note}
    )
  end

  @impl true
  def init(path), do: {:ok, %{path: path}}

  @impl true
  def handle_cast({:record, entry}, state), do: {:noreply, write(state, entry)}

  def handle_cast({:annotate, entry, note}, state) do
    # The note goes on its own line.
    line = "#{entry}: #{note}\n"

    File.write!(state.path, line, [:append])
    # The state does not change.
    {:noreply, state}
  end

  defp write(state, entry) do
    File.write!(state.path, [entry, ?\n], [:append])
    state
  end
end
