package processes

import (
	"strings"

	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/source"
)

// Handlers are the message heads of a GenServer module's handle_call/3, handle_cast/2 and
// handle_info/2 clauses: which messages the server takes, and by which callback.
type Handlers struct {
	Calls, Casts, Infos []Head
	// Opaque: call or cast clauses may come from code no reader can see (a `use` of
	// another module, clauses made by a macro or a `for`, `@before_compile`): the module
	// may accept any call or cast (OTP014 reports nothing against it).
	Opaque bool
}

// Of returns the heads of the callback that takes messages of kind k.
func (h Handlers) Of(k Kind) []Head {
	switch k {
	case Call:
		return h.Calls
	case Cast:
		return h.Casts
	case Info:
		return h.Infos
	}
	return nil
}

// Head is one clause's message pattern.
type Head struct {
	// Shape is the pattern's index.MessageShape; "" for a pattern that can match messages
	// of any shape (a variable, a map, a pin).
	Shape string
	// Guarded: the clause has a guard, which a message of its shape may fail or pass.
	Guarded bool
	// Span is the whole clause; At is its head, from `def` to the end of the guard (where
	// an editor puts the cursor, a lens, or the answer of a jump).
	Span, At index.Span
}

// Matches reports whether the head can match a message of shape msg: the same shape, or a
// pattern that matches any shape. A message of unknown shape ("") is matched only by the
// latter, the one head it is sure to reach if nothing before takes it.
func (h Head) Matches(msg string) bool { return h.Shape == "" || h.Shape == msg }

// Accepts reports whether some head can match a message of shape msg.
func Accepts(heads []Head, msg string) bool {
	for _, h := range heads {
		if h.Matches(msg) {
			return true
		}
	}
	return false
}

// HandlerFact is read from each GenServer module's own forms when its file is summarised,
// so a send in another file is matched against the handlers as they are now. Each form's
// part (a handler clause's head, or whether it may hide clauses) depends on its text
// alone: an open document reads again only the forms that changed.
var HandlerFact = index.NewFormFact("processes.handlers", handlerPart, func(ms index.ModuleSource, parts index.FormParts[handlerForm]) (Handlers, bool) {
	if !ms.Summary.GenServerCallbacks() {
		return Handlers{}, false
	}
	// The heads are kept for the session: each list is made at its size, where appending
	// left a quarter of it unused on average.
	all := parts.All()
	var n [Info + 1]int
	for _, p := range all {
		n[p.Value.kind]++
	}
	h := Handlers{Calls: heads(n[Call]), Casts: heads(n[Cast]), Infos: heads(n[Info])}
	for _, p := range all {
		hf := p.Value
		if hf.kind == 0 {
			h.Opaque = true
			continue
		}
		head := Head{Shape: hf.shape, Guarded: hf.guarded, Span: p.Span(ms, hf.span), At: p.Span(ms, hf.at)}
		switch hf.kind {
		case Call:
			h.Calls = append(h.Calls, head)
		case Cast:
			h.Casts = append(h.Casts, head)
		case Info:
			h.Infos = append(h.Infos, head)
		}
	}
	return h, true
})

// heads returns an empty list with room for n heads, nil for none.
func heads(n int) []Head {
	if n == 0 {
		return nil
	}
	return make([]Head, 0, n)
}

// handlerForm is a form's part of HandlerFact: a handler clause of kind (Call, Cast,
// Info), or (kind 0) a form that may hide call or cast clauses.
type handlerForm struct {
	kind     Kind
	shape    string
	guarded  bool
	span, at index.FormSpan
}

func handlerPart(fs index.FormSource) (handlerForm, bool) {
	d, ok := elixir.AsDef(fs.File, fs.Form)
	var kind Kind
	switch {
	case ok && d.Name == "handle_call" && d.Arity() == 3:
		kind = Call
	case ok && d.Name == "handle_cast" && d.Arity() == 2:
		kind = Cast
	case ok && d.Name == "handle_info" && d.Arity() == 2:
		kind = Info
	case ok:
		return handlerForm{}, false
	default:
		return handlerForm{}, hidesClauses(fs.File, fs.Form)
	}
	end := d.Head.End()
	if d.Guard != nil {
		end = max(end, d.Guard.End())
	}
	return handlerForm{kind: kind, shape: index.MessageShape(fs.File, d.Params[0]), guarded: d.Guard != nil,
		span: fs.Rel(d.Node), at: fs.RelRange(d.Node.Start(), end)}, true
}

// hidesClauses reports whether a module form that is not a def may define or inject call
// or cast clauses: a `use` other than GenServer's (its __using__ may define them),
// `@before_compile`, or any other form whose text mentions those handlers (a macro or a
// `for` that generates clauses).
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
