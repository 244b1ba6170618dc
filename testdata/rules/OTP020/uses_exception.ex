defmodule Billing.Gateway do
  @moduledoc false

  # The rescue body reads the exception, which an exit does not have: reported, no fix.
  def charge(server, amount) do
    try do
      :gen_statem.call(server, {:charge, amount}) # want: OTP020 ":gen_statem.call/2 fails by exiting"
    rescue
      e -> {:error, Exception.message(e)}
    end
  end

  # Several exiting calls: one finding, on the first.
  def settle(server, ids) do
    try do
      Enum.each(ids, fn id -> GenServer.call(server, {:settle, id}) end) # want: OTP020 "GenServer.call/2 fails by exiting"
      GenServer.stop(server)
    rescue
      reason -> {:error, reason}
    end
  end
end
