defmodule Shop.Application do
  use Application

  def start(_type, _args) do
    children = [
      Shop.Repo,
      Shop.Units,
      {Phoenix.PubSub, name: Shop.PubSub}
    ]

    Supervisor.start_link(children, strategy: :one_for_one, name: Shop.Supervisor)
  end
end
