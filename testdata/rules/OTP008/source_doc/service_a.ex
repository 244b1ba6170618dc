# The source document's section 8 wrong form, one module per file: a three-server cycle.
defmodule ServiceA do
  use GenServer

  def init(state), do: {:ok, state}

  def handle_call(:process, _from, state) do
    # Call ServiceB synchronously
    result = GenServer.call(ServiceB, :compute) # want: OTP008 "GenServer.call/2 from ServiceA's handle_call/3 closes a cycle of synchronous calls: ServiceA -> ServiceB -> ServiceC -> ServiceA"
    {:reply, result, state}
  end
end
