# Layouts mix format would change: option lists in brackets, trailing commas, comments at
# the end of a line. The fix keeps them as written and stays valid Elixir.
defmodule Hand.ListOneLine do
  use GenServer
  def start_link(arg), do: GenServer.start_link(__MODULE__, arg, [timeout: 5_000])
  def init(arg), do: {:ok, arg}
  def get, do: GenServer.call(__MODULE__, :get) # want: OTP006
end

defmodule Hand.ListTrailingComma do
  use GenServer
  def start_link(arg), do: GenServer.start_link(__MODULE__, arg, [timeout: 5_000,])
  def init(arg), do: {:ok, arg}
  def get, do: GenServer.call(__MODULE__, :get) # want: OTP006
end

defmodule Hand.EmptyList do
  use GenServer
  def start_link(arg), do: GenServer.start_link(__MODULE__, arg, [])
  def init(arg), do: {:ok, arg}
  def get, do: GenServer.call(__MODULE__, :get) # want: OTP006
end

defmodule Hand.ListLines do
  use GenServer
  def start_link(arg) do
    GenServer.start_link(__MODULE__, arg, [
      timeout: 5_000,
      debug: []
    ])
  end
  def init(arg), do: {:ok, arg}
  def get, do: GenServer.call(__MODULE__, :get) # want: OTP006
end

defmodule Hand.ListLinesComma do
  use GenServer
  def start_link(arg) do
    GenServer.start_link(__MODULE__, arg, [
      timeout: 5_000,
      debug: [],
    ])
  end
  def init(arg), do: {:ok, arg}
  def get, do: GenServer.call(__MODULE__, :get) # want: OTP006
end

defmodule Hand.ListLineComment do
  use GenServer
  def start_link(arg) do
    GenServer.start_link(__MODULE__, arg, [
      timeout: 5_000,
      debug: [] # no tracing in production
    ])
  end
  def init(arg), do: {:ok, arg}
  def get, do: GenServer.call(__MODULE__, :get) # want: OTP006
end

defmodule Hand.KeywordsLineComment do
  use GenServer
  def start_link(arg) do
    GenServer.start_link(__MODULE__, arg,
      timeout: 5_000, # the first load is slow
      debug: [] # none
    )
  end
  def init(arg), do: {:ok, arg}
  def get, do: GenServer.call(__MODULE__, :get) # want: OTP006
end

defmodule Hand.ArgsLineComment do
  use GenServer
  def start_link(arg) do
    GenServer.start_link(
      __MODULE__,
      arg # the whole config
    )
  end
  def init(arg), do: {:ok, arg}
  def get, do: GenServer.call(__MODULE__, :get) # want: OTP006
end

defmodule Hand.ErlangLines do
  use GenServer
  def start_link(arg) do
    :gen_server.start_link(
      __MODULE__,
      arg,
      []
    )
  end
  def init(arg), do: {:ok, arg}
  def get, do: :gen_server.call(__MODULE__, :get) # want: OTP006
end

defmodule Hand.Supervisor do
  use Supervisor
  def start_link(arg), do: Supervisor.start_link(__MODULE__, arg, name: __MODULE__)
  def init(_arg) do
    one_line = [Hand.Child, Hand.Child,] # want: OTP006 "Hand.Child is a child of this supervisor twice"
    Supervisor.init(one_line, strategy: :one_for_one)
    children = [
      Hand.Child, # the first
      Hand.Child, # want: OTP006 "Hand.Child is a child of this supervisor twice"
    ]
    Supervisor.init(children, strategy: :one_for_one)
  end
end

defmodule Hand.Child do
  use GenServer
  def start_link(arg), do: GenServer.start_link(__MODULE__, arg)
  def init(arg), do: {:ok, arg}
end
