defmodule Depot.Restock do
  def order(item) do
    # want+1: OTP009
    spawn(fn -> place(item) end)
    :ok
  end

  defp place(item), do: item
end
