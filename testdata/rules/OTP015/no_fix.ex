# Flagged, with no fix where binding the field would not keep the code's meaning.
defmodule Bare.Mirror do
  use GenServer

  @impl true
  def init(target), do: {:ok, %{target: target, pending: %{}}}

  # `target` already names a variable of the clause.
  @impl true
  def handle_info({:push, target}, state) do
    # want+1: OTP015
    Task.start(fn -> Bare.Net.push(state.target, target) end)
    {:noreply, state}
  end

  # A read through Map.get with a default: not a plain field read.
  def handle_info(:sync, state) do
    # want+1: OTP015 "reads Map.get\(state, :target, :none\)"
    Task.start(fn -> Bare.Net.sync(Map.get(state, :target, :none)) end)
    {:noreply, state}
  end

  # The generator binds the item before the closure: no line to bind the field on.
  def handle_info({:each, items}, state) do
    # want+1: OTP015
    for item <- items, do: Task.start(fn -> Bare.Net.push(state.target, item) end)
    {:noreply, state}
  end

  # A field init/1 does not set: reading it early could raise in the server.
  def handle_info(:late, state) do
    # want+1: OTP015 "reads state.extra but copies all of state \(also :pending, :target\)"
    Task.start(fn -> Bare.Net.sync(state.extra) end)
    {:noreply, state}
  end
end

defmodule Bare.Net do
  def push(_target, _item), do: :ok
  def sync(_target), do: :ok
end
