# OTP009 is off in test files by default: tests spawn helpers freely.
defmodule WorkerTest do
  def helper do
    spawn(fn -> :ok end)
    :ok
  end
end
