defmodule Garden.Sprinkler do
  use GenServer

  def start_link(zone), do: GenServer.start_link(__MODULE__, zone)

  @impl true
  def init(zone) do
    # want+1: OTP016 "^Garden.Sprinkler.init/1 uses the registry Garden.Valves \(Registry.register/3\), which Garden.Supervisor starts after Garden.Sprinkler: at boot Registry.register/3 raises ArgumentError \(unknown registry\) and Garden.Supervisor fails to start$"
    {:ok, _owner} = Registry.register(Garden.Valves, {:zone, zone}, nil)
    {:ok, zone}
  end
end
