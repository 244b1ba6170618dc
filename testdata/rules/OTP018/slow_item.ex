# One item slower than 5 s exits the caller; after the fix the caller gets every result.
defmodule Prover.Slow do
  def stream(delays) do
    delays
    # want+1: OTP018 "calls Process.sleep/1"
    |> Task.async_stream(fn ms -> Process.sleep(ms) end)
    |> Enum.to_list()
  end

  def await(ms) do
    # want+1: OTP018 "calls Process.sleep/1"
    Task.async(fn -> Process.sleep(ms) end) |> Task.await()
  end
end
