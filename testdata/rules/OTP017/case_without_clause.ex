defmodule Chat.Room do
  use GenServer

  def start_link(topic), do: GenServer.start_link(__MODULE__, topic, name: {:global, {:room, topic}})

  @impl true
  def init(topic) do
    Process.sleep(20)
    {:ok, topic}
  end
end

defmodule Chat do
  @moduledoc false

  # The case handles the errors it expects, not the loser's {:already_started, pid}.
  def join(topic) do
    if pid = :global.whereis_name({:room, topic}) |> alive() do
      {:ok, pid}
    else
      case DynamicSupervisor.start_child(Chat.Rooms, {Chat.Room, topic}) do # want: OTP017 "matches no clause of this case \(a CaseClauseError\)"
        {:ok, pid} ->
          {:ok, pid}

        {:error, :max_children} ->
          {:error, :full}
      end
    end
  end

  defp alive(:undefined), do: nil
  defp alive(pid), do: pid
end
