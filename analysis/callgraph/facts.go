// Package callgraph builds the workspace's graph of synchronous calls between servers
// (docs/rules/OTP008.md): an edge A -> B when code reached from a callback of GenServer A calls
// server B synchronously and so blocks A until B answers. Cycles in it are deadlocks; long
// chains are latency and timeout cascades.
//
// The graph is derived from the index only, in two layers: facts about one module, which
// depend on that module's summary alone and are reused while the summary is unchanged,
// and edges, which also depend on the modules a call names. After an edit only the changed
// modules' facts and the edges that name them are recomputed.
package callgraph

import (
	"slices"
	"sort"

	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/internal/group"
)

// callbacks are the GenServer callbacks whose code runs in the server process.
var callbacks = []string{"init/1", "handle_call/3", "handle_cast/2", "handle_info/2", "handle_continue/2", "terminate/2"}

// helperDepth is how far through same-module functions a callback is followed (docs/rules/OTP008.md).
const helperDepth = 3

// SelfTarget is the target of `GenServer.call(self(), ...)`.
const SelfTarget = "self()"

// syncCall reports whether a call blocks its caller until a server answers, and the
// argument naming that server is the call's Target.
func syncCall(c *index.Call) bool {
	switch c.Module {
	case "GenServer", ":gen_server":
		return c.Name == "call"
	case "Agent":
		return c.Name == "get" || c.Name == "update" || c.Name == "get_and_update"
	case ":gen_statem":
		return c.Name == "call"
	}
	return false
}

// A Site is a call, reached from a server's callback, that may call another server
// synchronously: either directly (Target set) or through a public function of another
// module (Target empty), resolved into edges when the graph is built.
type Site struct {
	Callback string    // "handle_call/3"
	Chain    []string  // same-module functions between the callback and the call
	Loc      index.Loc // the call, or the callback's call of Chain[0] when reached through helpers
	Module   string    // the module called, as written: "GenServer", "Counter"
	Func     string    // and the function, "name/arity"
	Target   string    // direct: resolved module, ":registered_name" or SelfTarget
	// Request is, for a direct call, the shape of the request it sends
	// (index.MessageShape, "" when unknown).
	Request string
	// Accepts is, for a site in a handle_call/3 clause, the shape of the requests that
	// clause answers ("" for any): a call reaches this site only if it can match.
	Accepts string
}

// extendsChain reports whether the site runs while its server answers a call with request
// req: only handle_call/3 clauses answer calls, and of those only the ones whose request
// pattern can match req (docs/rules/OTP008.md).
func (s Site) extendsChain(req string) bool {
	return s.Callback == "handle_call/3" && (s.Accepts == "" || req == "" || s.Accepts == req)
}

// apiCall is a server an API function calls, with the request it sends.
type apiCall struct {
	target, request string
}

// Call is what is called, as "GenServer.call/2". Made when a finding is reported: most
// sites are calls of functions that turn out to call no server.
func (s Site) Call() string { return s.Module + "." + s.Func }

// facts is what one module contributes to the graph, computed from its summary alone.
type facts struct {
	module *index.Module
	// server: a GenServer, whose callbacks run in its own process.
	server bool
	// sites are the calls reached from its callbacks (only for servers).
	sites []Site
	// api maps each public function that calls a server synchronously (directly or
	// through same-module functions) to the servers it calls.
	api map[string][]apiCall
}

