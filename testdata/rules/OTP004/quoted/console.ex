# A start inside `quote` runs wherever the quoted code is evaluated (here: whatever
# module or shell says `use Harbor.Console`), not in __using__/1.
defmodule Harbor.Console do
  defmacro __using__(_opts) do
    quote do
      import unquote(__MODULE__)
      Harbor.Tally.start_link([])
    end
  end

  # Positive twin: the same start in a plain function runs in its caller.
  def boot_tally do
    Harbor.Tally.start_link([]) # want: OTP004 "^Harbor\.Tally\.start_link/1 in boot_tally/0 starts a process no supervisor knows about: it is linked to the process that calls boot_tally/0"
    :ok
  end
end

defmodule Harbor.Tally do
  use Agent
  def start_link(_opts), do: Agent.start_link(fn -> 0 end, name: __MODULE__)
end
