# R03: helpers whose lifecycle the code manages are reported as Information only.
defmodule Beacon.Watchers do
  # The helper monitors its owner, captured from here, and ends with it.
  def guard(resource) do
    owner = self()

    spawn(fn -> # want: OTP009 "left as a hint because the spawned function monitors or links owner, a process it was given"
      ref = Process.monitor(owner)

      receive do
        {:DOWN, ^ref, :process, _, _} -> release(resource)
      end
    end)

    :ok
  end

  # Twin: the helper monitors a process it starts itself, not its owner: a Warning.
  def supervise_alone(resource) do
    spawn(fn -> # want: OTP009 "spawn/1 in supervise_alone/1 starts a process outside any supervisor: if it crashes"
      helper = spawn_link(fn -> release(resource) end)
      ref = Process.monitor(helper)

      receive do
        {:DOWN, ^ref, :process, _, _} -> :ok
      end
    end)

    :ok
  end

  # The caller waits for the helper's answer and kills it when it is late.
  def ask(question) do
    parent = self()
    helper = spawn(fn -> send(parent, {:answer, answer(question)}) end) # want: OTP009 "ask/1 stops the pid it gets back"

    receive do
      {:answer, a} -> a
    after
      1_000 ->
        Process.exit(helper, :kill)
        :timeout
    end
  end

  # The pid is told when the work is done.
  def enforce(target) do
    enforcer = spawn(fn -> await_done(target) end) # want: OTP009 "enforce/1 sends to the pid it gets back"
    send(enforcer, :done)
    :ok
  end

  # Twin: the pid is only logged: nothing manages the process, a Warning. The fix keeps
  # the pid by matching it out of {:ok, pid}.
  def announce(message) do
    pid = spawn(fn -> answer(message) end) # want: OTP009 "spawn/1 in announce/1 starts a process outside any supervisor"
    IO.puts("announcing from #{inspect(pid)}")
  end

  # Stops the VM when stdin closes: under a supervisor the shutdown it starts would stop
  # it. Information, and no fix.
  def halt_on_eof do
    spawn(fn -> # want: OTP009 "System.halt runs in it, and a process that stops the system must outlive the supervision tree it stops"
      _ = IO.gets("")
      System.halt(0)
    end)

    :ok
  end

  # Stops the system through the application's own function: Information, no fix.
  def reboot_later do
    {:ok, _pid} =
      Task.start(fn -> # want: OTP009 "Beacon.Application.reboot \(which calls System.stop\) runs in it"
        Process.sleep(100)
        Beacon.Application.reboot()
      end)

    :ok
  end

  defp release(resource), do: resource
  defp answer(question), do: {:answer, question}

  defp await_done(target) do
    receive do
      :done -> target
    end
  end
end

defmodule Beacon.Drainer do
  use GenServer

  def init(peers) do
    Process.flag(:trap_exit, true)
    {:ok, peers}
  end

  # Started while the server shuts down: Information, no fix.
  def terminate(_reason, peers) do
    spawn(fn -> Enum.each(peers, &send(&1, :drain)) end) # want: OTP009 "it is started from terminate/2"
    :ok
  end

  # Twin: the same fan-out from an ordinary callback is a Warning.
  def handle_cast(:drain, peers) do
    spawn(fn -> Enum.each(peers, &send(&1, :drain)) end) # want: OTP009 "spawn/1 in handle_cast/2 starts a process outside any supervisor"
    {:noreply, peers}
  end
end

# Elixir's own Task modules build Task.Supervisor and cannot run under it.
defmodule Task.Beacon do
  def start(fun) do
    {:ok, spawn(fun)} # want: OTP009 "Task.Beacon implements the process primitives"
  end
end
