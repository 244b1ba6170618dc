defmodule Kiosk.Board do
  @moduledoc false

  # Written the same way in the start and the lookup: both are rewritten.
  def open(screen_id) do
    Agent.start(fn -> [] end, name: :erlang.binary_to_atom(screen_id, :utf8)) # want: OTP019 ":erlang.binary_to_atom/2"
  end

  def lines(screen_id), do: Agent.get(:erlang.binary_to_atom(screen_id, :utf8), & &1)
end
