package codeactions_test

import (
	"testing"

	"github.com/otpls/otpls/analysis/config"
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/workspace"
	"github.com/otpls/otpls/codeactions"
)

func snapshotOf(files map[string]string) *index.Snapshot {
	ws := index.NewWorkspace()
	for path, text := range files {
		workspace.Enter(ws, path, text)
	}
	return ws.Snapshot()
}

const (
	appWith = "defmodule Kite.Application do\n  use Application\n\n  def start(_, _) do\n    children = [Kite.Wind]\n    Supervisor.start_link(children, strategy: :one_for_one)\n  end\nend\n"
	mixFile = "defmodule Kite.MixProject do\n  use Mix.Project\nend\n"
)

// TestTaskSupervisorChoice: the configured name wins; a Task.Supervisor a test support tree
// starts is not one the application runs; two Applications in one project, or a module
// already named <Root>.TaskSupervisor, leave no child to add; a dependency's file gets none.
func TestTaskSupervisorChoice(t *testing.T) {
	testSup := "defmodule Kite.TestSup do\n  use Supervisor\n  def init(_), do: Supervisor.init([{Task.Supervisor, name: Kite.TestTasks}], strategy: :one_for_one)\nend\n"
	for _, c := range []struct {
		name  string
		files map[string]string
		cfg   *config.Config
		path  string
		want  string
		added bool
	}{
		{"configured", map[string]string{"/k/mix.exs": mixFile}, &config.Config{TaskSupervisor: "Kite.Jobs"}, "/k/lib/kite/x.ex", "Kite.Jobs", false},
		{"test support ignored", map[string]string{"/k/mix.exs": mixFile, "/k/lib/kite/application.ex": appWith, "/k/test/support/test_sup.ex": testSup}, nil, "/k/lib/kite/x.ex", "Kite.TaskSupervisor", true},
		{"two applications", map[string]string{"/k/mix.exs": mixFile, "/k/lib/kite/application.ex": appWith, "/k/lib/kite/other.ex": appWith}, nil, "/k/lib/kite/x.ex", "", false},
		{"name taken", map[string]string{"/k/mix.exs": mixFile, "/k/lib/kite/application.ex": appWith, "/k/lib/kite/task_supervisor.ex": "defmodule Kite.TaskSupervisor do\nend\n"}, nil, "/k/lib/kite/x.ex", "", false},
		{"dependency", map[string]string{"/k/mix.exs": mixFile, "/k/lib/kite/application.ex": appWith}, nil, "/k/deps/wind/lib/wind.ex", "", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			name, edits, ok := codeactions.TaskSupervisor(snapshotOf(c.files), c.cfg, c.path)
			if name != c.want || ok != (c.want != "") || (len(edits) > 0) != c.added {
				t.Fatalf("got %q %v (%d edits), want %q (added %v)", name, ok, len(edits), c.want, c.added)
			}
		})
	}
}
