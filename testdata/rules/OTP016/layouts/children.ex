# Each Lay.An calls Lay.Pn at boot; Lay.Pn registers its module's name.

defmodule Lay.A1 do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, :ok)
  @impl true
  # want+1: OTP016 "Lay.A1.init/1 calls Lay.P1"
  def init(:ok), do: {:ok, GenServer.call(Lay.P1, :ping)}
end

defmodule Lay.P1 do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, :ok, name: __MODULE__)
  @impl true
  def init(:ok), do: {:ok, nil}
  @impl true
  def handle_call(:ping, _from, state), do: {:reply, :pong, state}
end

defmodule Lay.A2 do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, :ok)
  @impl true
  # want+1: OTP016 "Lay.A2.init/1 calls Lay.P2"
  def init(:ok), do: {:ok, GenServer.call(Lay.P2, :ping)}
end

defmodule Lay.P2 do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, :ok, name: __MODULE__)
  @impl true
  def init(:ok), do: {:ok, nil}
  @impl true
  def handle_call(:ping, _from, state), do: {:reply, :pong, state}
end

defmodule Lay.A3 do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, :ok)
  @impl true
  # want+1: OTP016 "Lay.A3.init/1 calls Lay.P3"
  def init(:ok), do: {:ok, GenServer.call(Lay.P3, :ping)}
end

defmodule Lay.P3 do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, :ok, name: __MODULE__)
  @impl true
  def init(:ok), do: {:ok, nil}
  @impl true
  def handle_call(:ping, _from, state), do: {:reply, :pong, state}
end

defmodule Lay.A4 do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, :ok)
  @impl true
  # want+1: OTP016 "Lay.A4.init/1 calls Lay.P4"
  def init(:ok), do: {:ok, GenServer.call(Lay.P4, :ping)}
end

defmodule Lay.P4 do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, :ok, name: __MODULE__)
  @impl true
  def init(:ok), do: {:ok, nil}
  @impl true
  def handle_call(:ping, _from, state), do: {:reply, :pong, state}
end

defmodule Lay.A5 do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, :ok)
  @impl true
  # want+1: OTP016 "Lay.A5.init/1 calls Lay.P5"
  def init(:ok), do: {:ok, GenServer.call(Lay.P5, :ping)}
end

defmodule Lay.P5 do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, :ok, name: __MODULE__)
  @impl true
  def init(:ok), do: {:ok, nil}
  @impl true
  def handle_call(:ping, _from, state), do: {:reply, :pong, state}
end

defmodule Lay.M1 do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, :ok)
  @impl true
  def init(:ok), do: {:ok, nil}
end

defmodule Lay.M2 do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, :ok)
  @impl true
  def init(:ok), do: {:ok, nil}
end

defmodule Lay.M3 do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, :ok)
  @impl true
  def init(:ok), do: {:ok, nil}
end
