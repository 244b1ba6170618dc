defmodule Sampler.Application do
  use Application

  @impl true
  def start(_type, _args) do
    children = [Loom.Spindle]
    Supervisor.start_link(children, strategy: :one_for_one, name: Sampler.Supervisor)
  end
end
