# Options: `extra` adds project-specific blocking calls, `ignore` removes some.
defmodule Configured do
  use GenServer

  def init(s), do: {:ok, s}

  def handle_call(:a, _from, s), do: {:reply, MyApp.Http.get("/a"), s} # want: OTP003 "MyApp.Http.get/1"
  def handle_call(:b, _from, s), do: {:reply, Process.sleep(1), s}
end
