defmodule SampleApp.Billing.Invoicer do
  @moduledoc """
  Open invoices per account.
  """
  use GenServer

  def start_link(_opts), do: GenServer.start_link(__MODULE__, %{}, name: __MODULE__)

  def open_total(account), do: GenServer.call(__MODULE__, {:open_total, account})

  @impl true
  def init(invoices), do: {:ok, invoices}

  @impl true
  def handle_call({:open_total, account}, _from, invoices) do
    credit = GenServer.call(SampleApp.Billing.Ledger, {:balance, account})
    open = invoices |> Map.get(account, []) |> Enum.sum()
    {:reply, max(open - credit, 0), invoices}
  end
end
