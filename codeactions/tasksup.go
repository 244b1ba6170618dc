package codeactions

import (
	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/config"
	"github.com/otpls/otpls/analysis/index"
)

// TaskSupervisor decides which Task.Supervisor a fix starts tasks under (RULES.md OTP003,
// OTP009): the configured `task_supervisor`, else a `{Task.Supervisor, name: X}` child in
// the workspace, else `<Root>.TaskSupervisor` plus the edit adding that child to the
// Application's children list when the Application module is in the workspace. ok is false
// when no supervisor can be named and none can be added: then no fix is offered, since
// the result would not run.
func TaskSupervisor(snap *index.Snapshot, cfg *config.Config) (name string, edits []analysis.Edit, ok bool) {
	if cfg != nil && cfg.TaskSupervisor != "" {
		return cfg.TaskSupervisor, nil, true
	}
	if snap == nil {
		return "", nil, false
	}
	if sups := snap.TaskSupervisors(); len(sups) > 0 {
		return sups[0].Name, nil, true
	}
	app, list := snap.Application()
	if app == nil || list.AppendUnsafe {
		return "", nil, false
	}
	name = snap.RootNamespace() + ".TaskSupervisor"
	return name, []analysis.Edit{AddChild(app.Path, list, "{Task.Supervisor, name: "+name+"}")}, true
}

// AddChild is the edit appending child to a children list.
func AddChild(path string, list *index.ChildList, child string) analysis.Edit {
	text := child
	switch {
	case len(list.Children) > 0 && list.Multiline:
		text = "," + list.Newline + list.Indent + child
	case len(list.Children) > 0:
		text = ", " + child
	}
	return analysis.Edit{Path: path, Start: list.InsertAt, End: list.InsertAt, NewText: text}
}
