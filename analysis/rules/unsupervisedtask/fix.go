package unsupervisedtask

import (
	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/codeactions"
)

// fix rewrites the call to Task.Supervisor.start_child, which returns {:ok, pid} where
// spawn returns a pid and Task.async a %Task{}. It is offered only where every use of the
// value still works after the rewrite (docs/rules/OTP009.md, "Fix safety"):
//   - the value is discarded (or bound and never read): safe, except for Task.async, whose
//     task is linked to the caller and replies to it;
//   - `pid = spawn(...)` with pid read below: the match becomes `{:ok, pid} = ...`, and every
//     read still gets a pid (unsafe: a start_child error then raises a MatchError);
//   - `pattern = Task.start(...)`: the same {:ok, pid} shape (unsafe: start_child can return
//     an error where Task.start cannot).
//
// Any other use (returned, passed on, piped, put in data) gets no fix.
func fix(p *analysis.Pass, s start) (analysis.Fix, bool) {
	c := s.call
	if s.kind == "Process.spawn" || c.Piped() || len(c.Args) == 0 {
		return analysis.Fix{}, false // spawn options have no start_child equivalent
	}
	safe, changes, rebind, ok := rewriteSafety(p, s)
	if !ok {
		return analysis.Fix{}, false
	}
	sup, extra, ok := codeactions.TaskSupervisor(p.Index, p.Config, p.File.Path)
	if !ok {
		return analysis.Fix{}, false
	}
	var edits []analysis.Edit
	lhs := ""
	if rebind {
		left := s.value.pattern
		lhs = "{:ok, " + p.File.Slice(left) + "}"
		edits = append(edits, p.Edit(left.Start(), left.End(), lhs))
	}
	edits = append(edits, codeactions.StartChild(p.File, c, sup, lhs)...)
	edits = append(edits, extra...)
	return analysis.Fix{
		Title:   "Start it under " + sup + " with Task.Supervisor.start_child",
		Safe:    safe,
		Changes: changes,
		Edits:   edits,
	}, true
}

// rewriteSafety says whether the rewrite keeps every use of the value working, whether it
// is safe, what it changes when it is not, and whether a `pid =` match must become
// `{:ok, pid} =`.
func rewriteSafety(p *analysis.Pass, s start) (safe bool, changes string, rebind, ok bool) {
	u := s.value
	if s.kind == "Task.async" {
		// Only a lost task is reported: nothing reads it.
		return false, "the task is no longer linked to the caller and sends it no reply", false, true
	}
	if u.lost() {
		return true, "", false, true
	}
	if u.pattern == nil {
		return false, "", false, false // returned, passed on or put in data
	}
	switch s.kind {
	case "Task.start": // {:ok, pid} either way
		return false, "start_child can return {:error, reason}, which Task.start never does", false, true
	case "spawn":
		if u.pattern.Type() == "identifier" {
			return false, "the pid is matched out of {:ok, pid}: a start_child error raises a MatchError", true, true
		}
	}
	return false, "", false, false
}
