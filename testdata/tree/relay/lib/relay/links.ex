defmodule Relay.Links do
  use Supervisor

  def start_link(opts), do: Supervisor.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(opts) do
    Supervisor.init(links(opts), strategy: :rest_for_one)
  end

  defp links(opts) do
    peers = Keyword.get(opts, :peers, [])
    [{Relay.Links.Dialer, peers}, Relay.Links.Pool] ++ transport()
  end

  # Configuration decides between two lists: one unknown node that names both.
  defp transport do
    case Application.get_env(:relay, :transport) do
      :tcp -> [Relay.Links.Tcp]
      _ -> [Relay.Links.Tcp, Relay.Links.Tls]
    end
  end

  def add_link(spec), do: Supervisor.start_child(__MODULE__, spec)

  def add_pool, do: Supervisor.start_child(Relay.Links, {Relay.Links.Pool, size: 2})
end

defmodule Relay.Links.Tls do
  use Supervisor

  def start_link(arg), do: Supervisor.start_link(__MODULE__, arg)

  @impl true
  def init(_arg), do: Supervisor.init([Relay.Links.Handshake], strategy: :one_for_one)
end

defmodule Relay.Links.Dialer do
  use GenServer

  def start_link(peers), do: GenServer.start_link(__MODULE__, peers, name: __MODULE__)

  @impl true
  def init(peers), do: {:ok, peers}

  @impl true
  def handle_cast({:dial, peer}, peers) do
    Task.Supervisor.start_child(Relay.Jobs, fn -> Relay.Links.Tcp.connect(peer) end, restart: :transient)
    Task.Supervisor.async_nolink(Relay.Jobs, Relay.Links.Tcp, :probe, [peer])
    {:noreply, [peer | peers]}
  end
end
