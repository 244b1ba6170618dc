package godgenserver

import "github.com/otpls/otpls/analysis"

var doc = analysis.Doc{
	What: "Finds the concerns a GenServer's state mixes. For each `handle_call/3`, `handle_cast/2`, " +
		"`handle_info/2`, `handle_continue/2` and `terminate/2` clause it collects the state fields the " +
		"clause uses (`state.f`, `%{state | f: v}`, `%{f: x} = state` in the head, `Map.get/put/update(state, " +
		":f, ...)`, `put_in/update_in/get_in(state, [:f, ...])`, and the same in same-module helpers the " +
		"state is passed to, 3 calls deep). Fields used by one clause belong to one concern; a field of " +
		"the `init/1` state that no clause uses is a concern of its own when it holds a collection " +
		"(a map, a list, a `MapSet`, a queue): a scalar nobody reads (a counter, the start options) is " +
		"an unused setting, not a subsystem. The module is flagged when " +
		"there are at least `min_concerns` (default 3) concerns. A clause that uses the state as a whole " +
		"(passes it to another module, returns it as a reply) may depend on every field, and then the " +
		"module is not flagged.",
	Why: "A GenServer handles one message at a time. Unrelated concerns in one server queue behind " +
		"each other (a slow cache refill delays every user lookup), share one mailbox and one crash: " +
		"a bug in metrics loses the users and the connections too, and the supervisor can only restart " +
		"everything together. Each concern in its own server can fail, restart and scale on its own.",
	Example: `defmodule SystemManager do
  use GenServer

  def init(_opts) do
    {:ok, %{users: %{}, cache: %{}, metrics: []}}
  end

  def handle_call({:add_user, user}, _from, state) do
    {:reply, :ok, %{state | users: Map.put(state.users, user.id, user)}}
  end

  def handle_call({:get_cached, key}, _from, state) do
    {:reply, Map.get(state.cache, key), state}
  end

  def handle_cast({:record_metric, metric}, state) do
    {:noreply, %{state | metrics: [metric | state.metrics]}}
  end
end`,
	UseInstead: `defmodule UserManager do
  use GenServer

  def init(_opts), do: {:ok, %{users: %{}}}

  def handle_call({:add_user, user}, _from, state) do
    {:reply, :ok, %{state | users: Map.put(state.users, user.id, user)}}
  end
end

defmodule CacheServer do
  use GenServer

  def init(_opts), do: {:ok, %{cache: %{}}}

  def handle_call({:get_cached, key}, _from, state) do
    {:reply, Map.get(state.cache, key), state}
  end
end`,
	FixSafety: "No fix: splitting a server moves its API, its callers and its supervision; the message " +
		"and its related locations name each concern and a clause that uses it, which is where the " +
		"split starts.",
}
