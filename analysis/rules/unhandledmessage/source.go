package unhandledmessage

import (
	"slices"

	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/source"
)

// msgSource is a call that makes messages arrive in the mailbox of the process running it.
type msgSource struct {
	call   *elixir.Call
	what   string // the function called, its module resolved: "Process.monitor/1"
	kind   sourceKind
	shapes []shape // the messages it delivers
	from   elixir.Def
	reach  reach // how a callback reaches it (set once it is known to run in the server)
	// link is, for trapped exits, the call linking the server to a process that ends.
	link *elixir.Call
}

type sourceKind int

const (
	monitorSource  sourceKind = iota // Process.monitor, :erlang.monitor(:process, _), spawn_monitor
	taskSource                       // Task.async, Task.Supervisor.async: linked
	nolinkSource                     // Task.Supervisor.async_nolink
	trapExitSource                   // Process.flag(:trap_exit, true)
	sendSource                       // a literal message sent to self(), now or by a timer
	socketSource                     // :gen_tcp/:ssl connect with a literal active mode
	portSource                       // Port.open
)

// sourceOf reads c (its module resolved as mod) as a message source; ok is false for any
// other call, and for sources whose messages are not known (a message in a variable, an
// option list built at run time, a send to another process).
func sourceOf(f *source.File, c *elixir.Call, mod string, attrs index.Attributes) (msgSource, bool) {
	s := msgSource{call: c, what: elixir.FuncID(qualified(mod, c.Name), c.Arity())}
	args := c.Args
	switch {
	case mod == "Process" && c.Name == "monitor" && len(args) >= 1,
		mod == ":erlang" && c.Name == "monitor" && len(args) >= 2 && isAtom(f, args[0], "process"):
		down, ok := downOf(f, args[len(args)-1], len(args) == 1 || mod == ":erlang" && len(args) == 2, attrs)
		if !ok {
			return s, false
		}
		s.kind, s.shapes = monitorSource, []shape{down}
	case (mod == "" || mod == "Kernel" || mod == ":erlang" || mod == "Node") && c.Name == "spawn_monitor":
		s.kind, s.shapes = monitorSource, []shape{downShape}
	case mod == "Task" && c.Name == "async", mod == "Task.Supervisor" && c.Name == "async":
		s.kind, s.shapes = taskSource, []shape{replyShape}
	case mod == "Task.Supervisor" && c.Name == "async_nolink":
		s.kind, s.shapes = nolinkSource, []shape{replyShape, downShape}
	case (mod == "Process" && c.Name == "flag" || mod == ":erlang" && c.Name == "process_flag") && len(args) == 2 &&
		isAtom(f, args[0], "trap_exit") && isAtom(f, args[1], "true"):
		s.kind, s.shapes, s.what = trapExitSource, []shape{exitShape}, qualified(mod, c.Name)+"(:trap_exit, true)"
	case mod == ":gen_tcp" && c.Name == "connect", mod == ":ssl" && c.Name == "connect":
		if len(args) < 3 || !activeSocket(f, args[2]) {
			return s, false
		}
		pair := socketShapes[mod]
		s.kind, s.shapes = socketSource, pair[:]
	case mod == "Port" && c.Name == "open", mod == ":erlang" && c.Name == "open_port":
		shapes, ok := portShapes(f, args)
		if !ok {
			return s, false
		}
		s.kind, s.shapes = portSource, shapes
	default:
		msg, ok := selfMessage(f, c, mod)
		if !ok {
			return s, false
		}
		sh, ok := literalShape(f, msg, attrs)
		if !ok {
			return s, false
		}
		s.kind, s.shapes = sendSource, []shape{sh}
	}
	d, ok := elixir.EnclosingDef(f, c.Node)
	if !ok {
		return s, false
	}
	s.from = d
	return s, true
}

// downOf is the message a monitor delivers: `{:DOWN, ref, :process, pid, reason}`, or with
// a `tag:` option (OTP 27) the tag in place of :DOWN. opts is the option list, unless
// bare (the call has none); ok is false when the options are not a literal list, or the
// tag not a literal term.
func downOf(f *source.File, opts *source.Node, bare bool, attrs index.Attributes) (shape, bool) {
	if bare {
		return downShape, true
	}
	opts = elixir.Unwrap(opts)
	if opts == nil || opts.Type() != "list" {
		return shape{}, false
	}
	tag := optionValue(f, opts, "tag")
	if tag == nil {
		return downShape, true
	}
	sh, ok := literalShape(f, tag, attrs)
	if !ok {
		return shape{}, false
	}
	elems := slices.Clone(downShape.elems)
	elems[0] = sh
	return tuple(elems...), true
}

