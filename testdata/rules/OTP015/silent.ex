# Closures that need the whole state, or do not copy it, or whose state is unknown: none
# is flagged.
defmodule Quiet.Worker do
  use GenServer

  @impl true
  def init(url), do: {:ok, %{url: url, seen: MapSet.new()}}

  # Every field read: the copy is no waste.
  @impl true
  def handle_info(:all, state) do
    Task.start(fn -> Quiet.Out.both(state.url, state.seen) end)
    {:noreply, state}
  end

  # The state passed on whole: every field may be needed.
  def handle_info(:whole, state) do
    Task.start(fn -> Quiet.Out.save(state) end)
    {:noreply, state}
  end

  # The field bound before the closure: only it is copied.
  def handle_info(:bound, state) do
    url = state.url
    Task.start(fn -> Quiet.Out.fetch(url) end)
    {:noreply, state}
  end

  # Matched in the head: the closure captures the field's variable only.
  def handle_info(:matched, %{url: url} = state) do
    Task.start(fn -> Quiet.Out.fetch(url) end)
    {:noreply, state}
  end

  # Runs in the server: nothing is copied.
  def handle_info({:local, ids}, state) do
    Enum.each(ids, fn id -> Quiet.Out.both(state.url, id) end)
    {:noreply, state}
  end

  # The closure's own parameter is named like the state: it is the agent's state.
  def handle_info({:agent, agent}, state) do
    Agent.update(agent, fn state -> Map.put(state, :n, 1) end)
    {:noreply, state}
  end

  # The state updated inside the closure: the new state needs every field.
  def handle_info(:update, state) do
    Task.start(fn -> Quiet.Out.save(%{state | url: nil}) end)
    {:noreply, state}
  end
end

# init/1's state is built by a function: its fields are not known.
defmodule Quiet.Unknown do
  use GenServer

  @impl true
  def init(opts), do: {:ok, build(opts)}

  @impl true
  def handle_info(:go, state) do
    Task.start(fn -> Quiet.Out.fetch(state.url) end)
    {:noreply, state}
  end

  defp build(opts), do: Map.new(opts)
end

# Not a GenServer: its `state` is any value.
defmodule Quiet.Plain do
  def run(state) do
    Task.start(fn -> Quiet.Out.fetch(state.url) end)
  end
end

defmodule Quiet.Out do
  def both(_a, _b), do: :ok
  def save(_state), do: :ok
  def fetch(_url), do: :ok
end
