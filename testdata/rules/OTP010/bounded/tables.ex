# Key sets that cannot grow: no "grows without bound".
defmodule Bound.Settings do
  use GenServer

  def start_link(_), do: GenServer.start_link(__MODULE__, [], name: __MODULE__)

  @impl true
  def init(_) do
    :ets.new(:bound_settings, [:named_table, :protected])
    :ets.insert(:bound_settings, {:mode, :normal})
    :ets.insert_new(:bound_settings, hooks: [])
    {:ok, nil}
  end

  @impl true
  def handle_cast({:mode, mode}, state) do
    :ets.insert(:bound_settings, {:mode, mode})
    :ets.update_element(:bound_settings, :hooks, {2, []})
    {:noreply, state}
  end
end

# Keys from a comprehension over a range: one row per slot.
defmodule Bound.Slots do
  def setup(count) do
    :ets.new(:bound_slots, [:named_table])
    for slot <- 0..(count - 1), do: :ets.insert(:bound_slots, {slot, :free})
    :ets.insert(:bound_slots, [{:count, count}, {:version, 1}])
  end
end

# Keys a parameter brings, but every caller passes a literal.
defmodule Bound.State do
  def setup, do: :ets.new(:bound_state, [:named_table, :public])
  def put(key, value), do: :ets.insert(:bound_state, {key, value})
end

defmodule Bound.Users do
  def boot(env), do: Bound.State.put(:env, env)
  def debug(on?), do: Bound.State.put(:debug, on?)
end

# A table made by a task dies with it.
defmodule Bound.Batch do
  def run(items) do
    Task.start(fn ->
      :ets.new(:bound_batch, [:named_table])
      Enum.each(items, fn item -> :ets.insert(:bound_batch, {item, 1}) end)
    end)
  end
end

# Positive twins: keys from messages, and from a caller passing run-time data.
defmodule Bound.Sessions do
  use GenServer

  def start_link(_), do: GenServer.start_link(__MODULE__, [], name: __MODULE__)

  @impl true
  def init(_) do
    :ets.new(:bound_sessions, [:named_table, :protected]) # want: OTP010 "ETS table :bound_sessions gets keys from run-time data \(1 insert\)"
    {:ok, nil}
  end

  @impl true
  def handle_cast({:login, user, token}, state) do
    :ets.insert(:bound_sessions, {user, token})
    {:noreply, state}
  end
end

defmodule Bound.Visits do
  def setup, do: :ets.new(:bound_visits, [:named_table, :public]) # want: OTP010 "ETS table :bound_visits gets keys from run-time data \(1 insert\)"
  def put(key, value), do: :ets.insert(:bound_visits, {key, value})
end

defmodule Bound.Tracker do
  def visit(path), do: Bound.Visits.put(:home, path)
  def visit_any(path), do: Bound.Visits.put(path, 1)
end
