package codeactions

import (
	"strings"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/config"
	"github.com/otpls/otpls/analysis/index"
)

// TaskSupervisor decides which Task.Supervisor a fix of the file at path starts tasks
// under (docs/rules/OTP009.md, "Fix safety"): the configured `task_supervisor`; else a
// `{Task.Supervisor, name: X}` child of any children list of the file's own Mix project
// (nearest mix.exs), the Application's first; else `<Root>.TaskSupervisor` plus the edit
// adding that child first in the literal children list of the project's Application. Never a
// supervisor or Application of another Mix project (a sibling umbrella app, an examples/
// app, a dependency): a task started under a supervisor that does not run exits with
// :noproc. ok is false when no supervisor can be named and none can be added: then no fix
// is offered.
func TaskSupervisor(snap *index.Snapshot, cfg *config.Config, path string) (name string, edits []analysis.Edit, ok bool) {
	if cfg != nil && cfg.TaskSupervisor != "" {
		return cfg.TaskSupervisor, nil, true
	}
	if snap == nil {
		return "", nil, false
	}
	proj := snap.MixProject(path)
	if proj == nil {
		return "", nil, false
	}
	if name, ok := startedChild(proj, "Task.Supervisor", nil); ok {
		return name, nil, true
	}
	return addedChild(snap, proj, "TaskSupervisor", func(name string) string { return "{Task.Supervisor, name: " + name + "}" })
}

// UniqueRegistry decides which Registry a fix of the file at path names processes in
// with `{:via, Registry, {name, key}}` (docs/rules/OTP019.md, "Fix safety"), as
// TaskSupervisor does for tasks: a `{Registry, keys: :unique, name: X}` child of the file's
// own Mix project, the Application's first; else `<Root>.Registry`, added first to the
// project's Application children (a registry with duplicate keys cannot name processes).
func UniqueRegistry(snap *index.Snapshot, path string) (name string, edits []analysis.Edit, ok bool) {
	if snap == nil {
		return "", nil, false
	}
	proj := snap.MixProject(path)
	if proj == nil {
		return "", nil, false
	}
	unique := func(ch index.NamedChild) bool { return ch.UniqueKeys }
	if name, ok := startedChild(proj, "Registry", unique); ok {
		return name, nil, true
	}
	return addedChild(snap, proj, "Registry", func(name string) string { return "{Registry, keys: :unique, name: " + name + "}" })
}

// addedChild is `<Root>.<suffix>` and the edit putting child(name) first in the project's
// one Application children list; ok is false when there is no such list, or the name is
// taken (a module, or a child of that name, such as a registry with duplicate keys).
func addedChild(snap *index.Snapshot, proj *index.MixProject, suffix string, child func(name string) string) (string, []analysis.Edit, bool) {
	app, ok := soleApplicationList(proj)
	if !ok {
		return "", nil, false
	}
	name := strings.SplitN(app.Module.Name, ".", 2)[0] + "." + suffix
	if snap.Module(name) != nil || proj.HasChildNamed(name) {
		return "", nil, false // a module of that name: its own process, or a name clash
	}
	return name, AddFirstChild(app.Module.Path, app.List, child(name)), true
}

// startedChild names a child of module started with a name in the project's production
// code (test support trees do not run in the application), preferring the Application's;
// keep, when given, says which children qualify.
func startedChild(proj *index.MixProject, module string, keep func(index.NamedChild) bool) (string, bool) {
	name := ""
	for _, ch := range proj.NamedChildren(module) {
		if analysis.IsTestFile(ch.Loc.Path) || keep != nil && !keep(ch) {
			continue
		}
		if ch.Application {
			return ch.Name, true
		}
		if name == "" {
			name = ch.Name
		}
	}
	return name, name != ""
}

// soleApplicationList is the project's one Application children list a child can be
// appended to. Several (two Applications, or start/2 choosing between lists) are refused:
// a child added to one list would be missing where another is started.
func soleApplicationList(proj *index.MixProject) (index.ApplicationList, bool) {
	var found []index.ApplicationList
	for _, a := range proj.ApplicationLists() {
		if !analysis.IsTestFile(a.Module.Path) {
			found = append(found, a)
		}
	}
	if len(found) != 1 || found[0].List.AppendUnsafe {
		return index.ApplicationList{}, false
	}
	return found[0], true
}

// AddFirstChild is the edits putting child first in a children list, laid out as mix format
// would: a one-line `children = [...]` list that the new child would push past LineLength is
// broken into one child per line. First, because the children after it may use it from
// their init/1 (a Task.Supervisor the rewritten code starts tasks under): a supervisor
// starts its children in order, so one added last would not be running yet when they boot,
// and would be stopped before them at shutdown.
func AddFirstChild(path string, list *index.ChildList, child string) []analysis.Edit {
	nl := list.Newline
	switch {
	case len(list.Children) == 0:
		return []analysis.Edit{{Path: path, Start: list.InsertAt, End: list.InsertAt, NewText: child}}
	case list.Multiline:
		// After `[`, so that a comment above the first child stays with it.
		at := list.Span.Start() + 1
		return []analysis.Edit{{Path: path, Start: at, End: at, NewText: nl + list.Indent + child + ","}}
	case !list.Bound || list.EndLineWidth+len(child+", ") <= LineLength:
		at := list.Children[0].Span.Start()
		return []analysis.Edit{{Path: path, Start: at, End: at, NewText: child + ", "}}
	}
	inner := list.Indent + "  "
	edits := []analysis.Edit{{Path: path, Start: list.Span.Start() + 1, End: list.Children[0].Span.Start(), NewText: nl + inner + child + "," + nl + inner}}
	for i := 1; i < len(list.Children); i++ {
		edits = append(edits, analysis.Edit{Path: path, Start: list.Children[i-1].Span.End(), End: list.Children[i].Span.Start(), NewText: "," + nl + inner})
	}
	if !list.SpacedBefore {
		edits = append(edits, analysis.Edit{Path: path, Start: list.LineStart, End: list.LineStart, NewText: nl})
	}
	last := list.Children[len(list.Children)-1]
	closing := nl + list.Indent + "]"
	if !list.SpacedAfter {
		closing += nl
	}
	return append(edits, analysis.Edit{Path: path, Start: last.Span.End(), End: list.Span.End(), NewText: closing})
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
