defmodule SampleApp.Notifications.Dispatcher do
  @moduledoc """
  Sends weather alerts to subscribers.
  """
  require Logger

  alias SampleApp.Notifications.AuditLog

  # One bare process per subscriber: nobody notices when one crashes (OTP009).
  def broadcast(subscribers, alert) do
    Enum.each(subscribers, fn subscriber ->
      spawn(fn -> deliver(subscriber, alert) end)
    end)

    AuditLog.record("broadcast #{alert.id} to #{length(subscribers)} subscribers")
    :ok
  end

  def remind_later(subscriber, alert) do
    Task.start(fn ->
      Process.sleep(:timer.minutes(10))
      deliver(subscriber, alert)
    end)

    :ok
  end

  # Correct: awaited in the same function.
  def deliver_all_now(subscribers, alert) do
    subscribers
    |> Enum.map(fn s -> Task.async(fn -> deliver(s, alert) end) end)
    |> Task.await_many(10_000)
  end

  defp deliver(subscriber, alert) do
    Logger.info("alert #{alert.id} -> #{subscriber}")
    {:ok, subscriber}
  end
end
