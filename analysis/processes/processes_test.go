package processes

import (
	"fmt"
	"strings"
	"testing"

	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/source"
)

// snapshot indexes files (path -> text) with the model's facts.
func snapshot(t *testing.T, files map[string]string) *index.Snapshot {
	t.Helper()
	ws := index.NewWorkspace(Facts()...)
	for path, text := range files {
		ws.Update(index.Summarize(source.Parse(path, text), nil, Facts()))
	}
	return ws.Snapshot()
}

// pos finds the first occurrence of needle in text (ASCII) as a position.
func pos(t *testing.T, text, needle string) source.Position {
	t.Helper()
	i := strings.Index(text, needle)
	if i < 0 {
		t.Fatalf("%q not in the fixture", needle)
	}
	return source.Position{Line: strings.Count(text[:i], "\n"), Character: i - strings.LastIndex(text[:i], "\n") - 1}
}

func printLocs(ls []index.Loc) string {
	var out []string
	for _, l := range ls {
		out = append(out, fmt.Sprintf("%s:%d", l.Path, l.Range().Start.Line))
	}
	return strings.Join(out, " ")
}

const worker = `defmodule Jobs.Worker do
  use GenServer

  @me Jobs.Worker

  def start_link(_), do: GenServer.start_link(__MODULE__, :ok, name: Jobs.Names.Worker)

  def run(job), do: GenServer.cast(Jobs.Names.Worker, {:run, job})

  def later(job), do: run(job)

  def whoami, do: send(self(), :who)

  def init(:ok) do
    Task.start(fn -> send(self(), :from_task) end)
    tick()
    {:ok, []}
  end

  defp tick, do: Process.send_after(self(), :tick, 10)

  def handle_cast({:run, job}, jobs), do: {:noreply, [job | jobs]}

  def handle_info(:tick, jobs), do: {:noreply, jobs}
  def handle_info(msg, jobs) when is_tuple(msg), do: {:noreply, jobs}
  def handle_call(request, _from, jobs), do: {:reply, request, jobs}

  def ping, do: GenServer.call(@me, build())
  defp build, do: :ping
end
`

const twins = `defmodule Twin.A do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, :ok, name: :twin)
  def init(s), do: {:ok, s}
  def handle_cast(:go, s), do: {:noreply, s}
end

defmodule Twin.B do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, :ok, name: :twin)
  def init(s), do: {:ok, s}
  def handle_cast(:go, s), do: {:noreply, s}
  def go, do: GenServer.cast(:twin, :go)
end
`

func TestSendsAndTheirHandlers(t *testing.T) {
	s := snapshot(t, map[string]string{"worker.ex": worker, "twins.ex": twins})
	cases := []struct {
		what, at, want string
	}{
		{"a wrapper sending to the name its module registers (a module name no module has)", "GenServer.cast(Jobs.Names.Worker", "worker.ex:21"},
		{"a local call of the wrapper", "run(job)\n", "worker.ex:21"},
		// Several heads: :tick, and the guarded catch-all after it.
		{"self() in a private function of the server", "Process.send_after(self()", "worker.ex:23 worker.ex:24"},
		// A message built elsewhere reaches only the head that takes anything.
		{"a message of unknown shape, through a module attribute", "GenServer.call(@me", "worker.ex:25"},
		{"self() in a public API function runs in the caller: unknown", "send(self(), :who)", ""},
		{"self() in a function handed to a Task: unknown", "send(self(), :from_task)", ""},
		{"a name two modules register: unknown", "GenServer.cast(:twin", ""},
	}
	for _, tc := range cases {
		text := worker
		path := "worker.ex"
		if strings.Contains(tc.at, ":twin") {
			text, path = twins, "twins.ex"
		}
		site, ok := SiteAt(s, path, pos(t, text, tc.at))
		if !ok {
			t.Errorf("%s: no send site at %q", tc.what, tc.at)
			continue
		}
		if got := printLocs(HandlersOf(s, site)); got != tc.want {
			t.Errorf("%s: handlers %q, want %q", tc.what, got, tc.want)
		}
	}
	// The info heads: :tick, then a guarded catch-all that takes any message (the guard
	// may pass), so every send to the server's handle_info reaches it.
	c, ok := ClauseAt(s, "worker.ex", pos(t, worker, "handle_info(msg"))
	if !ok || c.Kind != Info || !c.Head.Guarded || c.Head.Shape != "" {
		t.Fatalf("clause at the guarded catch-all: %+v %v", c, ok)
	}
	var got []string
	for _, site := range Senders(s, c) {
		got = append(got, fmt.Sprintf("%d%s", site.Loc.Range().Start.Line, site.Via))
	}
	if strings.Join(got, " ") != "19" {
		t.Errorf("senders of the catch-all: %q (only the send_after from the private tick/0)", got)
	}
	c, _ = ClauseAt(s, "worker.ex", pos(t, worker, "handle_cast({:run"))
	got = nil
	for _, site := range Senders(s, c) {
		got = append(got, fmt.Sprintf("%d%s", site.Loc.Range().Start.Line, site.Via))
	}
	if strings.Join(got, " ") != "7 9Jobs.Worker.run/1" {
		t.Errorf("senders of handle_cast: %q", got)
	}
}

func TestHeadMatching(t *testing.T) {
	tagged, any := Head{Shape: "{:run,2}"}, Head{Shape: ""}
	for _, tc := range []struct {
		h    Head
		msg  string
		want bool
	}{
		{tagged, "{:run,2}", true},
		{tagged, "{:run,3}", false},
		{tagged, ":run", false},
		{tagged, "", false}, // a message built elsewhere: not claimed for a shaped head
		{any, "{:run,2}", true},
		{any, "", true},
	} {
		if got := tc.h.Matches(tc.msg); got != tc.want {
			t.Errorf("head %q matches %q: %v", tc.h.Shape, tc.msg, got)
		}
	}
}
