package etstableoptions

import "github.com/otpls/otpls/analysis"

var doc = analysis.Doc{
	What: "For each `:ets.new(name, options)` with literal options, the table's reads " +
		"(`lookup`, `lookup_element`, `member`, `match*`, `select*`, `tab2list`, `first`/`next`...), " +
		"writes (`insert*`, `update_counter`, `update_element`) and deletes (`delete/1,2`, " +
		"`delete_object`, `match_delete`, `select_delete`, `delete_all_objects`, `take`, also through " +
		"captures such as `&:ets.delete(tab, &1)`) over the workspace. Options are read in every form: " +
		"`read_concurrency: true`, `{:read_concurrency, true}`, `write_concurrency: true | :auto`, " +
		"`{:write_concurrency, _}`; an option set to `false` is a decision and is not second-guessed.\n\n" +
		"A table is followed by its name atom when it is `:named_table` with a literal name (an atom, a " +
		"module, or a module attribute holding one), in any module. Any other table is followed only " +
		"through the variable its tid is bound to, inside the function that creates it: a variable's name " +
		"means nothing in another function or module.\n\n" +
		"Every finding is Information. The concurrency options tune a table under contention, and the " +
		"code shows that a table is shared, not how often it is used: over sixteen real code bases the " +
		"rule's concurrency findings named a table that was shared, and not one was a table whose " +
		"maintainers would change it (single-row config tables, one insert per tenant start, a janitor " +
		"run every few hours). Whether the lock matters needs traffic, which only profiling shows.\n\n" +
		"- (Information) a `:public` table without `read_concurrency`/`write_concurrency` that is evidently " +
		"used by several processes at once: operations in a task or spawned function, or operations made " +
		"in the processes of at least two modules (a server's callbacks run in that server; any other " +
		"function runs in the processes of the modules calling it). The advice follows the mix: reads at " +
		"least twice the writes -> `read_concurrency: true`; writes at least twice the reads -> " +
		"`write_concurrency: true`; otherwise both.\n" +
		"- (Information) a `:public` named table written by a module outside its owner's namespace: make " +
		"it `:protected` and write through the owner.\n" +
		"- (Information) a table that grows without bound: keys from run-time data go in and nothing " +
		"deletes from it or deletes it.\n\n" +
		"Deliberately not reported, because real code showed each to be wrong or noise:\n" +
		"- a table used only by its owner's callbacks, or through an API that the workspace calls from one " +
		"module only (a task registry driven by one caller, a one-row config table): there is no " +
		"contention to tune. A public function nobody in the workspace calls is no evidence either. " +
		"Test files (`test/**`, `*_test.exs`) count for nothing: neither their calls of an API nor their " +
		"own `:ets` operations are evidence of concurrent use, and they are not counted in the reads and " +
		"writes (a test reads the table from the test process, not alongside the application's).\n" +
		"- `:protected` advice for writers in the owner's own namespace (a registry and its partitions): " +
		"the table is shared by design.\n" +
		"- growth when every key is a literal (`{:mode, m}`, `insert_new(t, hooks: [])`), a comprehension's " +
		"variable over a range (`for i <- 0..(n - 1)`), or a parameter every caller in the workspace " +
		"passes a literal for; when a user of the table (or a module it calls) deletes from a table it " +
		"gets as a variable (a wrapper such as `def remove(tab, key)`); when the table is created in a " +
		"task or spawned function (it dies with that process); and when not every use can be found (a " +
		"name computed at run time, a tid returned, kept in state or passed on).\n" +
		"- `decentralized_counters`, which is never advised: it tunes the table's size and memory " +
		"counters (not `update_counter`) and only matters with `write_concurrency`.",
	Why: "A table without concurrency options serialises every access on one lock: when many " +
		"processes read and write it at once they queue behind each other. `read_concurrency` makes " +
		"concurrent reads cheap, `write_concurrency` spreads writes over finer locks. Both cost memory " +
		"and make alternating reads and writes from one process slower, which is why the rule wants " +
		"evidence of concurrent use before advising them. The table *type* (`:set`, `:bag`...) is " +
		"semantics, not a tuning knob: switching it for speed changes which entries the table keeps and in what order. " +
		"A `:public` table written from another code base has no owner enforcing its invariants, and a " +
		"table nobody deletes from grows until the node runs out of memory.",
	Example: `defmodule Cache do
  def init do
    :ets.new(:cache, [:set, :public, :named_table])
  end

  def put(key, value), do: :ets.insert(:cache, {key, value})

  def get(key) do
    case :ets.lookup(:cache, key) do
      [{^key, value}] -> {:ok, value}
      [] -> :not_found
    end
  end
end

# Called from the processes of two modules.
defmodule Catalog.Pricing do
  def remember(sku, price), do: Cache.put(sku, price)
end

defmodule Catalog.Page do
  def price(sku), do: Cache.get(sku)
end`,
	UseInstead: `defmodule Cache do
  def init do
    :ets.new(:cache, [:set, :public, :named_table, read_concurrency: true, write_concurrency: true])
  end

  def put(key, value), do: :ets.insert(:cache, {key, value})

  def get(key) do
    case :ets.lookup(:cache, key) do
      [{^key, value}] -> {:ok, value}
      [] -> :not_found
    end
  end

  def evict(key), do: :ets.delete(:cache, key)
end`,
	Options: "None.",
	FixSafety: "The concurrency finding's fix adds the advised options to the options list, in the list's own " +
		"layout: after the last element on one line; one option a line, indented like the elements, in " +
		"a list written one element a line (the comma placed right after the last element, before a " +
		"comment ending its line; a trailing comma kept); and, when the line would grow past mix " +
		"format's 98 columns, the list laid out one element a line inside the call's brackets as mix " +
		"format does (a `table = :ets.new(...)` right side, or a `do: :ets.new(...)` body, first moved " +
		"to the next line as the formatter moves it), so a formatted file stays formatted. It never adds an " +
		"option already there in any form. Not offered when the last element ends with a call without " +
		"parentheses (an appended option would become its argument). It is safe: these options change " +
		"performance, never the table's contents or semantics. The other findings have no " +
		"automatic fix (moving writes into the owner, or choosing what to delete, are design changes).",
}
