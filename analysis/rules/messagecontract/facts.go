package messagecontract

import (
	"strings"

	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/source"
)

// handlers are the request heads of a GenServer module's handle_call/3 and handle_cast/2
// clauses: which messages the server accepts, and of which kind.
type handlers struct {
	calls, casts []head
	// opaque: clauses may come from code the rule cannot read (a `use` of another module,
	// clauses made by a macro or a `for`, `@before_compile`): the module may accept any
	// message, so nothing is reported against it (docs/rules/OTP014.md).
	opaque bool
}

// head is one clause's request pattern.
type head struct {
	// shape is the pattern's index.MessageShape; "" for a pattern that can match messages
	// of any shape (a variable, a map, a pin).
	shape string
	// guarded: the clause has a guard, which a message of its shape may fail or pass.
	guarded bool
	span    index.Span
}

// accepts reports whether some head can match a message of shape msg, and whether every
// message passes (a catch-all head).
func accepts(heads []head, msg string) bool {
	for _, h := range heads {
		if h.shape == "" || h.shape == msg {
			return true
		}
	}
	return false
}

// handlerFact is read from each GenServer module's own forms when its file is summarised,
// so a send in another file is checked against the handler as it is now.
var handlerFact = index.NewFact("OTP014.handlers", func(ms index.ModuleSource) (handlers, bool) {
	if !ms.Summary.GenServerCallbacks() {
		return handlers{}, false
	}
	var h handlers
	for _, form := range ms.Forms {
		d, ok := elixir.AsDef(ms.File, form)
		switch {
		case ok && d.Name == "handle_call" && d.Arity() == 3:
			h.calls = append(h.calls, headOf(ms, d))
		case ok && d.Name == "handle_cast" && d.Arity() == 2:
			h.casts = append(h.casts, headOf(ms, d))
		case ok:
		case hidesClauses(ms.File, form):
			h.opaque = true
		}
	}
	return h, true
})

func headOf(ms index.ModuleSource, d elixir.Def) head {
	return head{shape: index.MessageShape(ms.File, d.Params[0]), guarded: d.Guard != nil, span: ms.Span(d.Node)}
}

// hidesClauses reports whether a module form that is not a def may define or inject
// handler clauses: a `use` other than GenServer's (its __using__ may define them),
// `@before_compile`, or any other form whose text mentions a handler (a macro or a `for`
// that generates clauses).
func hidesClauses(f *source.File, form *source.Node) bool {
	if form.Type() == "comment" {
		return false
	}
	if c, ok := elixir.AsCall(f, form); ok && c.Module == "" && c.Name == "use" && len(c.Args) > 0 {
		name := f.Slice(c.Args[0])
		return name != "GenServer"
	}
	if name, _, ok := elixir.Attribute(f, form); ok {
		return name == "before_compile"
	}
	text := f.Slice(form)
	return strings.Contains(text, "handle_call") || strings.Contains(text, "handle_cast")
}

// serverOf finds the GenServer module a send's target names: the module itself (a module
// name or __MODULE__, resolved), or the one module of the workspace that registers an atom
// name; nil when the target is not known exactly (a pid, a via tuple, a name two modules
// register, a module defined twice).
var registrants = index.NewView("OTP014.registrants", func(s *index.Snapshot) map[string][]string {
	out := map[string][]string{}
	s.Modules(func(m *index.Module) {
		for _, n := range m.RegisteredNames {
			if strings.HasPrefix(n, ":") {
				out[n] = append(out[n], m.Name)
			}
		}
	})
	return out
})
