defmodule Settings do
  use GenServer

  @impl true
  def init(:defaults), do: :ok # want: OTP012 "Settings.init/1 returns :ok: init/1 returns \{:ok, state\}, .*; the server fails to start with \{:bad_return_value, value\}"
  def init(:off), do: :ingore # want: OTP012 ":ingore is not a return value \(:ignore is\)"
  def init(:tuned), do: {:ok, %{}, timeout: 5_000} # want: OTP012 "timeout: 5_000 is not a timeout"
  def init(path) when is_binary(path), do: {:ok, %{path: path}, :hibernate}
end

defmodule Settings.Sup do
  use Supervisor

  @impl true
  def init(:flat), do: {:ok, [Settings], strategy: :one_for_one} # want: OTP012 "Settings.Sup.init/1 returns .*: a :ok tuple of 3 elements .*; the supervisor fails to start with \{:bad_return, \{module, :init, value\}\}"
  def init(:list), do: {:ok, [Settings]} # want: OTP012 "the flags and the children go in one tuple"
  def init(:none), do: :ignore
  # Not a supervisor's return, but the failed start it causes is the one asked for.
  def init({:refuse, reason}), do: {:stop, reason}
end
