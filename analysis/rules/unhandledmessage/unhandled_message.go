// Package unhandledmessage is OTP011 unhandled-message: a GenServer defines its own
// handle_info/2 clauses, none of them a catch-all, and itself creates a message source
// (a monitor, a task, trapped exits, a timer or send to itself, an active socket, a port)
// whose messages no clause can match: the first one crashes the server.
package unhandledmessage

import (
	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/source"
)

// Analyzer is OTP011.
var Analyzer = &analysis.Analyzer{
	Code:     "OTP011",
	Name:     "unhandled-message",
	Title:    "A message the server creates that no handle_info/2 clause matches",
	Severity: analysis.Error,
	InTests:  analysis.RunInTests,
	Doc:      doc,
	Run:      run,
}

// maxDepth is how far through same-module helpers a callback is followed (the
// Conventions' "reached from a callback").
const maxDepth = 3

func run(p *analysis.Pass) {
	for _, em := range p.Modules {
		ms := p.ModuleSummary(em)
		if ms == nil || !ms.Is("GenServer") || em.Body == nil {
			continue
		}
		m, ok := readModule(p, em, ms)
		if !ok {
			continue
		}
		m.check()
	}
}

// module is what the rule reads of one GenServer module.
type module struct {
	p     *analysis.Pass
	em    *elixir.Module
	attrs index.Attributes // module attributes holding atoms
	defs  map[string][]elixir.Def
	// handlers are the module's handle_info/2 clauses, in source order.
	handlers []elixir.Def
	// candidates are the calls that create a message source, wherever they run.
	candidates []msgSource
	// receives are the module's `receive` expressions: a message one of them can take may
	// be taken there, not by handle_info/2.
	receives []*elixir.Call
	// awaitsTasks: the module awaits, yields, shuts down or ignores tasks somewhere; a
	// task's reply may be taken there.
	awaitsTasks bool
	// handsOffSockets: the module passes a socket to another process somewhere.
	handsOffSockets bool
	// links are the calls that link the caller to a process that ends (see linksEnding).
	links []*elixir.Call
	// inServer maps the calls that run in the server process to the callback that reaches
	// them (and the helpers in between); read when first needed.
	inServer map[*source.Node]reach
}

// reach is how a call is reached from a callback.
type reach struct {
	callback string   // "handle_call/3"
	chain    []string // the helpers followed, "load/1", ...
}

// readModule reads the module in one pass over its calls. ok is false when the rule has
// nothing to say about it: no handle_info/2 of its own (use GenServer's default logs and
// drops unknown messages), handle_info/2 clauses it cannot all see, or no call that
// creates a message source.
func readModule(p *analysis.Pass, em *elixir.Module, ms *index.Module) (*module, bool) {
	defs, _ := p.Defs(em)
	m := &module{p: p, em: em, attrs: ms.Attributes, defs: defs}
	for _, d := range defs["handle_info/2"] {
		if d.Kind == "def" {
			m.handlers = append(m.handlers, d)
		}
	}
	if len(m.handlers) == 0 {
		return nil, false
	}
	calls := p.CallsIn(em.Body)
	for i := range calls {
		c := &calls[i]
		if !interesting(c.Name) {
			continue
		}
		if c.Module == "" && c.Name == "def" {
			// Nearly every def is a clause of the module's own forms: only a handle_info/2
			// clause elsewhere needs its module found.
			if d, ok := elixir.AsDef(p.File, c.Node); ok && d.ID() == "handle_info/2" && d.Node.Parent() != em.Body && p.Module(c.Node) == em {
				return nil, false // a clause inside a block or a quote: not all clauses are seen
			}
			continue
		}
		if p.Module(c.Node) != em {
			continue
		}
		mod := em.Resolve(c.Module)
		if linksEnding(p.File, c, mod) {
			m.links = append(m.links, c)
		}
		switch {
		case c.Module == "" && c.Name == "receive" && c.DoBlock() != nil:
			m.receives = append(m.receives, c)
		case (mod == "Task" || mod == "Task.Supervisor") && taskTakers[c.Name]:
			m.awaitsTasks = true
		case (mod == ":gen_tcp" || mod == ":ssl") && c.Name == "controlling_process":
			m.handsOffSockets = true
		default:
			if s, ok := sourceOf(p.File, c, mod, m.attrs); ok && elixir.InExpression(p.File, c.Node) {
				m.candidates = append(m.candidates, s)
			}
		}
	}
	// Whether other code can add clauses is asked last: most modules create no source.
	return m, len(m.candidates) > 0 && m.handlersComplete()
}

