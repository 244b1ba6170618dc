# No Application module and no configured task supervisor: flagged, but no fix is
# offered, because no supervisor could be named for the task to run under.
defmodule Lonely.Worker do
  def go(x) do
    spawn(fn -> x end) # want: OTP009
    :ok
  end
end
