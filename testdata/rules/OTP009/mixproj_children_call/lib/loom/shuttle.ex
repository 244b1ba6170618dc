# Loom.Application builds its children with a function call, so no child can be added
# there, and the example app's list belongs to another Mix project: flagged, no fix.
defmodule Loom.Shuttle do
  def weave(thread) do
    # want+1: OTP009
    spawn(fn -> tie(thread) end)
    :ok
  end

  defp tie(thread), do: thread
end
