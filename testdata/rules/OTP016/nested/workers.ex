defmodule Zoo.Feeder do
  use GenServer

  def start_link(_arg), do: GenServer.start_link(__MODULE__, :ok)

  @impl true
  def init(:ok) do
    # want+1: OTP016 "^Zoo.Feeder.init/1 calls Zoo.Food \(GenServer.call/2\), which Zoo.Application starts \(under Zoo.Pantry\) after Zoo.Keepers \(which starts Zoo.Feeder\): at boot the call exits with :noproc and the application does not start$"
    {:ok, GenServer.call(Zoo.Food, :stock)}
  end
end

defmodule Zoo.Food do
  use GenServer

  def start_link(_arg), do: GenServer.start_link(__MODULE__, 100, name: __MODULE__)

  @impl true
  def init(stock), do: {:ok, stock}

  @impl true
  def handle_call(:stock, _from, stock), do: {:reply, stock, stock}
end
