defmodule SampleApp.Billing.Ledger do
  @moduledoc """
  Balances per account.
  """
  use GenServer

  alias SampleApp.Billing.Invoicer

  def start_link(_opts), do: GenServer.start_link(__MODULE__, %{}, name: __MODULE__)

  def balance(account), do: GenServer.call(__MODULE__, {:balance, account})

  @impl true
  def init(balances), do: {:ok, balances}

  # Calls the Invoicer, which calls back into the Ledger: a deadlock (OTP008).
  @impl true
  def handle_call({:balance, account}, _from, balances) do
    open = Invoicer.open_total(account)
    {:reply, Map.get(balances, account, 0) - open, balances}
  end

  def handle_call({:credit, account, amount}, _from, balances) do
    {:reply, :ok, Map.update(balances, account, amount, &(&1 + amount))}
  end
end
