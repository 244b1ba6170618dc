package bootorder

import (
	"slices"
	"sort"
	"strings"

	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/index"
)

// helperDepth is how far through same-module functions a boot function is followed
// (docs/rules/OTP016.md, as every rule's "reached from a callback").
const helperDepth = 3

// kind is how a use fails when what it needs is not started yet.
type kind int

const (
	callUse     kind = iota // a synchronous call: exits with :noproc
	sendUse                 // a send to a registered name: raises ArgumentError
	registryUse             // a Registry (or Phoenix.PubSub) operation: unknown registry
	etsUse                  // an :ets operation on a named table: no such table
)

// use is one thing a module's boot code needs started before it.
type use struct {
	kind kind
	// name is what must be registered: a module or ":atom" process name, or etsName(key).
	name string
	// what is the function doing it, "GenServer.call/2".
	what string
	// via is the other module's function the use is made in ("Config.get/1"), "" when the
	// module's own code makes it.
	via string
	// root is the boot function it is reached from ("init/1"), chain the same-module
	// helpers between it and the use.
	root  string
	chain []string
	// at is where it is reported: the call, or the call of the via function.
	at index.Span
	// sites are the calls of the helpers of chain, in the module's file.
	sites []index.Span
	// from is the function of the module the call is written in.
	from string
}

// syncCalls are the functions that wait for the process named by their first argument:
// a missing name makes them exit with :noproc.
var syncCalls = map[string]map[string]bool{
	"GenServer":         {"call": true, "stop": true},
	":gen_server":       {"call": true, "stop": true},
	":gen_statem":       {"call": true, "stop": true},
	"GenStage":          {"call": true, "stop": true},
	"Agent":             {"get": true, "update": true, "get_and_update": true, "stop": true},
	"Supervisor":        {"which_children": true, "count_children": true, "start_child": true, "terminate_child": true, "restart_child": true, "delete_child": true},
	"DynamicSupervisor": {"start_child": true, "which_children": true, "count_children": true, "terminate_child": true},
	"Task.Supervisor":   {"start_child": true, "async": true, "async_nolink": true, "async_stream": true, "async_stream_nolink": true, "children": true, "terminate_child": true},
}

// registryCalls read the registry named by their first argument from its ETS tables: a
// registry not started yet raises ArgumentError ("unknown registry"). Phoenix.PubSub
// keeps its subscribers in a Registry of the PubSub's name.
var registryCalls = map[string]bool{
	"Registry.register": true, "Registry.unregister": true, "Registry.unregister_match": true,
	"Registry.lookup": true, "Registry.dispatch": true, "Registry.match": true,
	"Registry.count": true, "Registry.count_match": true, "Registry.count_select": true,
	"Registry.keys": true, "Registry.values": true, "Registry.select": true,
	"Registry.update_value": true, "Registry.meta": true, "Registry.put_meta": true, "Registry.delete_meta": true,
	"Phoenix.PubSub.subscribe": true, "Phoenix.PubSub.unsubscribe": true,
	"Phoenix.PubSub.broadcast": true, "Phoenix.PubSub.broadcast!": true,
	"Phoenix.PubSub.broadcast_from": true, "Phoenix.PubSub.broadcast_from!": true,
	"Phoenix.PubSub.local_broadcast": true, "Phoenix.PubSub.local_broadcast_from": true,
	"Phoenix.PubSub.direct_broadcast": true, "Phoenix.PubSub.direct_broadcast!": true,
}

// guards are calls that look a name or table up: a boot function that makes one in the
// same function as a use may be checking that the process is there before using it.
var guards = map[string]bool{
	"Process.whereis": true, "GenServer.whereis": true, "Process.alive?": true,
	":erlang.whereis": true, ":ets.whereis": true, ":ets.info": true,
}

// guardNames are the function names of guards: a module's calls are looked up by name
// first, which most fail, rather than each building its qualified name.
var guardNames = func() map[string]bool {
	names := map[string]bool{}
	for g := range guards {
		names[g[strings.LastIndex(g, ".")+1:]] = true
	}
	return names
}()

