package codeactions_test

import (
	"strings"
	"testing"

	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/source"
	"github.com/otpls/otpls/codeactions"
)

// TestAddKeywordLayout: the pair goes where the call's layout puts it, valid Elixir in each
// (a trailing comma, a comment ending the last line), and a one-line call pushed past 98
// columns takes mix format's layout; where an appended pair would be swallowed by a call
// without parentheses, or the call is piped, nothing is offered.
func TestAddKeywordLayout(t *testing.T) {
	const pair = "name: __MODULE__"
	for _, c := range []struct {
		name, in, want string
		withOptions    bool
	}{
		{"new keyword argument", "def f(a), do: GenServer.start_link(M, a)\n",
			"def f(a), do: GenServer.start_link(M, a, name: __MODULE__)\n", false},
		{"do: moves to its own line", "  def start_link(argument), do: GenServer.start_link(__MODULE__, %{argument: argument, tries: 0})\n",
			"  def start_link(argument),\n    do: GenServer.start_link(__MODULE__, %{argument: argument, tries: 0}, name: __MODULE__)\n", false},
		{"keywords one per line", "    GenServer.start_link(__MODULE__, %{argument: argument, tries: 0}, timeout: 5_000, debug: [])\n",
			"    GenServer.start_link(__MODULE__, %{argument: argument, tries: 0},\n      timeout: 5_000,\n      debug: [],\n      name: __MODULE__\n    )\n", true},
		{"the right side of = moves down", "  def f do\n    {:ok, pid} = GenServer.start_link(__MODULE__, %{argument: argument}, timeout: 5_000)\n    pid\n  end\n",
			"  def f do\n    {:ok, pid} =\n      GenServer.start_link(__MODULE__, %{argument: argument}, timeout: 5_000, name: __MODULE__)\n\n    pid\n  end\n", true},
		{"and then breaks", "  def f do\n    {:ok, pid} = GenServer.start_link(__MODULE__, %{argument: argument, tries: 0, more: 1}, timeout: 5_000)\n  end\n",
			"  def f do\n    {:ok, pid} =\n      GenServer.start_link(__MODULE__, %{argument: argument, tries: 0, more: 1},\n        timeout: 5_000,\n        name: __MODULE__\n      )\n  end\n", true},
		{"other code before it on the line", "    with {:ok, pid} <- GenServer.start_link(__MODULE__, %{argument: argument, tries: 0}, timeout: 5_000), do: pid\n", "", true},
		{"a comment after it", "    GenServer.start_link(__MODULE__, %{argument: argument, tries: 0}, timeout: 5_000, debug: []) # c\n", "", true},
		{"list with a trailing comma", "GenServer.start_link(M, a, [timeout: 1,])\n",
			"GenServer.start_link(M, a, [timeout: 1, name: __MODULE__,])\n", true},
		{"empty list", "GenServer.start_link(M, a, [])\n", "GenServer.start_link(M, a, [name: __MODULE__])\n", true},
		{"several lines, a comment ends the last", "GenServer.start_link(M, a,\n  timeout: 1, # slow\n  debug: [] # none\n)\n",
			"GenServer.start_link(M, a,\n  timeout: 1, # slow\n  debug: [], # none\n  name: __MODULE__\n)\n", true},
		{"several lines, trailing comma", "GenServer.start_link(M, a, [\n  timeout: 1,\n])\n",
			"GenServer.start_link(M, a, [\n  timeout: 1,\n  name: __MODULE__,\n])\n", true},
		{"crlf", "GenServer.start_link(\r\n  M,\r\n  a\r\n)\r\n", "GenServer.start_link(\r\n  M,\r\n  a,\r\n  name: __MODULE__\r\n)\r\n", false},
		{"do: and the call break", "  def start_link(argument, options),\n    do: GenServer.start_link(__MODULE__, %{argument: argument, options: options, tries: 0})\n",
			"  def start_link(argument, options),\n    do:\n      GenServer.start_link(__MODULE__, %{argument: argument, options: options, tries: 0},\n        name: __MODULE__\n      )\n", false},
		{"keywords as the argument", "GenServer.start_link(M, a: 1)\n", "GenServer.start_link(M, [a: 1], name: __MODULE__)\n", false},
		{"keywords as the argument over lines", "GenServer.start_link(M,\n  a: 1\n)\n", "", false},
		{"bare call last", "GenServer.start_link(M, a, timeout: t 1)\n", "", true},
		{"piped", "a |> GenServer.start_link(M)\n", "", false},
		{"options we cannot read", "GenServer.start_link(M, a, opts)\n", "", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := source.Parse("lib/x.ex", c.in)
			call := startLink(t, f)
			edits, ok := codeactions.AddKeyword(f, call, pair, c.withOptions)
			if c.want == "" {
				if ok {
					t.Fatalf("offered %+v, want nothing", edits)
				}
				return
			}
			got, err := codeactions.Apply(c.in, edits)
			if !ok || err != nil || got != c.want {
				t.Fatalf("got (%v, %v):\n%s\nwant:\n%s", ok, err, got, c.want)
			}
			if n := len(source.Parse("lib/x.ex", got).Errors); n > 0 {
				t.Errorf("result has %d syntax errors", n)
			}
		})
	}
}

