# The owner pattern holds for any module whose callbacks a process framework calls in a
# process of its own, not only GenServer: its init/1 runs in the new process, so what it
# starts linked is linked to that process, which its own supervisor restarts.
defmodule Harbor.Framework do
  @callback init(term) :: {:ok, term}
  @callback handle_reading(term, term) :: {:ok, term}
end

defmodule Harbor.Tide do
  @behaviour Harbor.Framework

  @impl true
  def init(opts) do
    {:ok, gauge} = Harbor.Gauge.start_link(opts)
    {:ok, %{gauge: gauge}}
  end

  @impl true
  def handle_reading(reading, state) do
    record(reading, state)
  end

  defp record(reading, state) do
    {:ok, _} = Harbor.Gauge.start_link(reading)
    {:ok, state}
  end

  # Positive twin: a client function runs in its caller's process.
  def watch(opts) do
    {:ok, gauge} = Harbor.Gauge.start_link(opts) # want: OTP004 "^Harbor\.Gauge\.start_link/1 in watch/1 starts a process no supervisor knows about: it is linked to the process that calls watch/1"
    send(gauge, :watch)
    :ok
  end
end

# A state machine built on a library, with state functions.
defmodule Harbor.Lock do
  use Harbor.StateMachine, callback_mode: :state_functions

  def init(data), do: {:ok, :closed, data}

  def closed({:call, from}, :open, data) do
    {:ok, pump} = Harbor.Gauge.start_link(data)
    {:next_state, :open, Map.put(data, :pump, pump), [{:reply, from, :ok}]}
  end
end

# Positive twin: the same functions with no behaviour are plain functions.
defmodule Harbor.Ledger do
  def init(opts) do
    {:ok, gauge} = Harbor.Gauge.start_link(opts) # want: OTP004 "^Harbor\.Gauge\.start_link/1 in init/1 starts a process no supervisor knows about: it is linked to the process that calls init/1"
    {:ok, %{gauge: gauge}}
  end

  def handle_reading(_reading, state), do: {:ok, state}
end

defmodule Harbor.Gauge do
  use Agent
  def start_link(value), do: Agent.start_link(fn -> value end)
end
