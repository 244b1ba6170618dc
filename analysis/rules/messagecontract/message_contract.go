// Package messagecontract implements OTP014 (docs/rules/OTP014.md): a call or cast whose
// message no handler clause of the receiving server can match.
package messagecontract

import (
	"fmt"
	"strings"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/processes"
	"github.com/otpls/otpls/analysis/source"
)

// Analyzer is OTP014.
var Analyzer = &analysis.Analyzer{
	Code:     "OTP014",
	Name:     "message-contract",
	Title:    "Call or cast with a message no handler clause of the server matches",
	Severity: analysis.Error,
	InTests:  analysis.RunInTests,
	Doc:      doc,
	Facts:    []*index.FactKind{processes.HandlerFact.Kind(), processes.RegisteredNamesFact.Kind()},
	Run:      run,
}

// send is one kind of request: the function that sends it and the callback that takes it.
type send struct {
	kind, callback string
	heads          func(processes.Handlers) []processes.Head
}

var (
	callSend = send{"call", processes.Call.Callback(), func(h processes.Handlers) []processes.Head { return h.Calls }}
	castSend = send{"cast", processes.Cast.Callback(), func(h processes.Handlers) []processes.Head { return h.Casts }}
)

// sendOf reports the kind of request c sends: GenServer.call/2,3 and GenServer.cast/2
// (:gen_server's alike); the model's other sends (send/2, Process.send_after...) reach
// handle_info/2, which this rule does not check.
func sendOf(c *elixir.Call) (send, bool) {
	if c.Module != "GenServer" && c.Module != ":gen_server" {
		return send{}, false
	}
	switch k, _ := processes.KindOf(c); k {
	case processes.Call:
		return callSend, true
	case processes.Cast:
		return castSend, true
	}
	return send{}, false
}

func (s send) other() send {
	if s.kind == "call" {
		return castSend
	}
	return callSend
}

func run(p *analysis.Pass) {
	if p.Index == nil {
		return
	}
	calls := p.Calls()
	for i := range calls {
		c := &calls[i] // not copied: a file has thousands of calls, a few of them sends
		s, ok := sendOf(c)
		if !ok {
			continue
		}
		em := p.Module(c.Node)
		if em == nil {
			continue
		}
		msg := index.MessageShape(p.File, elixir.Unwrap(c.Args[1]))
		if msg == "" {
			continue // a message computed at run time: any clause may take it
		}
		server := serverOf(p, em, c.Args[0])
		if server == nil {
			continue
		}
		h, ok := processes.HandlerFact.Of(server)
		if !ok || h.Opaque {
			continue
		}
		if processes.Accepts(s.heads(h), msg) {
			continue
		}
		report(p, c, s, msg, server, h)
	}
}

func report(p *analysis.Pass, c *elixir.Call, s send, msg string, server *index.Module, h processes.Handlers) {
	msgNode := elixir.Unwrap(c.Args[1])
	what := fmt.Sprintf("%s.%s/%d sends %s to %s", c.Module, c.Name, len(c.Args), pattern(msg), server.Name)
	other := s.other()
	var d *analysis.Diagnostic
	if processes.Accepts(other.heads(h), msg) {
		d = p.Report(msgNode, "%s, which handles %s only in %s: no %s clause matches it, so the server crashes with FunctionClauseError%s",
			what, pattern(msg), other.callback, s.callback, callerExits(s))
		d.Related = related(server, other.heads(h), msg, "the "+other.callback+" clause that takes it")
		if fx, ok := switchFix(p, c, s, other); ok {
			d.Fixes = append(d.Fixes, fx)
		}
		return
	}
	if len(s.heads(h)) == 0 {
		// use GenServer's injected default raises; with only @behaviour there is none.
		d = p.Report(msgNode, "%s, which defines no %s: the server crashes on it%s", what, s.callback, callerExits(s))
		d.Related = []analysis.Related{{Loc: index.Loc{Path: server.Path, Span: server.NameSpan}, Message: server.Name}}
		return
	}
	d = p.Report(msgNode, "%s, but no %s clause of %s matches it: the server crashes with FunctionClauseError%s",
		what, s.callback, server.Name, callerExits(s))
	d.Related = related(server, s.heads(h), msg, s.callback+" clause")
}

// callerExits is what a call's caller sees: the crash reaches it as an exit.
func callerExits(s send) string {
	if s.kind == "call" {
		return " and the caller exits"
	}
	return ""
}

// pattern prints a message shape as a pattern: ":reset", "{:put, _, _}".
func pattern(shape string) string {
	tag, arity, ok := strings.Cut(strings.Trim(shape, "{}"), ",")
	if !ok {
		return shape
	}
	n := 0
	fmt.Sscan(arity, &n)
	return "{" + tag + strings.Repeat(", _", max(n-1, 0)) + "}"
}

// related points at the clauses with the message's tag (the closest), else at every clause.
func related(server *index.Module, heads []processes.Head, msg, what string) []analysis.Related {
	tag, _, _ := strings.Cut(strings.Trim(msg, "{}"), ",")
	var out, all []analysis.Related
	for _, h := range heads {
		r := analysis.Related{Loc: index.Loc{Path: server.Path, Span: h.Span}, Message: server.Name + ": " + what}
		all = append(all, r)
		if t, _, _ := strings.Cut(strings.Trim(h.Shape, "{}"), ","); t == tag {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		return all
	}
	return out
}

// switchFix turns the send into the other kind, whose handler takes the message. A call
// becomes a cast only without a timeout, and either only where the send's value is
// discarded: a call returns the reply, a cast :ok.
func switchFix(p *analysis.Pass, c *elixir.Call, s, other send) (analysis.Fix, bool) {
	if c.Module != "GenServer" || len(c.Args) != 2 || c.Piped() || !valueDiscarded(c.Node) {
		return analysis.Fix{}, false
	}
	changes := "the caller no longer waits for the reply"
	if other.kind == "call" {
		changes = "the sender waits for the server's reply, and exits if it does not come within 5 s"
	}
	return analysis.Fix{
		Title:   fmt.Sprintf("Send it with GenServer.%s", other.kind),
		Changes: changes,
		Edits:   []analysis.Edit{p.Edit(c.NameNode().Start(), c.NameNode().End(), other.kind)},
	}, true
}

// valueDiscarded reports whether n is an expression of a block followed by another, so
// its value is thrown away.
func valueDiscarded(n *source.Node) bool {
	parent := n.Parent()
	if parent == nil || (parent.Type() != "body" && parent.Type() != "do_block") {
		return false
	}
	for next := n.NextSibling(); next != nil; next = next.NextSibling() {
		if next.Type() != "comment" {
			return true
		}
	}
	return false
}
