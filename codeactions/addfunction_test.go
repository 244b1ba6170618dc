package codeactions_test

import (
	"testing"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/source"
	"github.com/otpls/otpls/codeactions"
)

func TestAddFunctionAfter(t *testing.T) {
	stub := []string{"@impl true", "def handle_continue(:load, state) do", "  {:noreply, state}", "end"}
	for _, c := range []struct{ name, in, want string }{
		{"after a block", "defmodule A do\n  def init(x) do\n    {:ok, x}\n  end\nend\n",
			"defmodule A do\n  def init(x) do\n    {:ok, x}\n  end\n\n  @impl true\n  def handle_continue(:load, state) do\n    {:noreply, state}\n  end\nend\n"},
		{"after a trailing comment, CRLF", "defmodule A do\r\n  def init(x), do: {:ok, x} # start\r\nend\r\n",
			"defmodule A do\r\n  def init(x), do: {:ok, x} # start\r\n\r\n  @impl true\r\n  def handle_continue(:load, state) do\r\n    {:noreply, state}\r\n  end\r\nend\r\n"},
		{"code after it on the line", "defmodule A do\n  def init(x), do: {:ok, x}; def b, do: 1\nend\n", ""},
	} {
		f := source.Parse("a.ex", c.in)
		var init *source.Node
		for _, call := range elixir.Calls(f) {
			if d, ok := elixir.AsDef(f, call.Node); ok && d.Name == "init" {
				init = d.Node
			}
		}
		edit, ok := codeactions.AddFunctionAfter(f, init, stub)
		if !ok {
			if c.want != "" {
				t.Errorf("%s: no edit", c.name)
			}
			continue
		}
		got, err := codeactions.Apply(c.in, []analysis.Edit{edit})
		if err != nil || got != c.want {
			t.Errorf("%s: got %q (%v), want %q", c.name, got, err, c.want)
		}
	}
}
