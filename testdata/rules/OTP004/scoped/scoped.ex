# Scoped processes: started and stopped by the same function.
defmodule Press.Render do
  def with_buffer(fun) do
    {:ok, buffer} = Press.Buffer.start()

    try do
      fun.(buffer)
    after
      GenServer.stop(buffer)
    end
  end

  def count_words(words) do
    {:ok, counter} = Agent.start_link(fn -> 0 end)
    Enum.each(words, fn _ -> Agent.update(counter, &(&1 + 1)) end)
    total = Agent.get(counter, & &1)
    Agent.stop(counter)
    total
  end

  def capture(fun) do
    {:ok, device} = Press.Buffer.start()

    try do
      fun.(device)
    after
      close(device)
    end
  end

  defp close(device), do: Process.exit(device, :kill)

  # Positive twin: the buffer is started, another process is stopped.
  def leaky(fun, other) do
    {:ok, buffer} = Press.Buffer.start() # want: OTP004 "Press.Buffer.start/0 in leaky/2 starts a process no supervisor knows about: it is linked to no process"
    fun.(buffer)
    GenServer.stop(other)
  end
end

# Scoped over the module: the pid is handed to a caller here that stops it.
defmodule Press.Batch do
  def run(items, fun) do
    {count, tally} = prepare(items)

    try do
      Enum.each(items, &fun.(tally, &1))
      {count, Agent.get(tally, & &1)}
    after
      Agent.stop(tally)
    end
  end

  defp prepare(items) do
    {:ok, tally} = Agent.start_link(fn -> 0 end)
    {length(items), tally}
  end
end

defmodule Press.Buffer do
  use GenServer
  def start, do: GenServer.start(__MODULE__, [])
  def init(s), do: {:ok, s}
end
