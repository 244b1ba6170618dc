defmodule Bakery.Oven do
  use GenServer

  def start_link(_arg), do: GenServer.start_link(__MODULE__, :ok)

  @impl true
  def init(:ok), do: {:ok, %{minutes: bake_time(:bread)}}

  defp bake_time(item) do
    # want+1: OTP016 "^Bakery.Oven.init/1 uses the ETS table :bakery_recipes \(:ets.lookup/2 in bake_time/1\), created by Bakery.Recipes, which Bakery.Application starts after Bakery.Oven: at boot :ets.lookup/2 raises ArgumentError \(the table does not exist yet\) and the application does not start$"
    [{^item, minutes}] = :ets.lookup(:bakery_recipes, item)
    minutes
  end
end
