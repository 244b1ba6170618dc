# A cast whose message is a bare atom asks the server to do its work now: repeats queue up
# but carry nothing, so the mailbox grows only with duplicate triggers (Information,
# "coalesce them", no fix). The twin carries request data and stays a Warning.
defmodule Store.Vacuum do
  use GenServer

  def start_link(dir), do: GenServer.start_link(__MODULE__, dir, name: __MODULE__)

  def vacuum_now, do: GenServer.cast(__MODULE__, :vacuum) # want: OTP007 "GenServer.cast/2 to __MODULE__ in vacuum_now/0 has no backpressure: handle_cast\(:vacuum, dir\) does slow work \(File.ls!/1\), and :vacuum is a bare trigger carrying no data: duplicate triggers queue up, each redoing the work; coalesce them"

  def flush_now, do: send(__MODULE__, :flush) # want: OTP007 "send/2 to __MODULE__ in flush_now/0 has no backpressure: .*:flush is a bare trigger"

  def discard(name), do: GenServer.cast(__MODULE__, {:discard, name}) # want: OTP007 "GenServer.cast/2 to __MODULE__ in discard/1 has no backpressure: handle_cast\(\{:discard, name\}, dir\) does slow work \(File.rm/1\), so callers can send faster than the server keeps up and its mailbox grows without bound"

  @impl true
  def init(dir) do
    :timer.send_interval(600_000, :tick)
    {:ok, dir}
  end

  @impl true
  def handle_cast(:vacuum, dir) do
    for name <- File.ls!(dir), String.ends_with?(name, ".tmp"), do: File.rm(Path.join(dir, name))
    {:noreply, dir}
  end

  def handle_cast({:discard, name}, dir) do
    File.rm(Path.join(dir, name))
    {:noreply, dir}
  end

  @impl true
  def handle_info(:tick, dir) do
    vacuum_now()
    {:noreply, dir}
  end

  def handle_info(:flush, dir) do
    :file.sync(File.open!(Path.join(dir, "journal"), [:append]))
    {:noreply, dir}
  end
end
