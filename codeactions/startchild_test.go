package codeactions_test

import (
	"testing"

	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/source"
	"github.com/otpls/otpls/codeactions"
)

// TestStartChildLayout: the rewritten call keeps its place while it fits in 98 columns,
// and otherwise takes the layout mix format gives it; where the formatter's choice depends
// on code around the call, or moving lines would change a string, it is rewritten in place.
func TestStartChildLayout(t *testing.T) {
	const sup = "Warehouse.Logistics.Dispatch.BackgroundTaskSupervisor"
	for _, c := range []struct{ name, in, want string }{
		{"fits", "def f do\n  spawn(fn -> g end)\nend\n",
			"def f do\n  Task.Supervisor.start_child(Warehouse.Logistics.Dispatch.BackgroundTaskSupervisor, fn -> g end)\nend\n"},
		{"fn body breaks", "def f do\n  x = 1\n  spawn(fn -> Carrier.notify(x, :departed) end)\n  :ok\nend\n",
			"def f do\n  x = 1\n\n  Task.Supervisor.start_child(Warehouse.Logistics.Dispatch.BackgroundTaskSupervisor, fn ->\n    Carrier.notify(x, :departed)\n  end)\n\n  :ok\nend\n"},
		{"code after it on the line", "def f do\n  [spawn(fn -> Carrier.notify(x, :departed) end), :ok]\nend\n",
			"def f do\n  [Task.Supervisor.start_child(Warehouse.Logistics.Dispatch.BackgroundTaskSupervisor, fn -> Carrier.notify(x, :departed) end), :ok]\nend\n"},
		{"multi-line string", "def f do\n  spawn(fn -> IO.puts(\"a\n  b\") end)\nend\n",
			"def f do\n  Task.Supervisor.start_child(Warehouse.Logistics.Dispatch.BackgroundTaskSupervisor, fn -> IO.puts(\"a\n  b\") end)\nend\n"},
		{"crlf", "def f do\r\n  x = 1\r\n  spawn(Carrier, :notify, [x, :arrived, :at_the_dock])\r\nend\r\n",
			"def f do\r\n  x = 1\r\n\r\n  Task.Supervisor.start_child(\r\n    Warehouse.Logistics.Dispatch.BackgroundTaskSupervisor,\r\n    Carrier,\r\n    :notify,\r\n    [x, :arrived, :at_the_dock]\r\n  )\r\nend\r\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := source.Parse("lib/x.ex", c.in)
			var call *elixir.Call
			for _, k := range elixir.Calls(f) {
				if k.Name == "spawn" {
					call = &k
				}
			}
			if call == nil {
				t.Fatal("no spawn call")
			}
			got, err := codeactions.Apply(c.in, codeactions.StartChild(f, call, sup, ""))
			if err != nil || got != c.want {
				t.Fatalf("got (%v):\n%s\nwant:\n%s", err, got, c.want)
			}
			if n := len(source.Parse("lib/x.ex", got).Errors); n > 0 {
				t.Errorf("result has %d syntax errors", n)
			}
		})
	}
}
