defmodule Layouts.SameLine do
  use GenServer

  def init(n) do
    send(self(), :warm) # want: OTP011
    {:ok, n}
  end

  def handle_info(:cold, n), do: {:noreply, n}; def other, do: :ok
end
