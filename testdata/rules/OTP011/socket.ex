defmodule Telnet do
  use GenServer

  def start(port), do: GenServer.start(__MODULE__, port)

  @impl true
  def init(port) do
    # want+1: OTP011 ":gen_tcp.connect/3 in Telnet.init/1 opens an active socket: it delivers \{:tcp, socket, data\} and \{:tcp_closed, socket\}, which no handle_info/2 clause of Telnet matches"
    {:ok, socket} = :gen_tcp.connect(~c"localhost", port, [:binary, active: true])
    {:ok, socket}
  end

  @impl true
  def handle_info({:send, line}, socket) do
    :ok = :gen_tcp.send(socket, line)
    {:noreply, socket}
  end
end