// interesting reports whether readModule looks at a call of that name; every other call
// is skipped before its module is resolved. (A switch: it is asked of every call of the
// module on each keystroke, and hashing the name cost more.)
func interesting(name string) bool {
	switch name {
	case "receive", "def", "controlling_process",
		"await", "await_many", "yield", "yield_many", "shutdown", "ignore",
		"monitor", "spawn_monitor", "async", "async_nolink", "flag", "process_flag",
		"send", "send_after", "send_interval", "connect", "open", "open_port":
		return true
	}
	return false
}

// taskTakers are the Task functions that take a task's reply (or drop it) in the caller.
var taskTakers = map[string]bool{"await": true, "await_many": true, "yield": true, "yield_many": true, "shutdown": true, "ignore": true}

// handlersComplete reports whether the module's handle_info/2 clauses are all written in
// it: a `@before_compile` hook, or a `use` of a module that may install one, can add
// clauses (a catch-all among them) after the module's own, and a macro called among the
// module's forms (`on_message :tick do ... end`) can define some.
func (m *module) handlersComplete() bool {
	f := m.p.File
	for form := range m.em.Body.Children() {
		if name, _, ok := elixir.Attribute(f, form); ok && name == "before_compile" {
			return false
		}
		c, ok := elixir.AsCall(f, form)
		if !ok || c.Module != "" {
			continue
		}
		if c.Name == "use" && len(c.Args) > 0 && !m.usesKnown(m.em.Resolve(elixir.ModuleName(f, c.Args[0]))) {
			return false
		}
		if !moduleForms[c.Name] {
			return false
		}
	}
	return true
}

// usesKnown reports whether a `use` of module used adds no handle_info/2 clause after the
// module's own: GenServer's are overridable, and a workspace module, read from the index,
// hooks in only through a __before_compile__ macro of its own. Another library's is not
// known.
func (m *module) usesKnown(used string) bool {
	if used == "GenServer" {
		return true
	}
	if m.p.Index == nil {
		return false
	}
	um := m.p.Index.Module(used)
	return um != nil && um.Function("__before_compile__", 1) == nil
}

// moduleForms are the Kernel macros written among a module's forms that define no
// function but the one they name (a def's clauses are read as such).
var moduleForms = map[string]bool{
	"def": true, "defp": true, "defmacro": true, "defmacrop": true, "defguard": true, "defguardp": true,
	"defdelegate": true, "defstruct": true, "defexception": true, "defoverridable": true,
	"defmodule": true, "defimpl": true, "defprotocol": true, "defrecord": true, "defrecordp": true,
	"use": true, "import": true, "require": true, "alias": true,
	"if": true, "unless": true, "for": true, "case": true, "cond": true, "with": true,
}

// check reports each source that runs in the server and delivers a message no
// handle_info/2 clause can match.
func (m *module) check() {
	for _, s := range m.candidates {
		missing, why := m.unhandled(&s)
		if len(missing) == 0 {
			continue // most sources: matched, and no callback needs walking
		}
		r, ok := m.serverReach(s.call.Node)
		if !ok {
			continue // runs in the caller's process, or in another one
		}
		s.reach = r
		m.report(s, missing, why)
	}
}

// serverReach tells whether the call n runs in the server process: it is written in a
// callback (terminate/2 aside: nothing is handled after it), or in a function of the
// module a callback reaches, outside any function handed to another process. A public
// function no callback calls runs in its caller's process (a client API).
func (m *module) serverReach(n *source.Node) (reach, bool) {
	if m.inServer == nil {
		m.inServer = map[*source.Node]reach{}
		_, order := m.p.Defs(m.em)
		for _, d := range order {
			id := d.ID()
			if d.Kind != "def" || !elixir.Callbacks[id] || id == "terminate/2" {
				continue
			}
			elixir.Reach(m.p.File, m.defs, d.Body, maxDepth, func(c *elixir.Call, chain []string) bool {
				if _, seen := m.inServer[c.Node]; !seen {
					m.inServer[c.Node] = reach{callback: id, chain: chain}
				}
				return true
			})
		}
	}
	r, ok := m.inServer[n]
	return r, ok
}

