package ruletest

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// A rule whose findings are Errors predicts a crash; its fixtures prove it. Next to a
// fixture `x.ex` (or in a case directory, next to its `.ex` files) a driver `x.driver` is an
// Elixir script that starts the fixture's processes, provokes what the rule predicts and
// prints one line `RESULT <inspect of the outcome>` (the Prove module below helps). Its first
// lines say what must be seen:
//
//	# input: function_clause
//	# fixed: :alive
//
// ProveCrashes compiles the fixture as written and runs the driver: the RESULT line must
// match the `input:` regexp (the crash happens). It then compiles the golden (the fixture
// after the rule's fixes) and runs the driver again: the RESULT line must match `fixed:`.
// A finding with no fix has no golden: its driver names the correct twin instead, a
// fixture the rule leaves silent (`# twin: x_right.ex`, in the driver's directory, standing
// in for x.ex; in a case directory `# twin: server.ex -> server_right.ex`), and the
// `fixed:` run compiles that.
// A driver is named .driver, not .exs, so that the fixture runner does not analyse it.

// provePrelude is loaded before every driver.
const provePrelude = `defmodule Prove do
  # Runs trigger, then waits up to wait ms for pid to exit: {:exited, reason} or :alive.
  # A synchronous request first queues behind whatever the trigger sent the server, so a
  # crash it causes is seen however loaded the machine is; the wait is for messages that
  # reach the server later (a monitor's :DOWN, a timer).
  def watch(pid, trigger, wait \\ 1_500) do
    ref = Process.monitor(pid)
    trigger.()

    try do
      :sys.get_state(pid, 30_000)
    catch
      :exit, _ -> :ok
    end

    receive do
      {:DOWN, ^ref, :process, ^pid, reason} -> {:exited, reason}
    after
      wait -> :alive
    end
  end

  # Runs fun in a process of its own: {:exited, reason}, {:raised, exception} or {:ok, value}.
  def outcome(fun, wait \\ 5_000) do
    parent = self()
    {pid, ref} =
      spawn_monitor(fn ->
        send(parent, {:outcome, self(), try do
          {:ok, fun.()}
        rescue
          e -> {:raised, e}
        end})
      end)

    receive do
      {:outcome, ^pid, result} ->
        Process.demonitor(ref, [:flush])
        result

      {:DOWN, ^ref, :process, ^pid, reason} ->
        {:exited, reason}
    after
      wait -> :timeout
    end
  end

  def report(outcome), do: IO.puts("RESULT " <> inspect(outcome))
end
`

var (
	driverExpect = regexp.MustCompile(`(?m)^#\s*(input|fixed):\s*(.+?)\s*$`)
	driverTwin   = regexp.MustCompile(`(?m)^#\s*twin:\s*(?:(\S+)\s*->\s*)?(\S+)\s*$`)
)

// ProveCrashes runs every driver under testdata/rules/<code> (see above). It fails when a
// rule has no driver at all: an Error rule proves its crashes.
func ProveCrashes(t *testing.T, code string) {
	elixirc := RequireTool(t, "elixirc")
	elixir := RequireTool(t, "elixir")
	dir := filepath.Join(Root(t), "testdata", "rules", code)
	var drivers []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".driver") {
			drivers = append(drivers, p)
		}
		return nil
	})
	if len(drivers) == 0 {
		t.Fatalf("%s has no crash drivers (*.driver)", code)
	}
	prelude := filepath.Join(t.TempDir(), "prove.exs")
	if err := os.WriteFile(prelude, []byte(provePrelude), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, drv := range drivers {
		t.Run(strings.TrimSuffix(filepath.Base(drv), ".driver"), func(t *testing.T) {
			t.Parallel()
			proveDriver(t, elixirc, elixir, prelude, drv)
		})
	}
}

func proveDriver(t *testing.T, elixirc, elixir, prelude, drv string) {
	text, err := os.ReadFile(drv)
	if err != nil {
		t.Fatal(err)
	}
	expect := map[string]*regexp.Regexp{}
	for _, m := range driverExpect.FindAllStringSubmatch(string(text), -1) {
		expect[m[1]] = regexp.MustCompile(m[2])
	}
	if expect["input"] == nil || expect["fixed"] == nil {
		t.Fatalf("%s: needs `# input: <regexp>` and `# fixed: <regexp>` lines", rel(drv))
	}
	inputs := driverInputs(t, drv)
	replaced, twin := strings.TrimSuffix(drv, ".driver")+".ex", ""
	if m := driverTwin.FindStringSubmatch(string(text)); m != nil {
		if m[1] != "" {
			replaced = filepath.Join(filepath.Dir(drv), m[1])
		}
		twin = filepath.Join(filepath.Dir(drv), m[2])
	}
	inputs = slices.DeleteFunc(inputs, func(in string) bool { return in == twin }) // the twin is not an input
	var goldens []string
	for _, in := range inputs {
		switch {
		case twin != "" && in == replaced:
			goldens = append(goldens, twin)
		case fileExists(in + ".golden"):
			goldens = append(goldens, in+".golden")
		default:
			goldens = append(goldens, in)
		}
	}
	if strings.Join(goldens, "") == strings.Join(inputs, "") {
		t.Fatalf("%s: none of %v has a golden or a `# twin:`: nothing shows the fixed version", rel(drv), inputs)
	}
	for _, run := range []struct {
		what  string
		files []string
	}{{"input", inputs}, {"fixed", goldens}} {
		got := runDriver(t, elixirc, elixir, prelude, drv, run.files)
		if !expect[run.what].MatchString(got) {
			t.Errorf("%s (%s): got %q, want a match for %q", rel(drv), run.what, got, expect[run.what])
		}
	}
}

// driverInputs are the fixture files a driver runs: x.ex for x.driver, else every .ex
// file of the driver's directory.
func driverInputs(t *testing.T, drv string) []string {
	if one := strings.TrimSuffix(drv, ".driver") + ".ex"; fileExists(one) {
		return []string{one}
	}
	all, _ := filepath.Glob(filepath.Join(filepath.Dir(drv), "*.ex"))
	if len(all) == 0 {
		t.Fatalf("%s: no .ex fixture beside it", rel(drv))
	}
	return all
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// runDriver compiles files and runs the driver against them: the RESULT line's outcome.
func runDriver(t *testing.T, elixirc, elixir, prelude, drv string, files []string) string {
	t.Helper()
	ebin, output, err := compile(t, elixirc, files)
	if err != nil {
		t.Fatalf("elixirc failed on %v: %v\n%s", files, err, output)
	}
	cmd := exec.Command(elixir, "-pa", ebin, "-r", prelude, drv)
	out, err := cmd.Output()
	for _, line := range strings.Split(string(out), "\n") {
		if r, ok := strings.CutPrefix(line, "RESULT "); ok {
			return r
		}
	}
	t.Fatalf("%s printed no RESULT line (err %v):\n%s", rel(drv), err, out)
	return ""
}
