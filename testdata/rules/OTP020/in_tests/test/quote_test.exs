defmodule Shipping.QuoteTest do
  use ExUnit.Case, async: true

  # A correctness rule: it runs in test files too.
  test "falls back when the server is gone" do
    result =
      try do
        GenServer.call(:no_quote_server, :quote) # want: OTP020 "GenServer.call/2 fails by exiting"
      rescue
        _ -> :fallback
      end

    assert result == :fallback
  end
end
