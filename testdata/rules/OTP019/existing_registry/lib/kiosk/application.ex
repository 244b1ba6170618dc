defmodule Kiosk.Application do
  use Application

  @impl true
  def start(_type, _args) do
    children = [
      {Registry, keys: :duplicate, name: Kiosk.Topics},
      {Registry, keys: :unique, name: Kiosk.Names}
    ]

    Supervisor.start_link(children, strategy: :one_for_one, name: Kiosk.Supervisor)
  end
end
