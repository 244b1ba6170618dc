package elixir

import (
	"strings"

	"github.com/otpls/otpls/analysis/source"
)

// Blocking describes a call that can block its process for an unbounded time
// (docs/rules/OTP003.md): HTTP requests, socket connect/recv/accept, sleeps, external
// commands, awaits. The set is named function by function: a client's constructors and
// closers (`Req.new`, `Tesla.client`, `Mint.HTTP.close`) do no I/O. One definition serves
// every rule that asks "is this slow?".
func Blocking(module, name string) (what string, ok bool) {
	switch module {
	case "HTTPoison", "Tesla":
		ok = httpRequests[strings.TrimSuffix(name, "!")]
	case "Req":
		bare := strings.TrimSuffix(name, "!")
		ok = httpRequests[bare] || bare == "run"
	case "Finch":
		ok = name == "request" || name == "request!" || name == "stream" || name == "stream_while"
	case "Mint.HTTP", "Mint.HTTP1", "Mint.HTTP2":
		ok = name == "connect" || name == "request" || name == "recv"
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
	}
	if !ok {
		return "", false // most calls: no name is built for them
	}
	return module + "." + name, true
}

// httpRequests are the request functions of the HTTP clients (each also in a `!` form).
var httpRequests = map[string]bool{"get": true, "post": true, "put": true, "patch": true, "delete": true, "head": true, "options": true, "request": true}

// StartsProcess reports whether a call runs its function argument in another process
// (so slow work inside that function does not block the caller). Task's other functions
// (await, yield, shutdown) take a task, not a function, and run in the caller.
func StartsProcess(module, name string) bool {
	switch module {
	case "Task":
		return taskStarts[name]
	case "Task.Supervisor":
		return taskStarts[name] || strings.HasPrefix(name, "async")
	case "":
		return name == "spawn" || name == "spawn_link" || name == "spawn_monitor"
	case "Kernel", "Process":
		return strings.HasPrefix(name, "spawn")
	}
	return false
}

// taskStarts are the Task (and Task.Supervisor) functions that run a function in a task.
var taskStarts = map[string]bool{"async": true, "async_stream": true, "start": true, "start_link": true, "start_child": true, "child_spec": true}

// RunsFunElsewhere reports whether a call runs a function argument in another process
// than the caller's: StartsProcess, and Agent's functions, which run theirs in the agent.
func RunsFunElsewhere(module, name string) bool {
	return StartsProcess(module, name) || module == "Agent"
}

// HandedOff returns the call that runs n in another process: n lies inside an anonymous
// function or capture passed as an argument to a call for which StartsProcess holds
// (`Task.start(fn -> n end)`). The climb stops at stop (the enclosing form), so ok is false
// when n runs in the process of the function it is written in.
func HandedOff(f *source.File, n, stop *source.Node) (*Call, bool) {
	return handedOffBy(f, n, stop, StartsProcess)
}

func handedOffBy(f *source.File, n, stop *source.Node, starts func(module, name string) bool) (*Call, bool) {
	for p := n; p != nil && p != stop; p = p.Parent() {
		if !IsFun(p) || p.Parent() == nil || p.Parent().Type() != "arguments" {
			continue
		}
		if c, ok := AsCall(f, p.Parent().Parent()); ok && starts(c.Module, c.Name) {
			return c, true
		}
	}
	return nil, false
}

// IsFun reports whether n is a function value written in place: `fn ... end` or a
// capture (`&f/1`, `&g(&1)`).
func IsFun(n *source.Node) bool {
	return n.Type() == "anonymous_function" || n.Type() == "unary_operator" && Operator(n) == "&"
}

// SlowWork describes a call that makes a message handler slow (docs/rules/OTP007.md): the
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
