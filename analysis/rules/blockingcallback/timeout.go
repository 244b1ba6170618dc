package blockingcallback

import (
	"strconv"
	"strings"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/source"
)

// maxBoundSteps is how many variables, attributes and defaults are followed to find what
// an await's timeout is.
const maxBoundSteps = 4

// awaitBound says how long an await (Task.await/2, Task.await_many/2, Task.yield_many/2)
// waits at most, when its timeout is finite: a number literal (`5_000`,
// `:timer.minutes(1)`, `2 * 1000`), a module attribute holding one, a read of the
// application's config, or a variable bound to one of those (a parameter with a default
// value, an earlier `timeout = ...` in the same function, `opts[:t] || 5_000`,
// `Keyword.get(opts, :t, 5_000)`). ok is false for `:infinity`, for the default timeout (the
// await's own arity-1 form) and for anything not seen (docs/rules/OTP003.md).
func awaitBound(p *analysis.Pass, em *elixir.Module, await *source.Node) (string, bool) {
	c, ok := elixir.AsCall(p.File, await)
	if !ok || len(c.Args) != 2 {
		return "", false
	}
	t := elixir.Unwrap(c.Args[1])
	if t.Type() == "keywords" || t.Type() == "list" {
		t = elixir.KeywordValue(p.File, t, "timeout") // yield_many(tasks, timeout: n, ...)
		if t == nil {
			return "", false
		}
	}
	b := bounds{p: p, em: em, at: c.Node}
	return b.of(t, maxBoundSteps)
}

// bounds reads a timeout expression written at node at.
type bounds struct {
	p  *analysis.Pass
	em *elixir.Module
	at *source.Node
}

func (b bounds) of(n *source.Node, steps int) (string, bool) {
	n = elixir.Unwrap(n)
	if n == nil || steps == 0 {
		return "", false
	}
	if ms, ok := b.millis(n, steps); ok {
		return strconv.FormatInt(ms, 10) + " ms", true
	}
	f := b.p.File
	switch n.Type() {
	case "binary_operator":
		if elixir.Operator(n) == "||" {
			return b.of(n.Child("right"), steps-1) // `opts[:timeout] || 5_000`: the fallback
		}
	case "identifier":
		return b.of(b.variable(f.Slice(n)), steps-1)
	case "call":
		c, ok := elixir.AsCall(f, n)
		if !ok {
			break
		}
		switch module := b.em.Resolve(c.Module); {
		case module == "Application" && configRead[c.Name]:
			return "a configured timeout (" + elixir.FuncID(c.Qualified(), c.Arity()) + ")", true
		case (module == "Keyword" || module == "Map") && c.Name == "get" && len(c.Args) == 3:
			return b.of(c.Args[2], steps-1)
		}
	}
	return "", false
}

// configRead are the Application functions that read the application's environment.
var configRead = map[string]bool{"get_env": true, "fetch_env!": true, "compile_env": true, "compile_env!": true}

// millis evaluates a number of milliseconds: an integer literal, `:timer.seconds(n)`
// (minutes, hours), a product of those, or a module attribute set to one.
func (b bounds) millis(n *source.Node, steps int) (int64, bool) {
	n = elixir.Unwrap(n)
	if n == nil || steps == 0 {
		return 0, false
	}
	f := b.p.File
	switch n.Type() {
	case "integer":
		v, err := strconv.ParseInt(strings.ReplaceAll(f.Slice(n), "_", ""), 10, 64)
		return v, err == nil
	case "binary_operator":
		if elixir.Operator(n) != "*" {
			return 0, false
		}
		l, ok1 := b.millis(n.Child("left"), steps-1)
		r, ok2 := b.millis(n.Child("right"), steps-1)
		return l * r, ok1 && ok2
	case "unary_operator":
		if name, value, ok := elixir.Attribute(f, n); ok && value == nil {
			return b.millis(b.attribute(name), steps-1)
		}
	case "call":
		c, ok := elixir.AsCall(f, n)
		if !ok || c.Module != ":timer" || len(c.Args) != 1 {
			return 0, false
		}
		unit := map[string]int64{"seconds": 1_000, "minutes": 60_000, "hours": 3_600_000}[c.Name]
		v, ok := b.millis(c.Args[0], steps-1)
		return v * unit, ok && unit != 0
	}
	return 0, false
}

// attribute is the value of the module's `@name value`, nil when it sets none.
func (b bounds) attribute(name string) *source.Node {
	for form := range b.em.Body.Children() {
		if n, value, ok := elixir.Attribute(b.p.File, form); ok && n == name && value != nil {
			return value
		}
	}
	return nil
}

// variable is what name holds where the await is written: the default value of a
// parameter of the enclosing function (`timeout \\ 5_000`), or the right side of the last
// `name = ...` before the await in that function. nil when neither is seen.
func (b bounds) variable(name string) *source.Node {
	f := b.p.File
	d, ok := elixir.EnclosingDef(f, b.at)
	if !ok {
		return nil
	}
	for _, param := range d.Params {
		if param.Type() == "binary_operator" && elixir.Operator(param) == `\\` && f.Slice(param.Child("left")) == name {
			return param.Child("right")
		}
	}
	var value *source.Node
	if d.Body == nil {
		return nil
	}
	d.Body.Walk(func(n *source.Node) bool {
		if n.Start() >= b.at.Start() {
			return false
		}
		if n.Type() == "binary_operator" && elixir.Operator(n) == "=" && f.Slice(n.Child("left")) == name {
			value = n.Child("right")
		}
		return true
	})
	return value
}
