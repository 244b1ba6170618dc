defmodule Quotes.Application do
  use Application

  def start(_type, _args) do
    children = [
      {Task.Supervisor, name: Quotes.Tasks},
      Quotes.Server,
      Quotes.Boot
    ]

    Supervisor.start_link(children, strategy: :one_for_one, name: Quotes.Supervisor)
  end
end
