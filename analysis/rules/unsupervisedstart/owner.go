package unsupervisedstart

import (
	"strings"

	"github.com/otpls/otpls/analysis/index"
)

// ownerBehaviours make a module a long-lived process whose callbacks can own the
// processes they start linked (the owner pattern, docs/rules/OTP004.md).
var ownerBehaviours = []string{"GenServer", "GenStage", ":gen_statem", ":gen_event"}

// ownerCode lists the functions of ms that run inside its own process: the callbacks of a
// process module (init/1, handle_*, terminate/2, code_change/3; state functions; the
// function of a :proc_lib module that calls :proc_lib.init_ack) and the same-module
// functions they reach. Nil when ms is not a process module.
func ownerCode(ms *index.Module) map[string]bool {
	var roots []string
	process := isProcessModule(ms)
	for _, fn := range ms.Functions {
		if process && isCallback(ms, fn) {
			roots = append(roots, fn.ID())
		}
	}
	for _, c := range ms.Calls {
		if c.Module == ":proc_lib" && (c.Name == "init_ack" || c.Name == "init_fail") && c.From != "" {
			roots = append(roots, c.From)
		}
	}
	if len(roots) == 0 {
		return nil
	}
	reached := map[string]bool{}
	for len(roots) > 0 {
		id := roots[len(roots)-1]
		roots = roots[:len(roots)-1]
		if reached[id] {
			continue
		}
		reached[id] = true
		for _, fn := range ms.Functions {
			if fn.ID() != id {
				continue
			}
			for _, s := range fn.LocalSites {
				if !s.Detached && !reached[s.ID] {
					roots = append(roots, s.ID)
				}
			}
		}
	}
	return reached
}

// isProcessModule reports whether ms is a module whose callbacks a process framework
// calls in a process of its own: GenServer, GenStage, :gen_statem, :gen_event, or any
// `use X`/`@behaviour X` module that defines init/1 and handle_* callbacks or state
// functions (a GenStateMachine, a Postgrex.ReplicationConnection, a framework's server behaviour).
// Its init/1 runs in the new process, so what init/1 starts linked is linked to it.
func isProcessModule(ms *index.Module) bool {
	for _, b := range ownerBehaviours {
		if ms.Is(b) {
			return true
		}
	}
	if len(ms.Behaviours) == 0 || ms.Is("Application") || ms.Function("init", 1) == nil {
		return false
	}
	if stateMachine(ms) {
		return true
	}
	for _, fn := range ms.Functions {
		if fn.Public && strings.HasPrefix(fn.Name, "handle_") {
			return true
		}
	}
	return false
}

// isCallback reports whether fn is a callback the process itself runs.
func isCallback(ms *index.Module, fn *index.Function) bool {
	switch {
	case fn.Name == "init" && fn.Arity == 1, fn.Name == "terminate" && fn.Arity == 2, fn.Name == "code_change":
		return true
	case strings.HasPrefix(fn.Name, "handle_"):
		return true
	case stateMachine(ms) && fn.Public && (fn.Arity == 3 || fn.Arity == 4):
		return true // state functions and handle_event/4
	}
	return false
}

// stateMachine reports whether ms is a :gen_statem, or a module built on one (it defines
// callback_mode/0, or passes `use X, callback_mode: ...`): its public functions of arity
// 3 are state functions.
func stateMachine(ms *index.Module) bool {
	_, mode := ms.UseOptions["callback_mode"]
	return ms.Is(":gen_statem") || mode || ms.Function("callback_mode", 0) != nil
}
