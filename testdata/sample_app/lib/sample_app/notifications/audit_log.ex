defmodule SampleApp.Notifications.AuditLog do
  @moduledoc """
  Appends audit lines to a file.
  """
  use GenServer

  def start_link(path), do: GenServer.start_link(__MODULE__, path, name: __MODULE__)

  # Asynchronous: callers never wait, so a slow disk lets the mailbox grow (OTP007).
  def record(line), do: GenServer.cast(__MODULE__, {:record, line})

  @impl true
  def init(path), do: {:ok, %{path: path || "audit.log", lines: 0}}

  @impl true
  def handle_cast({:record, line}, state) do
    File.write!(state.path, line <> "\n", [:append])
    {:noreply, %{state | lines: state.lines + 1}}
  end
end
