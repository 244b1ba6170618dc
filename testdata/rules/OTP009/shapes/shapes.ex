defmodule Shapes.Application do
  use Application

  @impl true
  def start(_type, _args) do
    children = [Shapes.Registry]
    Supervisor.start_link(children, strategy: :one_for_one, name: Shapes.Supervisor)
  end
end

defmodule Shapes.Notifier do
  require Logger

  # A statement: the pid is thrown away, so the fix is safe.
  def notify_all(users, message) do
    Task.start(fn -> deliver(users, message) end) # want: OTP009 "Task.start/1"
    Logger.info("queued #{length(users)} notifications")
    :ok
  end

  # spawn/3 with a module, function and arguments.
  def warm(keys) do
    spawn(__MODULE__, :deliver, [keys, :warm]) # want: OTP009 "spawn/3"
    :ok
  end

  # The last expression of a function given to Enum.each: discarded too.
  def fan_out(users) do
    Enum.each(users, fn user ->
      Kernel.spawn(fn -> deliver([user], :hello) end) # want: OTP009
    end)
  end

  # The pid is monitored here: the function manages the process (Information), and the
  # fix is unsafe (the match becomes {:ok, pid}).
  def watch(user) do
    pid = spawn(fn -> deliver([user], :watch) end) # want: OTP009 "spawn/1 in watch/1 starts a process outside any supervisor, left as a hint because watch/1 monitors the pid it gets back"
    Process.monitor(pid)
  end

  # Not flagged: :link in the spawn options makes it a spawn_link.
  def low_priority_linked(users) do
    Process.spawn(fn -> deliver(users, :low) end, [:link, {:priority, :low}])
  end

  # Spawn options have no Task.Supervisor equivalent: flagged, no fix.
  def low_priority(users) do
    Process.spawn(fn -> deliver(users, :low) end, [{:priority, :low}]) # want: OTP009 "Process.spawn/2"
  end

  # Piped form: flagged, no fix.
  def piped(users) do
    fn -> deliver(users, :piped) end |> spawn() # want: OTP009
    :ok
  end

  # Task.async never awaited: the reply lands in a mailbox nobody reads.
  def prefetch(users) do
    Task.async(fn -> deliver(users, :prefetch) end) # want: OTP009 "Task.async/1"
    :ok
  end

  # Not flagged: awaited in the same function.
  def fetch_all(users) do
    users
    |> Enum.map(fn u -> Task.async(fn -> deliver([u], :fetch) end) end)
    |> Task.await_many(5_000)
  end

  # Not flagged: the task is returned to the caller to await.
  def fetch_async(user), do: Task.async(fn -> deliver([user], :fetch) end)

  # Not flagged: linked processes started from start_link.
  def start_link(arg) do
    pid = spawn_link(fn -> deliver([arg], :linked) end)
    {:ok, pid}
  end

  def start_worker(arg), do: Task.start_link(fn -> deliver([arg], :linked) end)

  def deliver(users, message), do: {users, message}
end

defmodule Shapes.Poller do
  use GenServer

  def init(state), do: {:ok, state}

  # Not flagged: a GenServer receives Task.async replies in handle_info.
  def handle_cast(:poll, state) do
    Task.async(fn -> :polled end)
    {:noreply, state}
  end

  def handle_info({ref, _result}, state) when is_reference(ref), do: {:noreply, state}
  def handle_info(_msg, state), do: {:noreply, state}
end

defmodule Shapes.Quiet do
  def run(x) do
    # otpls:disable-next-line OTP009 fire-and-forget telemetry, losing it is fine
    spawn(fn -> x end)
    # want+1: OTP090 "suppression of OTP009 matches no diagnostic"
    # otpls:disable-next-line OTP009 nothing here any more
    :ok
  end
end
