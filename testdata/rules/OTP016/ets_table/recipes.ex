defmodule Bakery.Recipes do
  use GenServer

  @table :bakery_recipes

  def start_link(_arg), do: GenServer.start_link(__MODULE__, :ok, name: __MODULE__)

  @impl true
  def init(:ok) do
    :ets.new(@table, [:named_table, :set, :protected, read_concurrency: true])
    :ets.insert(@table, {:bread, 40})
    {:ok, nil}
  end
end
