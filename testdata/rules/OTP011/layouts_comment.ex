defmodule Layouts.Comment do
  use GenServer

  def init(n) do
    # want+1: OTP011 "delivers :warm,"
    send(self(), :warm)
    {:ok, n}
  end

  def handle_info(:cold, n), do: {:noreply, n} # the comment stays on its line
end
