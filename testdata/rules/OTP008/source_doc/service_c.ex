defmodule ServiceC do
  use GenServer

  def init(state), do: {:ok, state}

  def handle_call(:calculate, _from, state) do
    # DEADLOCK: tries to call ServiceA
    result = GenServer.call(ServiceA, :validate) # want: OTP008 "ServiceC -> ServiceA -> ServiceB -> ServiceC"
    {:reply, result, state}
  end
end
