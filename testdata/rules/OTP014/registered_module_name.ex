# A server registered under a module name that no module defines: a send to that name
# reaches the one module that registers it.
defmodule Relay.Ledger do
  use GenServer

  def start_link(_), do: GenServer.start_link(__MODULE__, 0, name: Relay.Names.Ledger)

  @impl true
  def init(total), do: {:ok, total}

  @impl true
  def handle_call(:total, _from, total), do: {:reply, total, total}
end

defmodule Relay.Audit do
  alias Relay.Names.Ledger

  def total, do: GenServer.call(Ledger, :total)

  def reset, do: GenServer.call(Ledger, :reset) # want: OTP014 "GenServer.call/2 sends :reset to Relay.Ledger, but no handle_call/3 clause of Relay.Ledger matches it"
end
