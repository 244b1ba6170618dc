defmodule Library.Catalog do
  use GenServer

  alias Library.Settings

  def start_link(_arg), do: GenServer.start_link(__MODULE__, :ok, name: __MODULE__)

  @impl true
  def init(:ok) do
    # want+1: OTP016 "^Library.Catalog.init/1 calls Library.Settings \(Library.Settings.fetch/1, which calls GenServer.call/2\), which Library.Application starts after Library.Catalog: at boot the call exits with :noproc and the application does not start$"
    shelves = Settings.fetch(:shelves)
    {:ok, %{shelves: shelves, books: %{}}}
  end
end
