defmodule Transcoder do
  use GenServer

  def start, do: GenServer.start(__MODULE__, nil)

  def run(server, cmd), do: GenServer.cast(server, {:run, cmd})

  @impl true
  def init(nil), do: {:ok, nil}

  @impl true
  def handle_cast({:run, cmd}, nil) do
    # want+1: OTP011 "Port.open/2 in Transcoder.handle_cast/2 delivers \{port, \{:data, data\}\}, which no handle_info/2 clause of Transcoder matches"
    port = Port.open({:spawn, cmd}, [:binary, :exit_status])
    {:noreply, port}
  end

  @impl true
  def handle_info({port, {:exit_status, status}}, port) do
    IO.puts("exited with #{status}")
    {:noreply, nil}
  end
end
