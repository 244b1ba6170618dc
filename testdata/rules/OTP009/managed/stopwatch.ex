# A helper process of one call: it reports back to the spawning process, which waits for
# it with a timeout. Information; the same helper awaited with no timeout stays a Warning
# (its crash would hang the caller).
defmodule Beacon.Stopwatch do
  def sample(seconds) do
    caller = self()

    spawn(fn -> # want: OTP009 "left as a hint because it sends to caller, the process that spawns it, which sample/1 makes wait for it in a receive with an after"
      Process.sleep(seconds * 1000)
      send(caller, :elapsed)
    end)

    collect([])
  end

  defp collect(acc) do
    receive do
      {:reading, r} -> collect([r | acc])
      :elapsed -> acc
    after
      60_000 -> acc
    end
  end

  # Twin: the caller waits with no after: a crash of the helper hangs it.
  def sample_forever(seconds) do
    caller = self()

    spawn(fn -> # want: OTP009 "spawn/1 in sample_forever/1 starts a process outside any supervisor: if it crashes"
      Process.sleep(seconds * 1000)
      send(caller, :elapsed)
    end)

    receive do
      :elapsed -> :ok
    end
  end

  # Twin: it waits with a timeout, but the helper reports to another process.
  def sample_for(listener, seconds) do
    spawn(fn -> # want: OTP009 "spawn/1 in sample_for/2 starts a process outside any supervisor: if it crashes"
      Process.sleep(seconds * 1000)
      send(listener, :elapsed)
    end)

    receive do
      :elapsed -> :ok
    after
      60_000 -> :timeout
    end
  end
end
