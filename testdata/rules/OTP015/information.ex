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
    # want+1: OTP015 "reads state.host but copies all of state \(also :port, :opts\)"
    Task.start(fn -> Beacon.Net.ping(state.host) end)
    {:noreply, state}
  end
end

defmodule Beacon.Net do
  def ping(_host), do: :ok
end

# Per item, but every field copied for nothing is a scalar: a few words per task.
defmodule Beacon.Fanout do
  use GenServer

  @impl true
  def init(host), do: {:ok, %{host: host, port: 4000}}

  @impl true
  def handle_call({:ping_all, paths}, _from, state) do
    # want+1: OTP015 "reads state.host but copies all of state \(also :port\) into every task of the stream"
    results = Task.async_stream(paths, fn path -> Beacon.Net.ping(state.host <> path) end)
    {:reply, Enum.to_list(results), state}
  end
end
