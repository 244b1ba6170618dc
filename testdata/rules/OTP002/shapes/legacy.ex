# The Erlang behaviour, a bare-variable state and :gen_server.call.
defmodule Shop.Legacy do # want: OTP002 "Shop.Legacy is a GenServer with no state: init/1 returns :ok"
  @behaviour :gen_server

  def start_link, do: :gen_server.start_link({:local, __MODULE__}, __MODULE__, [], [])

  def double(n), do: :gen_server.call(__MODULE__, {:double, n})

  @impl :gen_server
  def init([]), do: {:ok, :ok}

  @impl :gen_server
  def handle_call({:double, n}, _from, s), do: {:reply, n * 2, s}
end
