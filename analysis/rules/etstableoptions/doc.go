package etstableoptions

import "github.com/otpls/otpls/analysis"

var doc = analysis.Doc{
	What: "For each `:ets.new(name, options)` with literal options, counts the table's reads " +
		"(`lookup`, `member`, `match*`, `select*`, `tab2list`, `first`/`next`...) and writes " +
		"(`insert*`, `delete*`, `update_counter`, `update_element`, `select_delete`...) over the whole " +
		"workspace, following the table by its name atom, a module attribute holding it, or the " +
		"variable it is bound to. It reports (Warning) a `:public` table used from more than one " +
		"function with neither `read_concurrency` nor `write_concurrency`; (Information) a `:public` " +
		"table written by modules other than its creator; (Information) a table that is inserted " +
		"into but never deleted from anywhere.",
	Why: "A table without concurrency options serialises every access on one lock: under load, " +
		"readers and writers from many processes queue behind each other. `read_concurrency` makes " +
		"concurrent reads cheap, `write_concurrency` (and `decentralized_counters` for " +
		"`update_counter`) spreads writes. The table *type* (`:set`, `:bag`...) is semantics, not a " +
		"tuning knob; the source document's advice to switch types for speed is wrong. A `:public` " +
		"table written from everywhere has no owner enforcing its invariants, and a table nobody " +
		"deletes from grows until the node runs out of memory.",
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
end`,
	UseInstead: `defmodule Cache do
  def init do
    :ets.new(:cache, [:set, :public, :named_table, read_concurrency: true])
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
	FixSafety: "The Warning's fix appends `read_concurrency: true` (reads >= writes) or " +
		"`write_concurrency: true` (otherwise), plus `decentralized_counters: true` when " +
		"`update_counter` is used, to the options list. It is safe: these options change " +
		"performance, never the table's contents or semantics. The Information findings have no " +
		"automatic fix (moving writes into the owner is a design change).",
}
