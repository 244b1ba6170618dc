defmodule Layouts.Block do
  use GenServer

  def init(n) do
    # want+1: OTP011 "delivers \{:\"needs quotes\", n, n\},"
    Process.send_after(self(), {:"needs quotes", n, n}, 10)
    {:ok, n}
  end

  def handle_info({:other, n}, _old) do
    {:noreply, n}
  end

  def handle_call(:get, _from, n), do: {:reply, n, n}

  defmodule Nested do
    def handle_info(_msg, state), do: {:noreply, state}
  end
end

defmodule Layouts.Long do
  use GenServer

  def start, do: GenServer.start(__MODULE__, :ok)

  def init(:ok), do: {:ok, :ok}

  def handle_cast(:warm, state) do
    # want+1: OTP011
    send(self(), {:long_message_tag_for_layouts, :first_argument, :second_arg})
    {:noreply, state}
  end

  def handle_info(:short, state), do: {:noreply, state}
end
