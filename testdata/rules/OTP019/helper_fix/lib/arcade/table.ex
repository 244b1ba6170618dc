defmodule Arcade.Table do
  use GenServer

  # One atom per table a player opens: the atom table only grows.
  def start_link(table_id) do
    GenServer.start_link(__MODULE__, table_id, name: name(table_id)) # want: OTP019 "name: name\(table_id\) registers a process under an atom made at run time \(String.to_atom/1 in name/1\): atoms are never garbage collected"
  end

  def score(table_id), do: GenServer.call(name(table_id), :score)

  def leave(table_id), do: GenServer.cast(name(table_id), :leave)

  defp name(table_id), do: String.to_atom("table_" <> table_id)

  @impl true
  def init(table_id), do: {:ok, %{id: table_id, score: 0}}

  @impl true
  def handle_call(:score, _from, state), do: {:reply, state.score, state}

  @impl true
  def handle_cast(:leave, state), do: {:stop, :normal, state}
end
