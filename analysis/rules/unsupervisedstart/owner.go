package unsupervisedstart

import (
	"strings"

	"github.com/otpls/otpls/analysis/index"
)

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
			for _, s := range fn.LocalSites() {
				if !s.Detached && !reached[s.ID] {
					roots = append(roots, s.ID)
				}
			}
		}
	}
	return reached
}

// isProcessModule reports whether ms's callbacks run in a process of its own
// (index.Module.RunsAsProcess) that can own what they start: its init/1 runs in the new
// process, so what init/1 starts linked is linked to it. A supervisor's callbacks run in
// the supervisor, whose only job is its children: a process it starts linked outside its
// children list is not owned in that sense (docs/rules/OTP004.md).
func isProcessModule(ms *index.Module) bool {
	return ms.RunsAsProcess() && !ms.Is("Supervisor")
}

// isCallback reports whether fn is a callback the process itself runs.
func isCallback(ms *index.Module, fn *index.Function) bool {
	switch {
	case fn.Name == "init" && fn.Arity == 1, fn.Name == "terminate" && fn.Arity == 2, fn.Name == "code_change":
		return true
	case strings.HasPrefix(fn.Name, "handle_"):
		return true
	case ms.StateMachine() && fn.Public && (fn.Arity == 3 || fn.Arity == 4):
		return true // state functions and handle_event/4
	}
	return false
}
