# Layouts mix format would change.
defmodule Rest.Bracketed do
  use GenServer, [restart: :temporary,] # want: OTP006 "restart: :temporary on Rest.Bracketed"
  def start_link(arg), do: GenServer.start_link(__MODULE__, arg)
  def init(arg), do: {:ok, arg}
end

defmodule Rest.MapComment do
  use GenServer
  def child_spec(arg) do
    %{id: __MODULE__, start: {__MODULE__, :start_link, [arg]},
      restart: :temporary, # want: OTP006 "restart: :temporary on Rest.MapComment"
    }
  end
  def start_link(arg), do: GenServer.start_link(__MODULE__, arg)
  def init(arg), do: {:ok, arg}
end
