# Two servers bind their own unnamed tables to a variable of the same name in init/1.
# Each table is followed only inside its own module: the other's writes are not its.
defmodule Ident.Ledger do
  use GenServer

  def start_link(arg), do: GenServer.start_link(__MODULE__, arg)

  @impl true
  def init(rows) do
    table = :ets.new(:ledger_rows, [:set, :public])
    :ets.insert(table, rows)
    {:ok, table}
  end

  @impl true
  def handle_call({:get, key}, _from, table), do: {:reply, :ets.lookup(table, key), table}
end

defmodule Ident.Journal do
  use GenServer

  def start_link(arg), do: GenServer.start_link(__MODULE__, arg)

  @impl true
  def init(entries) do
    table = :ets.new(:journal_rows, [:bag, :public])
    for entry <- entries, do: :ets.insert(table, entry)
    :ets.insert(table, {:started, System.monotonic_time()})
    {:ok, table}
  end
end

# A named table is the same table wherever its name is written, in any module.
defmodule Ident.Flags do
  @flags :ident_flags

  def setup, do: :ets.new(@flags, [:named_table, :public]) # want: OTP010 "public ETS table :ident_flags is used concurrently \(from the processes of Other.Api, Other.Console; 1 read, 1 write\)", OTP010 "ETS table :ident_flags gets keys from run-time data \(1 insert\)"

  def enable(flag), do: :ets.insert(@flags, {flag, true})
end

defmodule Ident.Admin do
  # Another table bound to a variable named like Flags' attribute: not the same table.
  def scratch(ids) do
    flags = :ets.new(:admin_scratch, [:set])
    Enum.each(ids, &:ets.insert(flags, {&1, :seen}))
    result = :ets.tab2list(flags)
    :ets.delete(flags)
    result
  end
end

defmodule Other.Console do
  def toggle(flag), do: Ident.Flags.enable(flag)
  def check(flag), do: :ets.lookup(:ident_flags, flag)
end

defmodule Other.Api do
  def toggle(flag), do: Ident.Flags.enable(flag)
end
