# R10: Process.spawn's options decide what it is. With :link it is a spawn_link; with
# :monitor the caller is told when it exits (Information); with neither it is a bare spawn.
defmodule Pumps.Station do
  def linked(level) do
    Process.spawn(fn -> pump(level) end, [:link])
  end

  def linked_and_watched(level) do
    opts = [:link, :monitor, {:priority, :high}]
    {pid, _ref} = Process.spawn(fn -> pump(level) end, opts)
    pid
  end

  def linked_mfa(level) do
    Process.spawn(__MODULE__, :pump, [level], [:link])
  end

  def watched(level) do
    {pid, ref} = Process.spawn(fn -> pump(level) end, [:monitor]) # want: OTP009 "spawned with :monitor, so the caller is told when it exits"
    {pid, ref}
  end

  def unknown(level, opts) do
    Process.spawn(fn -> pump(level) end, opts) # want: OTP009 "its spawn options are not written here"
  end

  def bare(level) do
    Process.spawn(fn -> pump(level) end, [{:priority, :low}]) # want: OTP009 "Process.spawn/2 in bare/1 starts a process outside any supervisor"
  end

  def bare_mfa(level) do
    Process.spawn(__MODULE__, :pump, [level], []) # want: OTP009 "Process.spawn/4"
  end

  def pump(level), do: level
end
