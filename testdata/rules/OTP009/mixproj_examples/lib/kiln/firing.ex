# The example app's Glaze.TaskSupervisor is not started by this project: the fix adds
# Kiln.TaskSupervisor to Kiln.Application.
defmodule Kiln.Firing do
  def fire(piece) do
    # want+1: OTP009
    spawn(fn -> cool(piece) end)
    :ok
  end

  defp cool(piece), do: piece
end
