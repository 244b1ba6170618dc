defmodule Quiet.Application do
  use Application

  @impl true
  def start(_type, _args) do
    children = [
      Quiet.Source,
      Quiet.Reader,
      Quiet.Caster,
      Quiet.Guarded,
      Quiet.Rescuer,
      Quiet.Spawner,
      Quiet.Later,
      Quiet.Outsider,
      Quiet.Plain,
      Quiet.Delayed,
      Quiet.Careful,
      Quiet.Wrapped,
      Quiet.TableReader,
      Quiet.Notifier,
      Quiet.TableMaker,
      Quiet.Target
    ]

    Supervisor.start_link(children, strategy: :one_for_one)
  end
end
