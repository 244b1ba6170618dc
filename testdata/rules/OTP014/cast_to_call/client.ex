defmodule Shelf.Client do
  alias Shelf.Counter

  def reset_all do
    GenServer.cast(Counter, :reset) # want: OTP014 "GenServer.cast/2 sends :reset to Shelf.Counter, which handles :reset only in handle_call/3: no handle_cast/2 clause matches it, so the server crashes with FunctionClauseError$"
    :ok
  end

  # The cast's value is the function's: switching it to a call would return the reply.
  def bump(n), do: GenServer.cast(Counter, {:add, n}) # want: OTP014 "GenServer.cast/2 sends \{:add, _\} to Shelf.Counter, which handles"

  def note(line) do
    GenServer.call(Counter, {:log, line}) # want: OTP014 "handles \{:log, _\} only in handle_cast/2: no handle_call/3 clause matches it, so the server crashes with FunctionClauseError and the caller exits"
    :noted
  end

  def value, do: GenServer.call(Counter, :value)
end
