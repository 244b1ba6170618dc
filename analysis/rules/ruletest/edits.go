package ruletest

import (
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/source"
)

// Edits returns a workspace index with facts that takes files one version at a time, as
// an editor's edits reach the server's index: each call summarises text as path's new
// version and returns the snapshot after it. Tests of what a snapshot takes over from the
// one before (views over facts) enter versions with it and compare the answers.
func Edits(facts ...*index.FactKind) func(path, text string) *index.Snapshot {
	ws := index.NewWorkspace(facts...)
	return func(path, text string) *index.Snapshot {
		ws.Update(index.Summarize(source.Parse(path, text), nil, facts))
		return ws.Snapshot()
	}
}
