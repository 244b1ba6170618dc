defmodule Radio.Tuner do
  use GenServer

  def start_link(frequency), do: GenServer.start_link(__MODULE__, frequency)

  @impl true
  def init(frequency) do
    # want+1: OTP016 "^Radio.Tuner.init/1 sends to Radio.Speaker \(send/2\), which Radio.Application starts after Radio.Tuner: at boot the send raises ArgumentError \(no process is registered under that name\) and the application does not start$"
    send(Radio.Speaker, {:tuned, frequency})
    {:ok, frequency}
  end
end