// TestPrependArgumentLayout: {:local, name} first, on the first argument's line or a line
// of its own, and mix format's layout for a one-line call pushed past 98 columns.
func TestPrependArgumentLayout(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"one line", ":gen_server.start_link(M, a, [])\n", ":gen_server.start_link({:local, __MODULE__}, M, a, [])\n"},
		{"argument per line", ":gen_server.start_link(\n  M,\n  a,\n  []\n)\n", ":gen_server.start_link(\n  {:local, __MODULE__},\n  M,\n  a,\n  []\n)\n"},
		{"arguments one per line", "    :gen_server.start_link(__MODULE__, %{argument: argument, tries: 0, log: []}, timeout: 5_000)\n",
			"    :gen_server.start_link(\n      {:local, __MODULE__},\n      __MODULE__,\n      %{argument: argument, tries: 0, log: []},\n      timeout: 5_000\n    )\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := source.Parse("lib/x.ex", c.in)
			edits, ok := codeactions.PrependArgument(f, startLink(t, f), "{:local, __MODULE__}")
			got, err := codeactions.Apply(c.in, edits)
			if !ok || err != nil || got != c.want {
				t.Fatalf("got (%v, %v):\n%s\nwant:\n%s", ok, err, got, c.want)
			}
		})
	}
}

func startLink(t *testing.T, f *source.File) *elixir.Call {
	t.Helper()
	for _, k := range elixir.Calls(f) {
		if k.Name == "start_link" && k.Module != "" {
			return &k
		}
	}
	t.Fatal("no start_link call")
	return nil
}

