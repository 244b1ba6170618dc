package bootorder_test

import (
	"strings"
	"testing"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/rules/bootorder"
	"github.com/otpls/otpls/analysis/rules/ruletest"
	"github.com/otpls/otpls/analysis/source"
	"github.com/otpls/otpls/analysis/workspace"
)

func TestFixtures(t *testing.T) { ruletest.Run(t, bootorder.Analyzer) }

func TestGoldensCompile(t *testing.T) { ruletest.CompileGoldens(t, "OTP016") }

func TestProveCrashes(t *testing.T) { ruletest.ProveCrashes(t, "OTP016") }

const liveApp = `defmodule Farm.Application do
  use Application

  def start(_type, _args) do
    children = [
      Farm.Barn,
      Farm.Silo
    ]

    Supervisor.start_link(children, strategy: :one_for_one)
  end
end
`

const liveBarn = `defmodule Farm.Barn do
  use GenServer

  def start_link(_), do: GenServer.start_link(__MODULE__, :ok)

  def init(:ok), do: {:ok, GenServer.call(Farm.Silo, :grain)}
end
`

const liveSilo = `defmodule Farm.Silo do
  use GenServer

  def start_link(_), do: GenServer.start_link(__MODULE__, 10, name: __MODULE__)

  def init(n), do: {:ok, n}
end
`

// The finding is in the child's file and depends on the order in the supervisor's file:
// an edit of either, open in the editor, updates it at once.
func TestFollowsEditsOfEitherFile(t *testing.T) {
	ws := index.NewWorkspace(bootorder.Analyzer.Facts...)
	opts := workspace.RunOptions{Analyzers: []*analysis.Analyzer{bootorder.Analyzer}}
	app := workspace.OpenDocument(ws, "/farm/lib/farm/application.ex", liveApp, 0)
	defer app.Close()
	barn := workspace.OpenDocument(ws, "/farm/lib/farm/barn.ex", liveBarn, 0)
	defer barn.Close()
	workspace.Enter(ws, "/farm/lib/farm/silo.ex", liveSilo)

	got := barn.Entry().Analyze(ws.Snapshot(), opts)
	if len(got) != 1 || !strings.Contains(got[0].Message, "calls Farm.Silo (GenServer.call/2), which Farm.Application starts after Farm.Barn") {
		t.Fatalf("before the edits: %v", got)
	}
	if len(got[0].Related) != 2 || got[0].Related[0].Loc.Path != "/farm/lib/farm/application.ex" || got[0].Related[0].Loc.Range().Start.Line != 6 {
		t.Fatalf("related = %+v, want the Farm.Silo entry (line 7) first", got[0].Related)
	}

	// The supervisor's file puts the silo first: the finding in the barn's file clears.
	swap := edit(t, liveApp, "      Farm.Barn,\n      Farm.Silo\n", "      Farm.Silo,\n      Farm.Barn\n")
	if _, err := app.Apply(ws, swap); err != nil {
		t.Fatal(err)
	}
	if got := barn.Entry().Analyze(ws.Snapshot(), opts); len(got) != 0 {
		t.Fatalf("after reordering the list: %v", got)
	}

	// A registry after the barn, then the barn's own edit: it now needs that registry.
	pens := edit(t, app.Entry().File.Text, "      Farm.Barn\n", "      Farm.Barn,\n      {Registry, keys: :unique, name: Farm.Pens}\n")
	if _, err := app.Apply(ws, pens); err != nil {
		t.Fatal(err)
	}
	register := edit(t, liveBarn, "{:ok, GenServer.call(Farm.Silo, :grain)}", "{:ok, Registry.register(Farm.Pens, :barn, nil)}")
	if _, err := barn.Apply(ws, register); err != nil {
		t.Fatal(err)
	}
	got = barn.Entry().Analyze(ws.Snapshot(), opts)
	if len(got) != 1 || !strings.Contains(got[0].Message, "uses the registry Farm.Pens (Registry.register/3)") {
		t.Fatalf("after the barn's edit: %v", got)
	}
}

// edit is the change replacing the one occurrence of old in text with new.
func edit(t *testing.T, text, old, new string) []source.Change {
	t.Helper()
	at := strings.Index(text, old)
	if at < 0 || strings.Count(text, old) != 1 {
		t.Fatalf("%q is not in the text once", old)
	}
	lines := source.NewLineIndex(text)
	r := lines.Range(at, at+len(old))
	return []source.Change{{Range: &r, Text: new}}
}