// bootRoots are the functions of m that run while its supervisor starts it: its start
// function (the default child spec calls start_link/1, in the supervisor's process) and,
// for a process whose init/1 runs before its start returns, init/1.
func bootRoots(m *index.Module) []string {
	roots := []string{"start_link/1"}
	if initRunsAtStart(m) {
		roots = append(roots, "init/1")
	}
	return roots
}

// initRunsAtStart: the behaviours whose start waits for init/1 to return.
func initRunsAtStart(m *index.Module) bool {
	for _, b := range []string{"GenServer", ":gen_statem", "GenStage", "GenStateMachine", "Supervisor", "DynamicSupervisor"} {
		if m.Is(b) {
			return true
		}
	}
	return false
}

// reached are the functions of a module a walk from some roots entered, in the order it
// entered them, each with the root it was reached from and the helpers in between. A walk
// enters a handful: a list searched in place costs less than a map made for each (one is
// made for every call of another module's function at boot).
type reached []reachedFn

type reachedFn struct {
	id    string
	p     path
	depth int
}

type path struct {
	root  string
	chain []string
	// sites are the calls of the chain's functions, one per function of chain.
	sites []index.Span
}

// through lists the functions of the path: the root and the helpers after it.
func (p path) through() []string { return append([]string{p.root}, p.chain...) }

// find returns the path to function id, if the walk entered it.
func (r reached) find(id string) (path, bool) {
	for i := range r {
		if r[i].id == id {
			return r[i].p, true
		}
	}
	return path{}, false
}

func (r reached) has(id string) bool { _, ok := r.find(id); return ok }

// reachFrom walks from the roots through the same-module functions they call in their
// own process, helperDepth deep. within, when not nil, limits a root's own calls to some
// of its clauses (handle_continue/2 clauses that match what init/1 continues with).
func reachFrom(m *index.Module, roots []string, within map[string][]index.Span) reached {
	var out reached
	for _, r := range roots {
		if m.Function(name(r)) != nil && !out.has(r) {
			out = append(out, reachedFn{id: r, p: path{root: r}})
		}
	}
	// Breadth first: the list is the queue, each function visited once in its order.
	for i := 0; i < len(out); i++ {
		s := out[i]
		fn := m.Function(name(s.id))
		if fn == nil || s.depth >= helperDepth {
			continue
		}
		for _, l := range fn.LocalSites() {
			if l.Detached || out.has(l.ID) || elixir.Callbacks[l.ID] || s.depth == 0 && !inside(within[s.id], l.Span) {
				continue
			}
			p := path{root: s.p.root, chain: append(s.p.chain[:len(s.p.chain):len(s.p.chain)], l.ID),
				sites: append(s.p.sites[:len(s.p.sites):len(s.p.sites)], l.Span)}
			out = append(out, reachedFn{id: l.ID, p: p, depth: s.depth + 1})
		}
	}
	return out
}

// inside: no limit, or the span lies in one of spans.
func inside(spans []index.Span, at index.Span) bool {
	if spans == nil {
		return true
	}
	for _, s := range spans {
		if s.Start() <= at.Start() && at.End() <= s.End() {
			return true
		}
	}
	return false
}

// name splits "name/arity".
func name(id string) (string, int) {
	i := strings.LastIndexByte(id, '/')
	n := 0
	for _, c := range id[i+1:] {
		n = n*10 + int(c-'0')
	}
	return id[:i], n
}

// usesOf lists what the functions r reached in m need started, in m's code and, when
// snap is not nil, through the public functions of other workspace modules they call
// (one module deep). within limits the roots' own calls as in reachFrom.
func usesOf(snap *index.Snapshot, m *index.Module, r reached, within map[string][]index.Span, guarded map[string]bool) []use {
	var out []use
	add := func(u use) {
		if r.admit(&u, within, guarded) {
			out = append(out, u)
		}
	}
	// Operations on named tables, by where they are written (the index resolves their
	// table, `@table` included, in ETSOps; the call gives the arity).
	var tables map[int]string
	for _, op := range m.ETSOps {
		if !op.Detached && r.has(op.From) && strings.HasPrefix(op.Key, ":") {
			if tables == nil {
				tables = map[int]string{}
			}
			tables[op.Span.Start()] = op.Key
		}
	}
	for _, i := range reachedCalls(m, r) {
		c := &m.Calls[i]
		if c.Detached {
			continue
		}
		if key, ok := tables[c.Span.Start()]; ok && c.Module == ":ets" {
			add(use{kind: etsUse, name: etsName(key), what: elixir.FuncID(":ets."+c.Name, int(c.Arity)), at: c.Span, from: c.From})
			continue
		}
		if u, ok := callUseOf(c); ok {
			u.from = c.From
			add(u)
			continue
		}
		if snap == nil {
			continue
		}
		for _, u := range throughAPI(snap, m, c) {
			u.from = c.From
			add(u)
		}
	}
	return out
}

