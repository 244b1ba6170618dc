defmodule Speaker.OutOnly do
  use GenServer

  def init(cmd) do
    port = Port.open({:spawn, cmd}, [:binary, :out])
    {:ok, port}
  end

  def handle_info(:beep, port), do: {:noreply, port}
end

defmodule Speaker.Closed do
  use GenServer

  def init(cmd), do: {:ok, cmd}

  def handle_call(:version, _from, cmd) do
    port = Port.open({:spawn, cmd <> " --version"}, [:binary])
    Port.close(port)
    {:reply, :ok, cmd}
  end

  def handle_info(:beep, cmd), do: {:noreply, cmd}
end

defmodule Speaker.Handled do
  use GenServer

  def init(cmd) do
    {:ok, Port.open({:spawn, cmd}, [:binary, :exit_status])}
  end

  def handle_info({port, {:data, _chunk}}, port), do: {:noreply, port}
  def handle_info({port, {:exit_status, _}}, port), do: {:stop, :normal, port}
end
