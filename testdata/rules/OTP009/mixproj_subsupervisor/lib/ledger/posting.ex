defmodule Ledger.Posting do
  def post(entry) do
    # want+1: OTP009
    spawn(fn -> audit(entry) end)
    :ok
  end

  defp audit(entry), do: entry
end
