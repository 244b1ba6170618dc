defmodule Inventory.Lookup do
  @moduledoc false

  # The server may be gone or slow: the rescue means to turn that into an error tuple, but
  # GenServer.call exits, and a rescue never sees an exit.
  def stock(server, sku) do
    try do
      GenServer.call(server, {:stock, sku}) # want: OTP020 "GenServer.call/2 fails by exiting, not raising, when the process is not running, does not reply in time, or crashes: the rescue of this try catches exceptions only"
    rescue
      _ -> {:error, :unavailable}
    end
  end
end
