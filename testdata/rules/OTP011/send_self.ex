defmodule Mailer do
  use GenServer

  def start(queue \\ []), do: GenServer.start(__MODULE__, queue)

  def init(queue) do
    :timer.send_interval(20, :flush)
    {:ok, queue}
  end

  def handle_cast({:deliver, email}, queue) do
    # want+1: OTP011 "send/2 in Mailer.handle_cast/2 delivers \{:retry, email\}, which no handle_info/2 clause of Mailer matches"
    send(self(), {:retry, email})
    {:noreply, queue}
  end

  def handle_info({:retry, email, attempts}, queue) when attempts < 3 do
    {:noreply, [{email, attempts} | queue]}
  end

  def handle_info(:flush, _queue), do: {:noreply, []}
end
