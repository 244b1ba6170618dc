// Package castbackpressure is OTP007 cast-without-backpressure: a public API function sends
// to its own server asynchronously and the handler that receives the message does slow
// work, so producers can outpace the server and its mailbox grows without bound.
package castbackpressure

import (
	"strings"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/source"
)

// Analyzer is OTP007.
var Analyzer = &analysis.Analyzer{
	Code:     "OTP007",
	Name:     "cast-without-backpressure",
	Title:    "Asynchronous send to a server whose handler is slow",
	Severity: analysis.Warning,
	InTests:  analysis.OffInTests,
	Doc:      doc,
	Run:      run,
}

// maxDepth is how far through same-module helpers a handler is followed, as for OTP003.
const maxDepth = 3

// send is an asynchronous message to the module's own server.
type send struct {
	call *elixir.Call
	from elixir.Def // the function it is written in
	msg  *source.Node
	// handler is the callback that receives it: handle_cast for casts, handle_info for
	// send/Process.send.
	handler string
	self    bool // addressed to the server by the module's name
}

// slowWork is the first slow call a handler clause reaches.
type slowWork struct {
	call  *elixir.Call
	what  string
	chain []string
}

func run(p *analysis.Pass) {
	for _, em := range p.Modules {
		ms := p.ModuleSummary(em)
		if ms == nil || !ms.Is("GenServer") || em.Body == nil {
			continue
		}
		sends := sendsIn(p, em)
		if len(sends) == 0 {
			continue
		}
		defs, order := p.Defs(em)
		for _, s := range sends {
			if !s.self || !isAPI(s.from) {
				continue
			}
			clauses := receivers(p, order, s)
			for _, clause := range clauses {
				slow, ok := slowIn(p, em, defs, clause)
				if !ok {
					continue
				}
				report(p, em, s, clause, slow, clauses, sends, order)
				break
			}
		}
	}
}

// isAPI: a public function other than a callback or a start function: what other
// processes call to reach the server.
func isAPI(d elixir.Def) bool {
	if !d.Public() || d.Kind == "defmacro" {
		return false
	}
	switch d.Name {
	case "start_link", "start", "child_spec":
		return false
	}
	return !elixir.Callbacks[d.ID()]
}

// sendsIn lists the module's asynchronous sends: GenServer.cast/:gen_server.cast (to any
// target, so a fix can tell whether other casts reach the same clause), and send/2 and
// Process.send/3 to the module's own name. They are read from the file's shared call list:
// most modules have none, and then no function body is walked.
func sendsIn(p *analysis.Pass, em *elixir.Module) []send {
	var out []send
	calls := p.CallsIn(em.Body)
	for i := range calls {
		c := &calls[i]
		if c.Name != "cast" && c.Name != "send" || len(c.Args) < 2 {
			continue
		}
		var handler string
		switch {
		case (c.Module == "GenServer" || c.Module == ":gen_server") && c.Name == "cast" && len(c.Args) == 2:
			handler = "handle_cast"
		case (c.Module == "" || c.Module == "Kernel") && c.Name == "send" && len(c.Args) == 2,
			(c.Module == "Process" || c.Module == ":erlang") && c.Name == "send" && len(c.Args) == 3:
			handler = "handle_info"
		default:
			continue
		}
		if p.Module(c.Node) != em {
			continue // in a nested module
		}
		d, ok := elixir.EnclosingDef(p.File, c.Node)
		if !ok {
			continue
		}
		self := em.IsSelf(p.File, c.Args[0])
		if handler == "handle_info" && !self {
			continue // a message to another process is not this server's mailbox
		}
		out = append(out, send{call: c, from: d, msg: c.Args[1], handler: handler, self: self})
	}
	return out
}

// receivers returns the handler clauses the message may reach, in order, up to the first
// one that surely matches it.
func receivers(p *analysis.Pass, order []elixir.Def, s send) []elixir.Def {
	var out []elixir.Def
	for _, d := range order {
		if d.Name != s.handler || d.Arity() != 2 {
			continue
		}
		may, sure := match(p.File, d.Params[0], s.msg)
		if !may {
			continue
		}
		out = append(out, d)
		if sure && d.Guard == nil {
			break
		}
	}
	return out
}

