# The orchard app starts Orchard.Pickers itself: its task goes there.
defmodule Orchard.Harvest do
  def pick(row) do
    # want+1: OTP009
    spawn(fn -> count(row) end)
    :ok
  end

  defp count(row), do: length(row)
end
