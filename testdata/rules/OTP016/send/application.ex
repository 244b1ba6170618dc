defmodule Radio.Application do
  use Application

  @impl true
  def start(_type, _args) do
    children = [
      {Radio.Tuner, 101.5},
      Radio.Speaker
    ]

    Supervisor.start_link(children, strategy: :rest_for_one)
  end
end
