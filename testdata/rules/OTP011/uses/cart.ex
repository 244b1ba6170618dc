defmodule Shop.Logging do
  defmacro __using__(_opts) do
    quote do
      require Logger
    end
  end
end

defmodule Shop.Cart do
  use GenServer
  use Shop.Logging

  def start(ttl), do: GenServer.start(__MODULE__, ttl)

  def init(ttl) do
    # want+1: OTP011 "Process.send_after/3 in Shop.Cart.init/1 delivers :expire,"
    Process.send_after(self(), :expire, ttl)
    {:ok, []}
  end

  def handle_info(:expired, _items), do: {:noreply, []}
end