// moduleFacts computes the facts of m.
func moduleFacts(m *index.Module) *facts {
	fx := &facts{module: m, server: m.Is("GenServer")}
	if !fx.server && !callsServer(m) {
		return fx // most modules: no site, and no API function that calls a server
	}
	byFrom := callsByFunction(m)
	locals := make(map[string]*index.Function, len(m.Functions))
	ids := make([]string, len(m.Functions))
	for i, fn := range m.Functions {
		ids[i] = fn.ID()
		locals[ids[i]] = fn
	}
	// reach visits fn and the same-module functions it calls (depth-limited), handing
	// every remote call to visit with the helper chain that led to it and the call in fn
	// that starts that chain. Each call of a helper in fn is followed on its own, so two
	// clauses calling the same helper give two sites.
	var seen []string // the functions a walk from one call has entered: a handful
	reach := func(root string, visit func(c *index.Call, chain []string, entry *index.Span)) {
		for _, c := range byFrom[root] {
			visit(c, nil, nil)
		}
		fn := locals[root]
		if fn == nil {
			return
		}
		for _, l := range fn.LocalSites() {
			if l.Detached || l.ID == root {
				continue
			}
			entry := l.Span
			seen = append(seen[:0], root, l.ID)
			var walk func(id string, chain []string, depth int)
			walk = func(id string, chain []string, depth int) {
				for _, c := range byFrom[id] {
					visit(c, chain, &entry)
				}
				fn := locals[id]
				if fn == nil || depth >= helperDepth {
					return
				}
				for _, l := range fn.LocalSites() {
					if l.Detached || slices.Contains(seen, l.ID) {
						continue
					}
					seen = append(seen, l.ID)
					walk(l.ID, append(chain[:len(chain):len(chain)], l.ID), depth+1)
				}
			}
			walk(l.ID, []string{l.ID}, 1)
		}
	}
	for i, fn := range m.Functions {
		if !fn.Public {
			continue
		}
		var targets []apiCall
		reach(ids[i], func(c *index.Call, _ []string, _ *index.Span) {
			if syncCall(c) && c.Target() != "" && c.Target() != SelfTarget {
				targets = appendUnique(targets, apiCall{c.Target(), c.Request()})
			}
		})
		if len(targets) > 0 {
			if fx.api == nil {
				fx.api = map[string][]apiCall{}
			}
			fx.api[ids[i]] = targets
		}
	}
	if !fx.server {
		return fx
	}
	for _, cb := range callbacks {
		if locals[cb] == nil {
			continue
		}
		reach(cb, func(c *index.Call, chain []string, entry *index.Span) {
			var target, request string
			switch {
			case syncCall(c):
				if c.Target() == "" {
					return
				}
				target, request = c.Target(), c.Request()
			case c.Module != "" && !erlangModule(c.Module) && !elixir.StandardModule(c.Module):
				// Possibly another module's API function (or this module's own, called as
				// `__MODULE__.f()`), resolved when the graph is built.
			default:
				return // a local or standard call: no site
			}
			loc := index.Loc{Path: m.Path, Span: c.Span}
			if entry != nil {
				// Reported where the callback enters the helper chain: that is the line to
				// change, and the helper may be fine when called from elsewhere.
				loc.Span = *entry
			}
			fx.sites = append(fx.sites, Site{Callback: cb, Chain: chain, Loc: loc, Module: c.Module, Func: elixir.FuncID(c.Name, int(c.Arity)),
				Accepts: acceptedAt(m, loc.Start()), Target: target, Request: request})
		})
	}
	return fx
}

// A request is one handle_call/3 clause: its span and the MessageShape of its request
// pattern, the calls it can answer ("" for any).
type request struct {
	clause index.Span
	shape  string
}

// requestsFact is each module's handle_call/3 clauses with the requests they answer, read
// from its own forms when its file is summarised. Only this graph reads it, so OTP008
// declares it (Facts) rather than the index keeping it for every module.
// A form's part is the shape its handle_call/3 clause answers.
var requestsFact = index.NewFormFact("callgraph.requests", func(fs index.FormSource) (string, bool) {
	if d, ok := elixir.AsDef(fs.File, fs.Form); ok && d.Name == "handle_call" && len(d.Params) == 3 {
		return index.MessageShape(fs.File, d.Params[0]), true
	}
	return "", false
}, func(ms index.ModuleSource, parts index.FormParts[string]) ([]request, bool) {
	var out []request
	for _, p := range parts.All() {
		out = append(out, request{clause: ms.Span(p.Form), shape: p.Value})
	}
	return out, len(out) > 0
})

// Facts are the facts the graph reads: the analyzer that builds it lists them.
func Facts() []*index.FactKind { return []*index.FactKind{requestsFact.Kind()} }

// acceptedAt is the request shape of m's handle_call/3 clause holding offset at ("" for
// other callbacks, or a clause that answers any request).
func acceptedAt(m *index.Module, at int) string {
	requests, _ := requestsFact.Of(m)
	// The clauses are forms, in source order and apart: the one holding at is the first
	// ending after it, if it starts at or before it.
	i := sort.Search(len(requests), func(i int) bool { return at < requests[i].clause.End() })
	if i < len(requests) && requests[i].clause.Start() <= at {
		return requests[i].shape
	}
	return ""
}

// callsServer reports whether a call of m's own functions (what callsByFunction keeps)
// calls a server synchronously: without one, none of m's functions is an API function.
func callsServer(m *index.Module) bool {
	for i := range m.Calls {
		if c := &m.Calls[i]; c.From != "" && !c.Detached && syncCall(c) {
			return true
		}
	}
	return false
}

// callsByFunction maps each function of m ("name/arity") to the calls its clauses make
// in its own process. Pointers: a Call is too big to copy per lookup.
func callsByFunction(m *index.Module) map[string][]*index.Call {
	own := make([]*index.Call, 0, len(m.Calls))
	for i := range m.Calls {
		if c := &m.Calls[i]; c.From != "" && !c.Detached {
			own = append(own, c)
		}
	}
	return group.ByKey(own, func(c **index.Call) string { return (*c).From })
}

func erlangModule(name string) bool { return len(name) > 0 && name[0] == ':' }

func appendUnique[T comparable](xs []T, x T) []T {
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}
