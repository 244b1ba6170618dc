defmodule Late.Needy do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, :ok)
  @impl true
  def init(:ok), do: {:ok, GenServer.call(Late.Provider, :get)}
end

defmodule Late.Provider do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, :ok, name: __MODULE__)
  @impl true
  def init(:ok), do: {:ok, 0}
end
