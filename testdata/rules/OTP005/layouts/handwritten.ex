# Layouts mix format would change.
defmodule Strat.HandSupervisor do
  use Supervisor
  def start_link(arg), do: Supervisor.start_link(__MODULE__, arg, name: __MODULE__)
  def init(_arg) do
    Supervisor.init([Strat.Cache, Strat.Mailer], [strategy: :one_for_all,]) # want: OTP005 "but Cache and Mailer are independent"
  end
end

defmodule Strat.HandApplication do
  use Application
  def start(_type, _args) do
    Supervisor.start_link([Strat.Cache, Strat.Mailer],
      name: Strat.HandTree,
      strategy: :one_for_all, # want: OTP005 "but Cache and Mailer are independent"
    )
  end
end
