package supervisorstrategy

import "github.com/otpls/otpls/analysis"

var doc = analysis.Doc{
	What: "Checks a supervisor's `strategy` against its children (the literal children list of " +
		"`Supervisor.init/2` or `Supervisor.start_link/2`):\n\n" +
		"- (Warning, tagged Deprecated) `strategy: :simple_one_for_one`, or a `{:simple_one_for_one, " +
		"max_restarts, max_seconds}` flags tuple.\n" +
		"- (Warning) `:one_for_all` over children that are evidently independent: every child is a " +
		"module of the workspace and none refers to another (by module name or registered name, in " +
		"aliases or call targets), or the children are instances of one kind (one module several " +
		"times, or names sharing their last CamelCase word: `UsersRepo`, `OrdersRepo`) and none of " +
		"those in the workspace refers to another.\n" +
		"- (Information) `:one_for_one` or `:one_for_all` over a dependency chain: every child after " +
		"the first refers to an earlier sibling and none to a later one (A <- B <- C), which is what " +
		"`:rest_for_one` expresses.\n\n" +
		"Children that refer to each other in both directions are what `:one_for_all` is for and " +
		"are not flagged.",
	Why: "The strategy says what a crash takes down with it. `:one_for_all` over independent " +
		"children restarts healthy processes (dropping their connections, caches and in-flight " +
		"work) whenever any one of them fails. Under `:one_for_one`, a child that depends on an " +
		"earlier sibling keeps running against a restarted process it no longer knows (stale pids, " +
		"lost subscriptions); `:rest_for_one` restarts it too. `:simple_one_for_one` was deprecated " +
		"in Elixir 1.6 in favour of `DynamicSupervisor`.",
	Example: `defmodule DatabaseSupervisor do
  use Supervisor

  def init(_opts) do
    children = [
      {UserRepo, []},
      {ProductRepo, []},
      {OrderRepo, []}
    ]

    Supervisor.init(children, strategy: :one_for_all)
  end
end`,
	UseInstead: `defmodule DatabaseSupervisor do
  use Supervisor

  def init(_opts) do
    children = [
      {UserRepo, []},
      {ProductRepo, []},
      {OrderRepo, []}
    ]

    Supervisor.init(children, strategy: :one_for_one)
  end
end`,
	Options: "None.",
	FixSafety: "Unsafe (changes which children restart together): for the Warning on " +
		"`:one_for_all` over independent children, the strategy atom becomes `:one_for_one`; the " +
		"children and the other options are kept. It is offered as a quick fix that is never the " +
		"preferred one and applied only by `otpls fix --unsafe`: after it, a crash no longer " +
		"restarts the siblings, which is the point, but the independence it rests on is read " +
		"from the code statically (a child may depend on another through a message or a table " +
		"the rule cannot see). The Information finding on a dependency chain carries no fix at " +
		"all: it is a heuristic, and `:rest_for_one` also changes which children restart, so " +
		"fix-all must never apply it. No fix for :simple_one_for_one: moving to a " +
		"`DynamicSupervisor` changes how children are started " +
		"(`DynamicSupervisor.start_child/2` with a full child spec), which is a rewrite of the " +
		"callers.",
}
