# The layouts the name fix edits, formatted as mix format leaves them: each server calls
# itself by its module name while its start function registers none.
defmodule Lay.KeywordDo do
  use GenServer

  def start_link(arg), do: GenServer.start_link(__MODULE__, arg)

  @impl true
  def init(arg), do: {:ok, arg}

  # want+1: OTP006 "GenServer.call/2 to __MODULE__ exits with :noproc"
  def get, do: GenServer.call(__MODULE__, :get)
end

defmodule Lay.KeywordDoLong do
  use GenServer

  def start_link(arg), do: GenServer.start_link(__MODULE__, %{arg: arg, attempts: 0, log: []})

  @impl true
  def init(state), do: {:ok, state}

  # want+1: OTP006
  def get, do: GenServer.call(__MODULE__, :get)
end

defmodule Lay.OneLine do
  use GenServer

  def start_link(arg) do
    GenServer.start_link(__MODULE__, arg, timeout: 5_000)
  end

  @impl true
  def init(arg), do: {:ok, arg}

  # want+1: OTP006 "GenServer.cast/2 to __MODULE__ is lost"
  def poke, do: GenServer.cast(__MODULE__, :poke)
end

defmodule Lay.OneLineLong do
  use GenServer

  def start_link(arg) do
    GenServer.start_link(__MODULE__, %{arg: arg, attempts: 0}, timeout: 5_000, debug: [])
  end

  @impl true
  def init(state), do: {:ok, state}

  # want+1: OTP006
  def get, do: GenServer.call(__MODULE__, :get)
end

defmodule Lay.SeveralLines do
  use GenServer

  def start_link(arg) do
    GenServer.start_link(__MODULE__, %{arg: arg, attempts: 0, log: [], started_at: nil},
      timeout: 5_000,
      debug: [:statistics]
    )
  end

  @impl true
  def init(state), do: {:ok, state}

  # want+1: OTP006
  def get, do: GenServer.call(__MODULE__, :get)
end

defmodule Lay.Commented do
  use GenServer

  def start_link(arg) do
    GenServer.start_link(__MODULE__, arg,
      # a slow first load
      timeout: 60_000,
      debug: []
      # hibernate_after: later
    )
  end

  @impl true
  def init(arg), do: {:ok, arg}

  # want+1: OTP006
  def get, do: GenServer.call(__MODULE__, :get)
end

defmodule Lay.ArgsPerLine do
  use GenServer

  def start_link(arg) do
    GenServer.start_link(
      __MODULE__,
      %{arg: arg, attempts: 0, log: [], started_at: nil, stopped_at: nil, owner: self()}
    )
  end

  @impl true
  def init(state), do: {:ok, state}

  # want+1: OTP006
  def get, do: GenServer.call(__MODULE__, :get)
end

defmodule Lay.Erlang do
  use GenServer

  def start_link(arg), do: :gen_server.start_link(__MODULE__, arg, [])

  @impl true
  def init(arg), do: {:ok, arg}

  # want+1: OTP006 ":gen_server.call/2 to __MODULE__ exits"
  def get, do: :gen_server.call(__MODULE__, :get)
end

defmodule Lay.ErlangLong do
  use GenServer

  def start_link(arg) do
    :gen_server.start_link(__MODULE__, %{arg: arg, attempts: 0, log: []}, timeout: 5_000)
  end

  @impl true
  def init(state), do: {:ok, state}

  # want+1: OTP006
  def get, do: GenServer.call(__MODULE__, :get)
end

# Registered through {:local, name}: nothing to fix.
defmodule Lay.ErlangLocal do
  use GenServer

  def start_link(arg), do: :gen_server.start_link({:local, __MODULE__}, __MODULE__, arg, [])

  @impl true
  def init(arg), do: {:ok, arg}

  def get, do: :gen_server.call(__MODULE__, :get)
end

# The options come from the caller: the name may be among them, so nothing is reported.
defmodule Lay.CallerOptions do
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, opts)

  @impl true
  def init(opts), do: {:ok, opts}

  def get, do: GenServer.call(__MODULE__, :get)
end

# Options bound to a literal list first: the name goes into the list.
defmodule Lay.BoundOptions do
  use GenServer

  def start_link(arg) do
    opts = [timeout: 5_000]
    GenServer.start_link(__MODULE__, arg, opts)
  end

  @impl true
  def init(arg), do: {:ok, arg}

  # want+1: OTP006
  def get, do: GenServer.call(__MODULE__, :get)
end

defmodule Lay.BoundLongOptions do
  use GenServer

  def start_link(arg) do
    opts = [timeout: 5_000, debug: [:statistics], hibernate_after: 15_000, spawn_opt: []]
    GenServer.start_link(__MODULE__, arg, opts)
  end

  @impl true
  def init(arg), do: {:ok, arg}

  # want+1: OTP006
  def get, do: GenServer.call(__MODULE__, :get)
end

defmodule Lay.BoundLinesOptions do
  use GenServer

  def start_link(arg) do
    opts = [
      timeout: 5_000,
      # tracing off
      debug: []
    ]

    GenServer.start_link(__MODULE__, arg, opts)
  end

  @impl true
  def init(arg), do: {:ok, arg}

  # want+1: OTP006
  def get, do: GenServer.call(__MODULE__, :get)
end

# Options built up in steps: the name may be added along the way, so nothing is reported.
defmodule Lay.BuiltOptions do
  use GenServer

  def start_link(arg) do
    opts = [timeout: 5_000]
    opts = Keyword.merge(opts, Application.get_env(:lay, __MODULE__, []))
    GenServer.start_link(__MODULE__, arg, opts)
  end

  @impl true
  def init(arg), do: {:ok, arg}

  def get, do: GenServer.call(__MODULE__, :get)
end

# Bound with a name: registered.
defmodule Lay.BoundNamed do
  use GenServer

  def start_link(arg) do
    opts = [name: __MODULE__]
    GenServer.start_link(__MODULE__, arg, opts)
  end

  @impl true
  def init(arg), do: {:ok, arg}

  def get, do: GenServer.call(__MODULE__, :get)
end

# Both start functions start it: both register the name.
defmodule Lay.TwoStarts do
  use GenServer

  def start(arg), do: GenServer.start(__MODULE__, arg)

  def start_link(arg) do
    GenServer.start_link(__MODULE__, arg)
  end

  @impl true
  def init(arg), do: {:ok, arg}

  # want+1: OTP006
  def get, do: GenServer.call(__MODULE__, :get)
end

# The start call's result is matched: the right side moves below the `=` first.
defmodule Lay.Matched do
  use GenServer

  def start_link(arg) do
    {:ok, pid} = GenServer.start_link(__MODULE__, %{arg: arg, retries: 3}, timeout: 5_000)
    send(pid, :warm_up)
    {:ok, pid}
  end

  @impl true
  def init(state), do: {:ok, state}

  # want+1: OTP006
  def get, do: GenServer.call(__MODULE__, :get)
end

# Inside a `with` the formatter's layout depends on the clauses: reported, no fix.
defmodule Lay.InsideWith do
  use GenServer

  def start_link(arg) do
    with {:ok, pid} <- GenServer.start_link(__MODULE__, %{arg: arg}, timeout: 5_000) do
      {:ok, pid}
    end
  end

  @impl true
  def init(state), do: {:ok, state}

  # want+1: OTP006
  def get, do: GenServer.call(__MODULE__, :get)
end
