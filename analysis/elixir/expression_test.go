package elixir

import (
	"testing"

	"github.com/otpls/otpls/analysis/source"
)

func TestInExpression(t *testing.T) {
	f := source.Parse("a.ex", `defmodule Launcher do
  @spec launch((-> any)) :: pid
  @callback relaunch(term) :: pid
  @type handle :: wrap(pid)
  @spec launch_many([(-> any)]) :: [pid] when x: term

  def launch(fun) do
    start(fun)
  end

  def launch(a, b) when guarded(a), do: start(a, b)

  defp relay(fun), do: start(fun)

  defmacro mlaunch(ast), do: quote(do: start(unquote(ast)))

  defguard small(x) when is_integer(x) and x < 10

  defdelegate forward(fun), to: Other

  @timeout compute(5)

  Enum.each([1], fn i -> start(i) end)
end
`)
	cases := []struct {
		text string
		want bool
	}{
		{"launch((-> any))", false},
		{"relaunch(term)", false},
		{"wrap(pid)", false},
		{"launch_many(", false},
		{"launch(fun)", false},
		{"start(fun)", true},
		{"launch(a, b)", false},
		{"guarded(a)", true},
		{"start(a, b)", true},
		{"relay(fun)", false},
		{"mlaunch(ast)", false},
		{"quote(", true},
		{"small(x)", false},
		{"is_integer(x)", true},
		{"forward(fun)", false},
		{"compute(5)", true},
		{"start(i)", true},
	}
	for _, c := range cases {
		n := find(f, "call", c.text)
		if n == nil {
			t.Fatalf("no call %q", c.text)
		}
		if got := InExpression(f, n); got != c.want {
			t.Errorf("InExpression(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}
