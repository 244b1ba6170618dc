package rescueexit

import "github.com/otpls/otpls/analysis/elixir"

// Why the calls below fail by exiting: each one is, or is made of, a gen call
// (`:gen.call/4`), a monitor-and-wait on another process, which ends the caller with
// `exit(reason)` when the process is not running (`:noproc`), does not answer within the
// timeout, or dies before it answers; or a wait for a task, which exits the same way.
// None of these raises an exception, so `rescue` never sees them (docs/rules/OTP020.md).
const (
	serverExits = "the process is not running, does not reply in time, or crashes"
	stopExits   = "the process is not running or does not stop in time"
	taskExits   = "the task does not finish in time or crashes"
	supExits    = "the supervisor is not running or does not reply in time"
)

// exitingFunctions are the calls that fail by exiting, by resolved module and function
// (every arity: the timeout argument changes when, not whether, they exit). The set is
// named function by function: `GenServer.cast`, `Agent.cast`, `Task.yield` and
// `Task.shutdown` never exit, and `Registry` reads ETS and raises.
var exitingFunctions = map[string]map[string]string{
	"GenServer":   {"call": serverExits, "stop": stopExits},
	":gen_server": {"call": serverExits, "stop": stopExits},
	":gen_statem": {"call": serverExits, "stop": stopExits},
	":gen_event":  {"call": serverExits, "sync_notify": serverExits, "stop": stopExits},
	":gen":        {"call": serverExits},
	"GenStage":    {"call": serverExits, "stop": stopExits},
	"Agent": {
		"get": serverExits, "update": serverExits, "get_and_update": serverExits, "stop": stopExits,
	},
	"Task": {"await": taskExits, "await_many": taskExits},
	":sys": {
		"get_state": serverExits, "replace_state": serverExits, "get_status": serverExits,
		"suspend": serverExits, "resume": serverExits,
	},
	":proc_lib": {"stop": stopExits},
	"Supervisor": {
		"start_child": supExits, "terminate_child": supExits, "restart_child": supExits,
		"delete_child": supExits, "which_children": supExits, "count_children": supExits,
		"stop": stopExits,
	},
	"DynamicSupervisor": {
		"start_child": supExits, "terminate_child": supExits, "which_children": supExits,
		"count_children": supExits, "stop": stopExits,
	},
	"Task.Supervisor": {
		"start_child": supExits, "async": supExits, "async_nolink": supExits,
		"terminate_child": supExits, "children": supExits,
	},
}

// exitingCall reads c as a call that fails by exiting, its module resolved in em.
func exitingCall(em *elixir.Module, c *elixir.Call) (exiting, bool) {
	if c.Module == "" {
		return exiting{}, false
	}
	module := c.Module
	if em != nil {
		module = em.Resolve(module)
	}
	how, ok := exitingFunctions[module][c.Name]
	if !ok {
		return exiting{}, false
	}
	return exiting{call: c, name: module + "." + c.ID(), how: how}, true
}
