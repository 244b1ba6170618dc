defmodule Crate do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, :ok)
  @impl true
  def init(:ok), do: {:ok, GenServer.call(Crate.Lid, :get)}
end

defmodule Crate.Lid do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, :ok, name: __MODULE__)
  @impl true
  def init(:ok), do: {:ok, 0}
end
