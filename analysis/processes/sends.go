package processes

import (
	"strings"

	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/source"
)

// Kind is the kind of message a send makes, which decides the callback that takes it.
type Kind uint8

const (
	Call Kind = iota + 1 // GenServer.call: handle_call/3
	Cast                 // GenServer.cast: handle_cast/2
	Info                 // send/2, Process.send_after: handle_info/2
)

// Callback is the callback that takes messages of kind k, as "name/arity".
func (k Kind) Callback() string {
	switch k {
	case Call:
		return "handle_call/3"
	case Cast:
		return "handle_cast/2"
	case Info:
		return "handle_info/2"
	}
	return ""
}

// KindOf reports the kind of message c sends; the target is c.Args[0] and the message
// c.Args[1]. GenServer.call/2,3, GenServer.cast/2 (and :gen_server's), send/2
// (Kernel.send/2), Process.send/3, Process.send_after/3,4, :erlang.send/2,3.
func KindOf(c *elixir.Call) (Kind, bool) {
	n := len(c.Args)
	switch c.Module {
	case "GenServer", ":gen_server":
		switch {
		case c.Name == "call" && (n == 2 || n == 3):
			return Call, true
		case c.Name == "cast" && n == 2:
			return Cast, true
		}
	case "", "Kernel":
		if c.Name == "send" && n == 2 {
			return Info, true
		}
	case "Process":
		if c.Name == "send" && n == 3 || c.Name == "send_after" && (n == 3 || n == 4) {
			return Info, true
		}
	case ":erlang":
		if c.Name == "send" && (n == 2 || n == 3) {
			return Info, true
		}
	}
	return 0, false
}

// Send is one send site of a module, as written: where it is, what it sends and to whom.
type Send struct {
	Kind Kind
	// Target is the target resolved as far as one module can: a module name, an atom
	// (":cache", a registered name the workspace resolves), "" when unknown.
	Target string
	// Shape is the message's index.MessageShape, "" when it is built at run time.
	Shape string
	// At is the whole send call.
	At index.Span
	// From is the "name/arity" of the function it is written in ("" at module level), and
	// Public whether that function is public.
	From   string
	Public bool
}

// Sends are a module's send sites.
type Sends struct {
	Sites []Send
}

// wraps reports whether the send makes its function an API wrapper of module m: a
// public function sending to m itself (by name, `__MODULE__`, or a name m registers), so
// a call of the function is that send.
func (s Send) wraps(m *index.Module) bool {
	if !s.Public || s.Target == "" {
		return false
	}
	if s.Target == m.Name {
		return true
	}
	for _, n := range m.RegisteredNames {
		if n == s.Target {
			return true
		}
	}
	return false
}

// SendFact is read from every module's own forms, so the model sees a closed file's sends
// without its tree. It reads the file's call table (made once per file version, and
// already made by the summary), so a keystroke pays only for the sends of the changed
// file.
var SendFact = index.NewFact("processes.sends", func(ms index.ModuleSource) (Sends, bool) {
	var out Sends
	for _, form := range ms.Forms {
		from, public := "", false
		if d, ok := elixir.AsDef(ms.File, form); ok {
			from, public = d.ID(), d.Public()
		}
		calls := elixir.CallsIn(ms.File, form)
		for i := range calls {
			c := &calls[i]
			k, ok := KindOf(c)
			if !ok {
				continue
			}
			out.Sites = append(out.Sites, Send{
				Kind:   k,
				Target: strings.Clone(targetIn(ms, form, from, c)), // the fact outlives the text
				Shape:  index.MessageShape(ms.File, elixir.Unwrap(c.Args[1])),
				At:     ms.Span(c.Node),
				From:   from,
				Public: public,
			})
		}
	}
	return out, len(out.Sites) > 0
})

// targetIn reads the target of send c, written in function from of a module: as OTP014
// reads it (TargetOf), else a module attribute holding a module or an atom (`@server
// MyApp.Cache`), else `self()` in a GenServer's callback or private function run by the
// server itself (not handed to a Task or a spawn).
func targetIn(ms index.ModuleSource, form *source.Node, from string, c *elixir.Call) string {
	f, n := ms.File, c.Args[0]
	if t := TargetOf(f, ms.Syntax, n); t != "" {
		return t
	}
	u := elixir.Unwrap(n)
	if name, value, ok := elixir.Attribute(f, u); ok && value == nil {
		// The index keeps an atom's name ("hits") and a module's atom ("Elixir.Store.Cache").
		v, _ := ms.Summary.Attributes.Get(name)
		if mod, ok := strings.CutPrefix(v, "Elixir."); ok {
			return mod
		}
		if v != "" {
			return ":" + v
		}
		return ""
	}
	if inner, ok := elixir.AsCall(f, u); ok && inner.Module == "" && inner.Name == "self" && len(inner.Args) == 0 &&
		ms.Summary.GenServerCallbacks() && runByServer(ms.Summary, from) {
		if _, handed := elixir.HandedOff(f, c.Node, form); !handed {
			return ms.Summary.Name
		}
	}
	return ""
}

// runByServer reports whether function from of a GenServer module runs in the server's
// process: a callback, or a private function (called by the module's own code, most often
// its callbacks).
func runByServer(m *index.Module, from string) bool {
	name, _, _ := strings.Cut(from, "/")
	switch name {
	case "init", "handle_call", "handle_cast", "handle_info", "handle_continue", "terminate", "code_change":
		return true
	}
	fn := m.Function(name, arityOf(from))
	return fn != nil && !fn.Public
}

func arityOf(id string) int {
	_, a, _ := strings.Cut(id, "/")
	n := 0
	for _, r := range a {
		n = n*10 + int(r-'0')
	}
	return n
}