// reachedCalls are the indexes of m's calls made in the functions r reached, in source
// order: the calls of those functions' clauses, found by position, rather than every call
// of the module read (each call of another module's function reads that module's, and
// a module of a thousand calls is read again for each).
func reachedCalls(m *index.Module, r reached) []int {
	var out []int
	for _, f := range r {
		id := f.id
		fn := m.Function(name(id))
		if fn == nil {
			continue
		}
		for _, cl := range fn.Clauses {
			start, end := cl.Start(), cl.End()
			i := sort.Search(len(m.Calls), func(i int) bool { return m.Calls[i].Span.Start() >= start })
			for ; i < len(m.Calls) && m.Calls[i].Span.Start() < end; i++ {
				if m.Calls[i].From == id {
					out = append(out, i)
				}
			}
		}
	}
	slices.Sort(out)
	return out
}

// admit fills in the path of u, made in the function u.from, and reports whether it is
// made while the roots run: within the roots' clauses within limits, and on a path through
// no guarded function.
func (r reached) admit(u *use, within map[string][]index.Span, guarded map[string]bool) bool {
	p, ok := r.find(u.from)
	if !ok || p.chain == nil && !inside(within[u.from], u.at) {
		return false
	}
	for _, fn := range p.through() {
		if guarded[fn] {
			return false
		}
	}
	u.root, u.chain, u.sites = p.root, p.chain, p.sites
	return true
}

// guardedFunctions are the functions of m that look a process or table up (guards): the
// code on a path through one of them may be checking before it uses.
func guardedFunctions(m *index.Module) map[string]bool {
	var guarded map[string]bool // nearly always none
	for i := range m.Calls {
		if c := &m.Calls[i]; guardNames[c.Name] && guards[c.Module+"."+c.Name] {
			if guarded == nil {
				guarded = map[string]bool{}
			}
			guarded[c.From] = true
		}
	}
	return guarded
}

// callUseOf reads a remote call that needs a process or registry by the name in its first
// argument.
func callUseOf(c *index.Call) (use, bool) {
	if c.Target() == "" || c.Target() == "self()" {
		return use{}, false
	}
	u := use{name: c.Target(), what: elixir.FuncID(c.Module+"."+c.Name, int(c.Arity)), at: c.Span}
	switch {
	case syncCalls[c.Module][c.Name]:
		u.kind = callUse
	case registryCalls[c.Module+"."+c.Name]:
		u.kind = registryUse
	case (c.Module == "Process" || c.Module == ":erlang") && c.Name == "send":
		u.kind = sendUse
	default:
		return use{}, false
	}
	return u, true
}

// throughAPI is what a call of another workspace module's public function needs: that
// function's own uses (and its same-module helpers'), reported at the call.
func throughAPI(snap *index.Snapshot, m *index.Module, c *index.Call) []use {
	if c.Module == m.Name || c.Module == "" || c.Module[0] == ':' {
		return nil
	}
	api := snap.Module(c.Module)
	if api == nil {
		return nil
	}
	fn := api.Function(c.Name, int(c.Arity))
	if fn == nil || !fn.Public {
		return nil
	}
	id := fn.ID()
	var out []use
	for _, u := range usesOf(nil, api, reachFrom(api, []string{id}, nil), nil, guardedFunctions(api)) {
		u.via = api.Name + "." + id
		u.at = c.Span
		out = append(out, u)
	}
	return out
}