// unhandled returns the shapes of s's messages that neither a handle_info/2 clause nor a
// receive of the module can match, and a note on when they arrive ("" when they simply
// do).
func (m *module) unhandled(s *msgSource) ([]shape, string) {
	if s.kind == taskSource || s.kind == nolinkSource {
		return m.unhandledTask(*s)
	}
	missing := m.unmatched(s.shapes)
	if len(missing) == 0 {
		return nil, ""
	}
	switch s.kind {
	case trapExitSource:
		if !m.linksEndingProcess(s) {
			return nil, ""
		}
	case monitorSource:
		if m.demonitoredIn(s.from) {
			return nil, ""
		}
	case socketSource:
		if m.handsOffSockets || m.callsIn(s.from, closes(":gen_tcp", ":ssl")) {
			return nil, ""
		}
	case portSource:
		if m.callsIn(s.from, closes("Port", ":erlang")) {
			return nil, ""
		}
	}
	return missing, ""
}

// unmatched filters shapes to those no handle_info/2 clause and no receive can match.
func (m *module) unmatched(shapes []shape) []shape {
	var out []shape
	for _, sh := range shapes {
		if !m.handled(sh) {
			out = append(out, sh)
		}
	}
	return out
}

// handled reports whether some handle_info/2 clause, or some receive clause of the
// module, may match a message of shape sh.
func (m *module) handled(sh shape) bool {
	f := m.p.File
	for _, d := range m.handlers {
		if mayMatch(f, d.Params[0], sh, m.attrs) {
			return true
		}
	}
	for _, r := range m.receives {
		for clause := range r.DoBlock().Children() {
			if clause.Type() != "stab_clause" {
				continue
			}
			if pat := elixir.ClausePattern(clause); pat == nil || mayMatch(f, pat, sh, m.attrs) {
				return true
			}
		}
	}
	return false
}

// unhandledTask: a task not awaited delivers its reply `{ref, result}` when it ends, then
// the `:DOWN` of the monitor the task has on it unless the clause taking the reply calls
// Process.demonitor(ref, [:flush]); a task started with async_nolink delivers a `:DOWN`
// when it fails too.
func (m *module) unhandledTask(s msgSource) ([]shape, string) {
	if m.awaitsTasks {
		return nil, "" // the reply may be taken by an await, wherever it is
	}
	if !m.handled(replyShape) {
		missing := []shape{replyShape}
		if s.kind == nolinkSource && !m.handled(downShape) {
			missing = append(missing, downShape)
		}
		return missing, ""
	}
	if m.handled(downShape) {
		return nil, ""
	}
	if !m.replyDemonitors() {
		return []shape{downShape}, "after its reply (no handle_info/2 clause that may take the reply calls Process.demonitor)"
	}
	if s.kind == nolinkSource {
		return []shape{downShape}, "when the task fails"
	}
	return nil, ""
}

// replyDemonitors reports whether a handle_info/2 clause that may take a task's reply
// calls Process.demonitor (itself or through the module's functions it calls).
func (m *module) replyDemonitors() bool {
	for _, d := range m.handlers {
		if !mayMatch(m.p.File, d.Params[0], replyShape, m.attrs) {
			continue
		}
		found := false
		elixir.Reach(m.p.File, m.defs, d.Body, maxDepth, func(c *elixir.Call, _ []string) bool {
			found = found || c.Name == "demonitor" && (m.em.Resolve(c.Module) == "Process" || c.Module == ":erlang")
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

// demonitoredIn reports whether the function d removes a monitor (Process.demonitor):
// a monitor it creates there is short-lived, its lifetime managed there.
func (m *module) demonitoredIn(d elixir.Def) bool {
	return m.callsIn(d, func(mod, name string) bool {
		return name == "demonitor" && (mod == "Process" || mod == ":erlang")
	})
}

// closes matches the close function of the modules given (`:gen_tcp.close`, `Port.close`,
// `:erlang.port_close`).
func closes(mods ...string) func(mod, name string) bool {
	return func(mod, name string) bool {
		for _, x := range mods {
			if mod == x && (name == "close" || name == "port_close") {
				return true
			}
		}
		return false
	}
}

// callsIn reports whether the function clause d calls something match accepts.
func (m *module) callsIn(d elixir.Def, match func(mod, name string) bool) bool {
	calls := m.p.CallsIn(d.Node)
	for i := range calls {
		if match(m.em.Resolve(calls[i].Module), calls[i].Name) {
			return true
		}
	}
	return false
}
