# The source document's section 4 wrong form (module named ShopApp.Application so that it
# does not replace Elixir's Application when compiled).
defmodule ShopApp.Application do
  use Application

  def start(_type, _args) do
    # Start processes manually
    {:ok, user_pid} = UserManager.start_link([]) # want: OTP004 "UserManager.start_link/1 in ShopApp.Application.start/2 starts a process outside the supervision tree \(its pid is then tracked by hand with :ets.insert/2\): if it crashes it stays dead"
    {:ok, cache_pid} = CacheServer.start_link([]) # want: OTP004 "CacheServer.start_link/1 in ShopApp.Application.start/2 starts a process outside the supervision tree"

    # Store PIDs globally (WRONG)
    :ets.new(:pids, [:named_table, :public])
    :ets.insert(:pids, {:user_manager, user_pid})
    :ets.insert(:pids, {:cache_server, cache_pid})
    {:ok, self()} # want: OTP004 "ShopApp.Application.start/2 returns \{:ok, self\(\)\} instead of a supervisor's start result"
  end
end

defmodule UserManager do
  use GenServer
  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)
  def init(_opts), do: {:ok, %{users: %{}}}
end

defmodule CacheServer do
  use GenServer
  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)
  def init(_opts), do: {:ok, %{}}
end
