package statelessgenserver

import "github.com/otpls/otpls/analysis"

var doc = analysis.Doc{
	What: "Flags a GenServer used to organise code rather than to hold state: every `init/1` clause " +
		"returns the same constant (`nil`, `%{}`, `[]`, `{}`, an atom), every `handle_call/3`, " +
		"`handle_cast/2` and `handle_continue/2` clause returns the incoming state unchanged and never " +
		"reads it (calls reply at once with `{:reply, x, state}`: a call answered later from a task is " +
		"coordinated by the process), there is no `handle_info/2` (messages from timers, monitors or other processes are a " +
		"reason to be a process), and nothing in the module does I/O or uses timers, monitors, links, " +
		"trapped exits, ports, sockets, ETS, its own mailbox or pid (`Process.*`, `:timer.*`, `Port`, " +
		"`:gen_tcp`, `IO`, `receive`, `self()`, `send`, the slow work of OTP007).",
	Why: "A process is a unit of state and failure, not of code organisation. A stateless GenServer " +
		"turns pure functions into messages: every caller waits in one mailbox, calls that could run " +
		"in parallel in the callers run one at a time, each one copies its arguments and result between " +
		"processes, and a crash or a 5-second timeout appears where a function call could not fail that " +
		"way. Elixir's own guide lists this as \"code organization by process\".",
	Example: `defmodule MathServer do
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def init(_opts), do: {:ok, %{}}

  def add(a, b), do: GenServer.call(__MODULE__, {:add, a, b})

  def handle_call({:add, a, b}, _from, state) do
    {:reply, a + b, state}
  end
end`,
	UseInstead: `defmodule Math do
  def add(a, b) do
    a + b
  end
end`,
	Options: "None.",
	FixSafety: "Unsafe (the process goes away, and with it the serialisation of calls): converts the " +
		"server to a plain module. Each API function whose body is `GenServer.call(__MODULE__, msg)`, " +
		"with msg `:tag` or `{:tag, a, b}` carrying its parameters in order, becomes the `handle_call/3` " +
		"clauses for that message renamed to the API function, with the message's elements as " +
		"parameters (guards kept) and each `{:reply, x, state}` tail replaced by x. `use GenServer`, the " +
		"start functions, `child_spec`, `init`, the callbacks and their `@impl` lines are removed, as is " +
		"an alias of the module itself that nothing uses any more, and so " +
		"are the module's entries in the workspace's children lists (in the same edit). Not offered when " +
		"the server receives casts or infos, an API function calls the server another way, a clause uses " +
		"its `from`, a catch-all clause would also receive an API message, a tail is not " +
		"`{:reply, x, state}`, another module starts or calls the server directly, or the rewritten " +
		"module would not parse (code the parser accepts only next to the old text).",
}
