package elixir

import (
	"strings"

	"github.com/otpls/otpls/analysis/source"
)

// Blocking describes a call that can block its process for an unbounded time (RULES.md
// OTP003): HTTP clients, socket connect/recv, sleeps, external commands, awaits. One
// definition serves every rule that asks "is this slow?".
func Blocking(module, name string) (what string, ok bool) {
	switch module {
	case "HTTPoison", "Req", "Tesla":
		ok = true
	case "Finch":
		ok = name == "request" || name == "request!" || name == "stream"
	case ":httpc", ":hackney":
		ok = name == "request"
	case ":gen_tcp", ":ssl":
		ok = name == "connect" || name == "recv" || name == "accept"
	case "Process", ":timer":
		ok = name == "sleep"
	case "System":
		ok = name == "cmd" || name == "shell"
	case ":os":
		ok = name == "cmd"
	case "Task":
		ok = name == "await" || name == "await_many" || name == "yield_many"
	default:
		ok = strings.HasPrefix(module, "Mint.HTTP")
	}
	if !ok {
		return "", false // most calls: no name is built for them
	}
	return module + "." + name, true
}

// StartsProcess reports whether a call runs its function argument in another process
// (so slow work inside that function does not block the caller).
func StartsProcess(module, name string) bool {
	switch module {
	case "Task", "Task.Supervisor":
		return true
	case "":
		return name == "spawn" || name == "spawn_link" || name == "spawn_monitor"
	case "Kernel", "Process":
		return strings.HasPrefix(name, "spawn")
	}
	return false
}

// HandedOff returns the call that runs n in another process: n lies inside an anonymous
// function or capture passed as an argument to a call for which StartsProcess holds
// (`Task.start(fn -> n end)`). The climb stops at stop (the enclosing form), so ok is false
// when n runs in the process of the function it is written in.
func HandedOff(f *source.File, n, stop *source.Node) (*Call, bool) {
	for p := n; p != nil && p != stop; p = p.Parent() {
		isFun := p.Type() == "anonymous_function" || p.Type() == "unary_operator" && Operator(p) == "&"
		if !isFun || p.Parent() == nil || p.Parent().Type() != "arguments" {
			continue
		}
		if c, ok := AsCall(f, p.Parent().Parent()); ok && StartsProcess(c.Module, c.Name) {
			return c, true
		}
	}
	return nil, false
}

// SlowWork describes a call that makes a message handler slow (RULES.md OTP007): the
// Blocking set, file I/O (`File.*`, `:file.*`, `IO.write/binwrite` to a device) and
// database calls through an Ecto repo (a module named `Repo` or `*.Repo`). module is
// resolved; arity counts a piped-in argument.
func SlowWork(module, name string, arity int) (what string, ok bool) {
	if what, ok := Blocking(module, name); ok {
		return what, true
	}
	switch {
	case module == "File", module == ":file",
		module == "IO" && (name == "write" || name == "binwrite") && arity == 2,
		module == "Repo" || strings.HasSuffix(module, ".Repo"):
		return module + "." + name, true
	}
	return "", false
}
