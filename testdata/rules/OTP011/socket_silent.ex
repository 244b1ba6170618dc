# Sockets whose messages are not the server's, or are handled.

defmodule Probe.Passive do
  use GenServer

  def init({host, port}) do
    {:ok, socket} = :gen_tcp.connect(host, port, [:binary, active: false])
    {:ok, socket}
  end

  def handle_info(:ping, socket), do: {:noreply, socket}
end

defmodule Probe.Default do
  use GenServer

  # gen_tcp's default is active: true, but the options are not the rule's to guess.
  def init({host, port, opts}) do
    {:ok, socket} = :gen_tcp.connect(host, port, opts)
    {:ok, socket}
  end

  def handle_info(:ping, socket), do: {:noreply, socket}
end

defmodule Probe.Handled do
  use GenServer

  def init({host, port}) do
    {:ok, socket} = :ssl.connect(host, port, active: :once)
    {:ok, socket}
  end

  def handle_info({:ssl, socket, _data}, socket) do
    :ssl.setopts(socket, active: :once)
    {:noreply, socket}
  end

  def handle_info({:ssl_closed, _socket}, socket), do: {:stop, :normal, socket}
end

# The socket is handed to another process, which gets its messages.
defmodule Probe.HandedOff do
  use GenServer

  def init({host, port, owner}) do
    {:ok, socket} = :gen_tcp.connect(host, port, [{:active, true}])
    :ok = :gen_tcp.controlling_process(socket, owner)
    {:ok, socket}
  end

  def handle_info(:ping, socket), do: {:noreply, socket}
end
