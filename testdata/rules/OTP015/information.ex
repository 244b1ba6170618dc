# The fields copied for nothing are scalars or of unknown size: a few words per spawn,
# reported as Information.
defmodule Beacon.Pinger do
  use GenServer

  @impl true
  def init(opts) do
    {:ok, %{host: Keyword.fetch!(opts, :host), port: 4000, opts: opts}}
  end

  @impl true
  def handle_info(:ping, state) do
    Task.start(fn -> Beacon.Net.ping(state.host) end) # want: OTP015 "reads state.host but copies all of state \(also :port, :opts\)"
    {:noreply, state}
  end
end

defmodule Beacon.Net do
  def ping(_host), do: :ok
end
