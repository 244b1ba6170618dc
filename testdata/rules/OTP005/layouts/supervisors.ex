# The layouts the strategy fix edits, formatted as mix format leaves them: independent
# children under :one_for_all. Only the strategy atom is replaced.
defmodule Strat.Application do
  use Application

  @impl true
  def start(_type, _args) do
    children = [Strat.Cache, Strat.Mailer]
    # want+1: OTP005 "but Cache and Mailer are independent"
    Supervisor.start_link(children, strategy: :one_for_all, name: Strat.Supervisor)
  end
end

# Options bound first.
defmodule Strat.BoundSupervisor do
  use Supervisor

  def start_link(arg), do: Supervisor.start_link(__MODULE__, arg, name: __MODULE__)

  @impl true
  def init(_arg) do
    children = [Strat.Cache, Strat.Mailer]
    # want+1: OTP005 "but Cache and Mailer are independent"
    opts = [strategy: :one_for_all, max_restarts: 5]
    Supervisor.init(children, opts)
  end
end

# Supervisor.init/2 on one line, the list inline.
defmodule Strat.InlineSupervisor do
  use Supervisor

  def start_link(arg), do: Supervisor.start_link(__MODULE__, arg, name: __MODULE__)

  @impl true
  # want+2: OTP005 "but Cache and Mailer are independent"
  def init(_arg),
    do: Supervisor.init([Strat.Cache, Strat.Mailer], strategy: :one_for_all, max_seconds: 10)
end

# The options over several lines, with comments.
defmodule Strat.LinesSupervisor do
  use Supervisor

  def start_link(arg), do: Supervisor.start_link(__MODULE__, arg, name: __MODULE__)

  @impl true
  def init(_arg) do
    children = [
      # the cache first
      Strat.Cache,
      Strat.Mailer
    ]

    Supervisor.init(children,
      # restart everything together
      # want+1: OTP005 "but Cache and Mailer are independent"
      strategy: :one_for_all,
      max_restarts: 10,
      max_seconds: 60
    )
  end
end

defmodule Strat.Cache do
  use GenServer

  def start_link(_), do: GenServer.start_link(__MODULE__, %{}, name: __MODULE__)

  @impl true
  def init(state), do: {:ok, state}
end

defmodule Strat.Mailer do
  use GenServer

  def start_link(_), do: GenServer.start_link(__MODULE__, nil, name: __MODULE__)

  @impl true
  def init(state), do: {:ok, state}
end
