defmodule Shop.Application do
  use Application

  # Workspace modules that never refer to each other.
  def start(_type, _args) do
    children = [Shop.Cache, {Shop.Mailer, []}]
    Supervisor.start_link(children, strategy: :one_for_all, name: Shop.Supervisor) # want: OTP005 "but Cache and Mailer are independent"
  end
end

defmodule Shop.Cache do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, %{}, name: __MODULE__)
  def init(s), do: {:ok, s}
end

defmodule Shop.Mailer do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, nil, name: __MODULE__)
  def init(s), do: {:ok, s}
end

# One module several times: instances of one kind.
defmodule Shop.WorkersSupervisor do
  use Supervisor

  def start_link(arg), do: Supervisor.start_link(__MODULE__, arg, name: __MODULE__)

  @impl true
  def init(_arg) do
    Supervisor.init(
      [
        Supervisor.child_spec({Shop.Worker, 1}, id: :worker_1),
        Supervisor.child_spec({Shop.Worker, 2}, id: :worker_2)
      ],
      strategy: :one_for_all # want: OTP005 "but the 2 Worker children are independent"
    )
  end
end

defmodule Shop.Worker do
  use GenServer
  def start_link(n), do: GenServer.start_link(__MODULE__, n)
  def init(n), do: {:ok, n}
end
