# A sibling umbrella app: Orchard.Pickers does not run under the cellar app, so the fix
# adds a Task.Supervisor to Cellar.Application instead of borrowing the orchard's.
defmodule Cellar.Bottler do
  def fill(batch) do
    # want+1: OTP009
    Task.start(fn -> label(batch) end)
    {:ok, batch}
  end

  defp label(batch), do: batch
end