// optionValue is the value of an option in a literal list, written `key: v` or
// `{:key, v}`; nil when absent.
func optionValue(f *source.File, list *source.Node, key string) *source.Node {
	if v := elixir.KeywordValue(f, list, key); v != nil {
		return v
	}
	for _, el := range elixir.Elements(list) {
		if els := elixir.Elements(el); el.Type() == "tuple" && len(els) == 2 && isAtom(f, els[0], key) {
			return els[1]
		}
	}
	return nil
}

func qualified(mod, name string) string {
	if mod == "" {
		return name
	}
	return mod + "." + name
}

// selfMessage is the message argument of a send to the calling process itself:
// `send(self(), msg)`, `Process.send(self(), msg, opts)`, `Process.send_after(self(), msg,
// t)`, `:erlang.send_after(t, self(), msg)`, `:timer.send_after/send_interval(t, msg)` and
// their three-argument forms to self().
func selfMessage(f *source.File, c *elixir.Call, mod string) (*source.Node, bool) {
	args := c.Args
	switch {
	case (mod == "" || mod == "Kernel") && c.Name == "send" && len(args) == 2,
		(mod == "Process" || mod == ":erlang") && c.Name == "send" && len(args) == 3,
		mod == "Process" && c.Name == "send_after" && (len(args) == 3 || len(args) == 4):
		return args[1], elixir.IsSelfCall(f, args[0])
	case mod == ":erlang" && c.Name == "send_after" && (len(args) == 3 || len(args) == 4):
		return args[2], elixir.IsSelfCall(f, args[1])
	case mod == ":timer" && (c.Name == "send_after" || c.Name == "send_interval"):
		switch len(args) {
		case 2:
			return args[1], true
		case 3:
			return args[2], elixir.IsSelfCall(f, args[1])
		}
	}
	return nil, false
}

func isAtom(f *source.File, n *source.Node, name string) bool {
	a, ok := elixir.AtomName(f, n)
	return ok && a == name
}

// activeSocket reports whether a literal option list sets `active:` (or `{:active, v}`)
// to a literal other than false: the socket then sends its data as messages.
func activeSocket(f *source.File, opts *source.Node) bool {
	opts = elixir.Unwrap(opts)
	if opts == nil || opts.Type() != "list" {
		return false
	}
	v := optionValue(f, opts, "active")
	if v == nil {
		return false
	}
	if a, ok := elixir.AtomName(f, v); ok {
		return a == "true" || a == "once"
	}
	return v.Type() == "integer" && f.Slice(v) != "0"
}

// portShapes are the messages of Port.open(name, settings) with literal settings: the
// data it reads (unless opened `:out` only) and, with `:exit_status`, the status.
func portShapes(f *source.File, args []*source.Node) ([]shape, bool) {
	data, status, ok := portSettings(f, args)
	var out []shape
	if ok && data {
		out = append(out, portData)
	}
	if ok && status {
		out = append(out, portStatus)
	}
	return out, len(out) > 0
}

// portSettings reads the literal settings of Port.open(name, settings): whether the port
// reads data (it is not opened `:out` only) and reports its program's exit status.
func portSettings(f *source.File, args []*source.Node) (data, status, ok bool) {
	if len(args) != 2 {
		return false, false, false
	}
	settings := elixir.Unwrap(args[1])
	if settings == nil || settings.Type() != "list" {
		return false, false, false
	}
	data = true
	for _, el := range elixir.Elements(settings) {
		switch a, _ := elixir.AtomName(f, el); a {
		case "out":
			data = false
		case "exit_status":
			status = true
		}
	}
	return data, status, true
}

// linksEndingProcess finds, for trapped exits, a call in the server linking it to a
// process or port that surely ends: a task (Task.async, Task.Supervisor.async: it is
// started to return a result), or a port opened with :exit_status (its program is
// expected to exit). Its exit then arrives as `{:EXIT, pid, reason}`. A linked process
// that may run as long as the server (spawn_link, Task.start_link, a started server, a
// port to a daemon) proves nothing: its exit, if it ever comes, is a failure that would
// take the server down without the trap too.
func (m *module) linksEndingProcess(s *msgSource) bool {
	for _, c := range m.links {
		if _, ok := m.serverReach(c.Node); ok {
			s.link = c
			return true
		}
	}
	return false
}

// linksEnding reports whether c (its module resolved as mod) links the caller to a
// process or port that surely ends (see linksEndingProcess).
func linksEnding(f *source.File, c *elixir.Call, mod string) bool {
	switch {
	case mod == "Task" && c.Name == "async", mod == "Task.Supervisor" && c.Name == "async":
		return true
	case mod == "Port" && c.Name == "open", mod == ":erlang" && c.Name == "open_port":
		_, status, _ := portSettings(f, c.Args)
		return status
	}
	return false
}
