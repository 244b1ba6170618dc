# The layouts the unique-id fix edits, formatted as mix format leaves them.
defmodule Lay.OneLineSupervisor do
  use Supervisor

  def start_link(arg), do: Supervisor.start_link(__MODULE__, arg, name: __MODULE__)

  @impl true
  def init(_arg) do
    # want+1: OTP006 "Lay.Worker is a child of this supervisor twice"
    children = [Lay.Worker, Lay.Worker]
    Supervisor.init(children, strategy: :one_for_one)
  end
end

defmodule Lay.LongLineSupervisor do
  use Supervisor

  def start_link(arg), do: Supervisor.start_link(__MODULE__, arg, name: __MODULE__)

  @impl true
  def init(_arg) do
    # want+1: OTP006 "Lay.Queue is a child of this supervisor twice"
    children = [Lay.Worker, {Lay.Queue, size: 10}, {Lay.Queue, size: 10}, Lay.Clock]
    Supervisor.init(children, strategy: :one_for_one)
  end
end

defmodule Lay.Application do
  use Application

  @impl true
  def start(_type, _args) do
    opts = [strategy: :one_for_one, name: Lay.Supervisor]
    # want+1: OTP006 "Lay.Clock is a child of this supervisor twice"
    Supervisor.start_link([Lay.Clock, Lay.Clock], opts)
  end
end

# Pushed past the line length inside the call: no layout the formatter keeps is known,
# so no fix.
defmodule Lay.InlineLongSupervisor do
  use Supervisor

  def start_link(arg), do: Supervisor.start_link(__MODULE__, arg, name: __MODULE__)

  @impl true
  def init(_arg) do
    # want+1: OTP006 "Lay.Queue is a child of this supervisor twice"
    Supervisor.init([{Lay.Queue, size: 10}, {Lay.Queue, size: 10}], strategy: :one_for_one)
  end
end

defmodule Lay.SeveralLinesSupervisor do
  use Supervisor

  def start_link(arg), do: Supervisor.start_link(__MODULE__, arg, name: __MODULE__)

  @impl true
  def init(_arg) do
    children = [
      # the first pool
      {Lay.Queue, size: 10},
      # a clock between them
      Lay.Clock,
      # the second pool, same id
      # want+1: OTP006 "Lay.Queue is a child of this supervisor twice"
      {Lay.Queue, size: 20},
      # the long one
      # want+1: OTP006 "Lay.Queue is a child of this supervisor twice"
      {Lay.Queue, size: 30, overflow: :drop_oldest, labels: [:billing, :invoices, :refunds]}
    ]

    Supervisor.init(children, strategy: :one_for_one)
  end
end

defmodule Lay.Worker do
  use GenServer

  def start_link(arg), do: GenServer.start_link(__MODULE__, arg)

  @impl true
  def init(arg), do: {:ok, arg}
end

defmodule Lay.Queue do
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @impl true
  def init(opts), do: {:ok, opts}
end

defmodule Lay.Clock do
  use GenServer

  def start_link(arg), do: GenServer.start_link(__MODULE__, arg)

  @impl true
  def init(arg), do: {:ok, arg}
end
