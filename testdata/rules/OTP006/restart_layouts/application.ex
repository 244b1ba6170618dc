# The layouts the restart fix edits: `use GenServer` options and hand-written child_spec/1
# maps, formatted as mix format leaves them. Only the :temporary atom is replaced.
defmodule Rest.Application do
  use Application

  @impl true
  def start(_type, _args) do
    children = [
      Rest.OneLine,
      Rest.WithShutdown,
      Rest.SeveralLines,
      Rest.Commented,
      Rest.Bracketed,
      Rest.MapComment,
      Rest.MapOneLine,
      Rest.MapLines,
      Rest.StopsWithReason
    ]

    Supervisor.start_link(children, strategy: :one_for_one, name: Rest.Supervisor)
  end
end

defmodule Rest.OneLine do
  # want+1: OTP006 "restart: :temporary on Rest.OneLine"
  use GenServer, restart: :temporary

  def start_link(arg), do: GenServer.start_link(__MODULE__, arg)

  @impl true
  def init(arg), do: {:ok, arg}
end

defmodule Rest.WithShutdown do
  # want+1: OTP006 "restart: :temporary on Rest.WithShutdown"
  use GenServer, restart: :temporary, shutdown: 10_000

  def start_link(arg), do: GenServer.start_link(__MODULE__, arg)

  @impl true
  def init(arg), do: {:ok, arg}
end

defmodule Rest.SeveralLines do
  use GenServer,
    shutdown: 10_000,
    # want+1: OTP006 "restart: :temporary on Rest.SeveralLines"
    restart: :temporary

  def start_link(arg), do: GenServer.start_link(__MODULE__, arg)

  @impl true
  def init(arg), do: {:ok, arg}
end

defmodule Rest.Commented do
  use GenServer,
    # a crash here is rare
    # want+1: OTP006 "restart: :temporary on Rest.Commented"
    restart: :temporary,
    # give it time to flush
    shutdown: 10_000

  def start_link(arg), do: GenServer.start_link(__MODULE__, arg)

  @impl true
  def init(arg), do: {:ok, arg}
end

defmodule Rest.MapOneLine do
  use GenServer

  # want+2: OTP006 "restart: :temporary on Rest.MapOneLine"
  def child_spec(arg),
    do: %{id: __MODULE__, start: {__MODULE__, :start_link, [arg]}, restart: :temporary}

  def start_link(arg), do: GenServer.start_link(__MODULE__, arg)

  @impl true
  def init(arg), do: {:ok, arg}
end

defmodule Rest.MapLines do
  use GenServer

  def child_spec(arg) do
    %{
      id: __MODULE__,
      start: {__MODULE__, :start_link, [arg]},
      # not restarted after a crash
      # want+1: OTP006 "restart: :temporary on Rest.MapLines"
      restart: :temporary,
      type: :worker
    }
  end

  def start_link(arg), do: GenServer.start_link(__MODULE__, arg)

  @impl true
  def init(arg), do: {:ok, arg}
end

defmodule Rest.StopsWithReason do
  # want+1: OTP006 "restart: :temporary on Rest.StopsWithReason"
  use GenServer, restart: :temporary

  def start_link(arg), do: GenServer.start_link(__MODULE__, arg)

  @impl true
  def init(arg), do: {:ok, arg}

  @impl true
  def handle_info({:done, reason}, state), do: {:stop, reason, state}
end
