defmodule ServiceB do
  use GenServer

  def init(state), do: {:ok, state}

  def handle_call(:compute, _from, state) do
    result = GenServer.call(ServiceC, :calculate) # want: OTP008 "ServiceB -> ServiceC -> ServiceA -> ServiceB"
    {:reply, result, state}
  end
end
