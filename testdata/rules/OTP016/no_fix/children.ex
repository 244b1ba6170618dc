# Mill.Stones needs Mill.Wheel at boot: moving it above Mill.Hopper would start it before
# the wheel, so no fix is offered.
defmodule Mill.Hopper do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, :ok)
  @impl true
  # want+1: OTP016 "Mill.Hopper.init/1 calls Mill.Stones"
  def init(:ok), do: {:ok, GenServer.call(Mill.Stones, :grind)}
end

defmodule Mill.Wheel do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, :ok, name: __MODULE__)
  @impl true
  def init(:ok), do: {:ok, :turning}
end

defmodule Mill.Stones do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, :ok, name: __MODULE__)
  @impl true
  def init(:ok), do: {:ok, GenServer.call(Mill.Wheel, :speed)}
end