// TestAppendToListLayout: into a bound options list or a call's options list, in each of
// their layouts, one item or two.
func TestAppendToListLayout(t *testing.T) {
	const both = "read_concurrency: true, write_concurrency: true"
	for _, c := range []struct{ name, in, want string }{
		{"one line", "  def f do\n    opts = [timeout: 1]\n    go(opts)\n  end\n", "  def f do\n    opts = [timeout: 1, name: __MODULE__]\n    go(opts)\n  end\n"},
		{"trailing comma", "opts = [timeout: 1,]\n", "opts = [timeout: 1, name: __MODULE__,]\n"},
		{"empty", "opts = []\n", "opts = [name: __MODULE__]\n"},
		{"one per line when too long", "  def f do\n    opts = [timeout: 5_000, debug: [:statistics], hibernate_after: 15_000, spawn_opt: []]\n    go(opts)\n  end\n",
			"  def f do\n    opts = [\n      timeout: 5_000,\n      debug: [:statistics],\n      hibernate_after: 15_000,\n      spawn_opt: [],\n      name: __MODULE__\n    ]\n\n    go(opts)\n  end\n"},
		{"several lines, a comment ends the last", "opts = [\n  timeout: 1 # slow\n]\n", "opts = [\n  timeout: 1, # slow\n  name: __MODULE__\n]\n"},
		{"two, one line", ":ets.new(:t, [:set, :public])\n", ":ets.new(:t, [:set, :public, read_concurrency: true, write_concurrency: true])\n"},
		{"two, one per line", ":ets.new(:t, [\n  :set,\n  :public\n])\n", ":ets.new(:t, [\n  :set,\n  :public,\n  read_concurrency: true,\n  write_concurrency: true\n])\n"},
		{"two, trailing comma", ":ets.new(:t, [\n  :set,\n  :public,\n])\n", ":ets.new(:t, [\n  :set,\n  :public,\n  read_concurrency: true,\n  write_concurrency: true,\n])\n"},
		{"two, a comment ends the last", ":ets.new(:t, [\n  :set,\n  :public # shared\n])\n", ":ets.new(:t, [\n  :set,\n  :public, # shared\n  read_concurrency: true,\n  write_concurrency: true\n])\n"},
		{"two, closing on the last line", ":ets.new(:t, [\n  :set,\n  :public])\n", ":ets.new(:t, [\n  :set,\n  :public, read_concurrency: true, write_concurrency: true])\n"},
		{"in a call, too long", "  def setup do\n    :ets.new(:a_rather_long_table_name_here, [:set, :public, :named_table, keypos: 1]) # c\n  end\n",
			"  def setup do\n    :ets.new(:a_rather_long_table_name_here, [\n      :set,\n      :public,\n      :named_table,\n      keypos: 1,\n      read_concurrency: true,\n      write_concurrency: true\n    ]) # c\n  end\n"},
		{"in a call, too long, trailing comma", "    :ets.new(:a_rather_long_table_name_here, [:set, :public, :named_table, keypos: 1,])\n",
			"    :ets.new(:a_rather_long_table_name_here, [\n      :set,\n      :public,\n      :named_table,\n      keypos: 1,\n      read_concurrency: true,\n      write_concurrency: true,\n    ])\n"},
		{"bound call, too long", "  def setup do\n    table = :ets.new(:a_rather_long_table_name_here, [:set, :public, :named_table])\n    table\n  end\n",
			"  def setup do\n    table =\n      :ets.new(:a_rather_long_table_name_here, [\n        :set,\n        :public,\n        :named_table,\n        read_concurrency: true,\n        write_concurrency: true\n      ])\n\n    table\n  end\n"},
		{"do: call, too long", "  def setup, do: :ets.new(:a_rather_long_table_name_here, [:set, :public, :named_table])\n",
			"  def setup,\n    do:\n      :ets.new(:a_rather_long_table_name_here, [\n        :set,\n        :public,\n        :named_table,\n        read_concurrency: true,\n        write_concurrency: true\n      ])\n"},
		{"do: call, fits below", "  def setup, do: :ets.new(:long_table, [:set, :public])\n",
			"  def setup,\n    do: :ets.new(:long_table, [:set, :public, read_concurrency: true, write_concurrency: true])\n"},
		{"crlf", ":ets.new(:t, [\r\n  :set,\r\n  :public # shared\r\n])\r\n", ":ets.new(:t, [\r\n  :set,\r\n  :public, # shared\r\n  read_concurrency: true,\r\n  write_concurrency: true\r\n])\r\n"},
		{"crlf, too long", "    :ets.new(:a_rather_long_table_name_here, [:set, :public, :named_table, keypos: 1])\r\n",
			"    :ets.new(:a_rather_long_table_name_here, [\r\n      :set,\r\n      :public,\r\n      :named_table,\r\n      keypos: 1,\r\n      read_concurrency: true,\r\n      write_concurrency: true\r\n    ])\r\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := source.Parse("lib/x.ex", c.in)
			var list *source.Node
			f.Root.Walk(func(n *source.Node) bool {
				if list == nil && n.Type() == "list" {
					list = n
				}
				return list == nil
			})
			items := []string{"name: __MODULE__"}
			if strings.Contains(c.in, ":ets.new") {
				items = strings.Split(both, ", ") // OTP010's two options
			}
			edits, ok := codeactions.AppendToList(f, list, items...)
			got, err := codeactions.Apply(c.in, edits)
			if !ok || err != nil || got != c.want {
				t.Fatalf("got (%v, %v):\n%s\nwant:\n%s", ok, err, got, c.want)
			}
			if n := len(source.Parse("lib/x.ex", got).Errors); n > 0 {
				t.Errorf("result has %d syntax errors", n)
			}
		})
	}
}
