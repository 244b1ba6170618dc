package codeactions_test

import (
	"slices"
	"testing"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/source"
	"github.com/otpls/otpls/codeactions"
)

// TestInsertAfterClauses: the new clause goes after the function's last clause, a blank
// line before it, at the clauses' indentation, after the @impl of the first clause when it
// has one and after a comment ending the last clause's line, in the file's line endings;
// code after the last clause on its line refuses it.
func TestInsertAfterClauses(t *testing.T) {
	const clause = "def handle_info(:tick, state) do\n  {:noreply, state}\nend"
	for _, c := range []struct{ name, in, want string }{
		{"no @impl",
			"defmodule M do\n  def handle_info(:a, s), do: {:noreply, s}\n\n  def other, do: 1\nend\n",
			"defmodule M do\n  def handle_info(:a, s), do: {:noreply, s}\n\n  def handle_info(:tick, state) do\n    {:noreply, state}\n  end\n\n  def other, do: 1\nend\n"},
		{"@impl copied from the first clause",
			"defmodule M do\n  @impl GenServer\n  def handle_info(:a, s), do: {:noreply, s}\n  def handle_info(:b, s) do\n    {:noreply, s}\n  end\nend\n",
			"defmodule M do\n  @impl GenServer\n  def handle_info(:a, s), do: {:noreply, s}\n  def handle_info(:b, s) do\n    {:noreply, s}\n  end\n\n  @impl GenServer\n  def handle_info(:tick, state) do\n    {:noreply, state}\n  end\nend\n"},
		{"after a comment ending the line",
			"defmodule M do\n  def handle_info(:a, s), do: {:noreply, s} # the last\nend\n",
			"defmodule M do\n  def handle_info(:a, s), do: {:noreply, s} # the last\n\n  def handle_info(:tick, state) do\n    {:noreply, state}\n  end\nend\n"},
		{"crlf",
			"defmodule M do\r\n  def handle_info(:a, s), do: {:noreply, s}\r\nend\r\n",
			"defmodule M do\r\n  def handle_info(:a, s), do: {:noreply, s}\r\n\r\n  def handle_info(:tick, state) do\r\n    {:noreply, state}\r\n  end\r\nend\r\n"},
		{"code after it on the line",
			"defmodule M do\n  def handle_info(:a, s), do: {:noreply, s}; def other, do: 1\nend\n", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := source.Parse("lib/m.ex", c.in)
			em := elixir.Modules(f)[0]
			defs, _ := elixir.Defs(f, em.Body)
			edit, ok := codeactions.InsertAfterClauses(f, slices.Collect(em.Body.Children()), defs["handle_info/2"], clause)
			if c.want == "" {
				if ok {
					t.Fatalf("offered %+v, want nothing", edit)
				}
				return
			}
			if !ok {
				t.Fatal("no edit")
			}
			got, err := codeactions.Apply(c.in, []analysis.Edit{edit})
			if err != nil {
				t.Fatal(err)
			}
			if got != c.want {
				t.Errorf("got\n%q\nwant\n%q", got, c.want)
			}
		})
	}
}
