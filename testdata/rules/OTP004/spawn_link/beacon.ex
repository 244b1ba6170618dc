# `spawn_opt: [:link]` links a process started with start/3 to its caller, as
# start_link would (without making the caller its OTP parent).
defmodule Harbor.Beacon do
  use GenServer

  def start_link(arg), do: GenServer.start_link(__MODULE__, arg)

  @impl true
  def init(arg), do: {:ok, arg}

  @impl true
  def handle_call(:flare, _from, state) do
    {:ok, flare} = GenServer.start(Harbor.Flare, self(), spawn_opt: [:link])
    {:reply, flare, state}
  end

  # Positive twin: other spawn options, no link: it outlives the beacon.
  def handle_call(:stray, _from, state) do
    {:ok, flare} = GenServer.start(Harbor.Flare, self(), spawn_opt: [priority: :high]) # want: OTP004 "^GenServer\.start/3 in handle_call/3 starts a process linked to no other process"
    {:reply, flare, state}
  end
end

defmodule Harbor.Flare do
  use GenServer

  # A bang start function: it hands the linked pid to its caller.
  def start_link!(owner) do
    {:ok, pid} = GenServer.start(__MODULE__, owner, spawn_opt: [:link])
    pid
  end

  # Ordinary code: linked to its caller through spawn_opt, and the message says so.
  def kindle(owner) do
    {:ok, pid} = GenServer.start(__MODULE__, owner, spawn_opt: [:link, priority: :low]) # want: OTP004 "^GenServer\.start/3 in kindle/1 starts a process no supervisor knows about: it is linked to the process that calls kindle/1"
    send(pid, :go)
    :ok
  end

  @impl true
  def init(owner), do: {:ok, owner}
end
