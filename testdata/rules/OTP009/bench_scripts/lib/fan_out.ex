# The same code in the application is flagged.
defmodule Racks.FanOut do
  def run do
    spawn(fn -> Process.sleep(10) end) # want: OTP009
    :ok
  end
end
