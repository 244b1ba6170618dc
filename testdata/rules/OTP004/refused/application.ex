# The pid is used for more than bookkeeping: flagged, no fix.
defmodule Shop.Application do
  use Application

  def start(_type, _args) do
    {:ok, pid} = Shop.Warmer.start_link([]) # want: OTP004 "Shop.Warmer.start_link/1 in Shop.Application.start/2"
    GenServer.call(pid, :warm)
    {:ok, self()} # want: OTP004 "returns \{:ok, self\(\)\}"
  end
end

defmodule Shop.Warmer do
  use GenServer
  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)
  def init(s), do: {:ok, s}
  def handle_call(:warm, _from, s), do: {:reply, :ok, s}
end
