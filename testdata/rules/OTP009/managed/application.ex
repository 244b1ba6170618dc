defmodule Beacon.Application do
  use Application

  def start(_type, _args) do
    children = [{Task.Supervisor, name: Beacon.Tasks}]
    Supervisor.start_link(children, strategy: :one_for_one, name: Beacon.Supervisor)
  end

  # Stops the whole system so that the OS service manager starts it afresh.
  def reboot do
    System.stop(0)
  end
end
