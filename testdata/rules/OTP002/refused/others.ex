# Flagged, but the plain-module fix is not offered.

# Casts have no synchronous API to become.
defmodule Shop.Notify do # want: OTP002 "Shop.Notify is a GenServer with no state"
  use GenServer
  def init(_), do: {:ok, nil}
  def ping, do: GenServer.call(__MODULE__, :ping)
  def poke, do: GenServer.cast(__MODULE__, :poke)
  def handle_call(:ping, _from, s), do: {:reply, :pong, s}
  def handle_cast(:poke, s), do: {:noreply, s}
end

# Another module calls the server directly.
defmodule Shop.Echo do # want: OTP002 "Shop.Echo is a GenServer with no state"
  use GenServer
  def init(_), do: {:ok, []}
  def echo(x), do: GenServer.call(__MODULE__, {:echo, x})
  def handle_call({:echo, x}, _from, s), do: {:reply, x, s}
end

defmodule Shop.EchoUser do
  def shout(x), do: GenServer.call(Shop.Echo, {:echo, String.upcase(x)})
end

# The API reshapes its arguments before sending them.
defmodule Shop.Greeter do # want: OTP002 "Shop.Greeter is a GenServer with no state"
  use GenServer
  def init(_), do: {:ok, nil}
  def greet(name), do: GenServer.call(__MODULE__, {:greet, String.trim(name)})
  def handle_call({:greet, name}, _from, s), do: {:reply, "hello " <> name, s}
end