// match compares a clause's pattern with a message expression: may is false only when
// the two cannot match (different atoms, tuple sizes, literal kinds); sure is true when
// the pattern accepts every value the expression can have.
func match(f *source.File, pat, msg *source.Node) (may, sure bool) {
	pat, msg = elixir.Unwrap(pat), elixir.Unwrap(msg)
	if pat == nil || msg == nil {
		return true, false
	}
	if pat.Type() == "binary_operator" && elixir.Operator(pat) == "=" {
		m1, s1 := match(f, pat.Child("left"), msg)
		m2, s2 := match(f, pat.Child("right"), msg)
		return m1 && m2, s1 && s2
	}
	if pat.Type() == "identifier" {
		return true, true
	}
	pk, mk := kind(pat), kind(msg)
	if pk == "" || mk == "" {
		return true, false // a pin, a call, a variable: unknown
	}
	if pk != mk {
		return false, false
	}
	switch pk {
	case "tuple":
		pe, me := elixir.Elements(pat), elixir.Elements(msg)
		if len(pe) != len(me) {
			return false, false
		}
		may, sure = true, true
		for i := range pe {
			m, s := match(f, pe[i], me[i])
			may, sure = may && m, sure && s
		}
		return may, sure
	case "atom", "number":
		same := f.Slice(pat) == f.Slice(msg)
		return same, same
	case "string":
		if f.Slice(pat) == f.Slice(msg) {
			return true, true
		}
		return strings.Contains(f.Slice(msg), "#{"), false
	}
	return true, false // lists, maps: not compared
}

func kind(n *source.Node) string {
	switch n.Type() {
	case "atom", "quoted_atom", "boolean", "nil":
		return "atom"
	case "tuple":
		return "tuple"
	case "integer", "float":
		return "number"
	case "string":
		return "string"
	case "list":
		return "list"
	case "map":
		return "map"
	}
	return ""
}

// slowIn finds the first slow call a handler clause reaches.
func slowIn(p *analysis.Pass, em *elixir.Module, defs map[string][]elixir.Def, clause elixir.Def) (slowWork, bool) {
	var found slowWork
	ok := false
	elixir.Reach(p.File, defs, clause.Body, maxDepth, func(c *elixir.Call, chain []string) bool {
		if ok {
			return false
		}
		if what, slow := elixir.SlowWork(em.Resolve(c.Module), c.Name, c.Arity()); slow {
			found, ok = slowWork{call: c, what: elixir.FuncID(what, c.Arity()), chain: chain}, true
			return false
		}
		return true
	})
	return found, ok
}

func report(p *analysis.Pass, em *elixir.Module, s send, clause elixir.Def, slow slowWork, clauses []elixir.Def, sends []send, order []elixir.Def) {
	via := ""
	if len(slow.chain) > 0 {
		via = " via " + strings.Join(slow.chain, " -> ")
	}
	consequence := "so callers can send faster than the server keeps up and its mailbox grows without bound"
	trigger := isTrigger(s.msg)
	if trigger {
		consequence = "and " + p.File.Slice(s.msg) + " is a bare trigger carrying no data: duplicate triggers queue up, each redoing the work; coalesce them (e.g. skip the send while one is pending)"
	}
	d := p.Report(s.call.Node, "%s/%d to %s in %s/%d has no backpressure: %s does slow work (%s%s), %s",
		s.call.Qualified(), s.call.Arity(), p.File.Slice(s.call.Args[0]), s.from.Name, s.from.Arity(), clauseShown(p.File, clause), slow.what, via, consequence)
	d.Related = append(d.Related, analysis.Related{Loc: p.Loc(slow.call.Node), Message: "the slow work, done once per message"})
	if trigger {
		// Nothing grows with request data: the queue holds repeats of one request, which
		// coalescing removes; a synchronous call would make the senders (often a timer
		// handler) wait instead (docs/rules/OTP007.md).
		d.Severity = analysis.Information
		return
	}
	if s.handler != "handle_cast" || len(clauses) != 1 {
		return // send/2 messages may also come from timers and other processes; see doc
	}
	if fx, ok := castToCall(p, em, clause, sends, order); ok {
		d.Fixes = append(d.Fixes, fx)
	}
}

// isTrigger reports whether a message is a literal atom (`:refresh`): a request to do the
// server's work now, carrying no data of its own.
func isTrigger(msg *source.Node) bool {
	msg = elixir.Unwrap(msg)
	return msg != nil && (msg.Type() == "atom" || msg.Type() == "quoted_atom")
}

// clauseShown is `handle_cast({:log, message}, state)`, shortened when long.
func clauseShown(f *source.File, clause elixir.Def) string {
	head := strings.Join(strings.Fields(f.Slice(clause.Head)), " ")
	if len(head) > 60 {
		return clause.ID()
	}
	return head
}
