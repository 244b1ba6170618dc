package workspace_test

import (
	"runtime/debug"
	"strings"
	"testing"

	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/workspace"
)

// Parsing, summarising and every rule walk a syntax tree of any depth without recursing
// once per level (the tree is a flat array; walks are loops over it): a 2,000,000-deep
// file (4 MB, the default size limit) analyses with Go's default stack, and here 50,000
// levels of each shape analyse within a 2 MB stack, which any function recursing once per
// level (40 bytes of stack or more a call) would overflow.
func TestDeepNestingAnalyses(t *testing.T) {
	defer debug.SetMaxStack(debug.SetMaxStack(2 << 20))
	const n = 50_000
	body := func(open, inner, close string) string {
		return "defmodule Deep do\n  use GenServer\n  def handle_call(x, _from, s) do\n    " +
			strings.Repeat(open, n) + inner + strings.Repeat(close, n) + "\n  end\nend\n"
	}
	shapes := map[string]string{
		"top-level lists": strings.Repeat("[", n) + strings.Repeat("]", n),
		"lists":           body("[", "x", "]"),
		"keywords":        body("[a: ", "x", "]"),
		"tuples":          body("{", "x", "}"),
		"calls":           body("g(", "x", ")"),
		"anonymous fns":   body("fn -> ", "x", " end"),
		"maps":            body("%{a: ", "x", "}"),
		"pipes":           "defmodule Deep do\n  def f(x) do\n    x" + strings.Repeat(" |> g()", n) + "\n  end\nend\n",
	}
	for name, text := range shapes {
		t.Run(name, func(t *testing.T) {
			ws := index.NewWorkspace(allFacts...)
			_, diags := workspace.Check(ws, "/p/lib/deep.ex", text, workspace.RunOptions{})
			for _, d := range diags {
				if d.Code == "OTP000" {
					t.Errorf("a rule failed: %s", d.Message)
				}
			}
		})
	}
}
