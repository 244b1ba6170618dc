# min_concerns: 2 in .otpls.exs
defmodule Shop.Pair do # want: OTP001 "Shop.Pair holds 2 unrelated concerns in one process \(\[users\] \[cache\]\)"
  use GenServer

  def init(_), do: {:ok, %{users: %{}, cache: %{}}}

  def handle_call({:user, id}, _from, state), do: {:reply, state.users[id], state}
  def handle_call({:cached, k}, _from, state), do: {:reply, state.cache[k], state}
end
