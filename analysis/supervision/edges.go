package supervision

import (
	"strconv"

	"github.com/otpls/otpls/analysis/index"
)

// Cross-tree coupling: a process that calls a server synchronously waits for it, and a
// restart of the server's branch surfaces in the caller as an exit (`:noproc`,
// `:timeout`) although no supervisor links the two. An edge is such a call from the code
// of a module started in one branch to a server registered in another branch of the same
// application (neither node is an ancestor of the other): a GenServer.call (or
// :gen_server.call, :gen_statem.call) naming the server, or a call of a function of
// another module of the workspace that makes one (an API function: `Cache.fetch(id)`).

// syncCall reports whether c is a synchronous call naming its target.
func syncCall(c index.Call) bool {
	switch c.Module {
	case "GenServer", ":gen_server", ":gen_statem":
		return c.Name == "call" && c.Target() != "" && c.Target() != "self()"
	}
	return false
}

// edges lists the forest's cross-branch calls, in node order.
func (b *builder) edges(f *Forest) []Edge {
	byName := map[string]*Node{}
	var nodes []*Node
	var walk func(n *Node)
	walk = func(n *Node) {
		nodes = append(nodes, n)
		if n.Name != nil && n.Kind != KindUnknown {
			if _, dup := byName[*n.Name]; !dup {
				byName[*n.Name] = n
			}
		}
		for _, c := range n.Children {
			walk(c)
		}
	}
	for _, a := range f.Applications {
		walk(a)
	}
	out := []Edge{}
	seen := map[[3]string]bool{}
	add := func(from, to *Node, label string, loc index.Loc) {
		if from == to || !crossBranch(from, to) {
			return
		}
		key := [3]string{from.ID, to.ID, loc.Path + ":" + label}
		if seen[key] {
			return
		}
		seen[key] = true
		out = append(out, Edge{From: from.ID, To: to.ID, Kind: "call", Label: label, Location: *locationOf(loc.Path, loc.Span), path: loc.Path})
	}
	for _, n := range nodes {
		if n.Module == nil || n.Kind == KindApplication || n.Dynamic {
			continue
		}
		m := b.snap.Module(*n.Module)
		if m == nil {
			continue
		}
		for _, c := range m.Calls {
			loc := index.Loc{Path: m.Path, Span: c.Span}
			if syncCall(c) {
				if to := byName[c.Target()]; to != nil {
					add(n, to, c.Module+"."+c.Name+" "+c.Target(), loc)
				}
				continue
			}
			if c.Module == m.Name {
				continue
			}
			for _, w := range wrapped(b.snap, c) {
				if to := byName[w.Target()]; to != nil {
					add(n, to, c.Module+"."+c.Name+"/"+itoa(int(c.Arity))+" -> "+w.Module+"."+w.Name+" "+w.Target(), loc)
				}
			}
		}
	}
	return out
}

// wrapped are the synchronous calls the public function c calls makes in its own body
// (an API function wrapping GenServer.call), when c's module is in the workspace.
func wrapped(snap *index.Snapshot, c index.Call) []index.Call {
	w := snap.Module(c.Module)
	if w == nil {
		return nil
	}
	fn := w.Function(c.Name, int(c.Arity))
	if fn == nil || !fn.Public {
		return nil
	}
	var out []index.Call
	id := fn.ID()
	for _, inner := range w.Calls {
		if inner.From == id && syncCall(inner) {
			if inner.Target() == "self()" {
				continue
			}
			out = append(out, inner)
		}
	}
	return out
}

// crossBranch reports whether a and b are in the same tree and neither is the other's
// ancestor: different children of a common ancestor supervisor.
func crossBranch(a, b *Node) bool {
	if root(a) != root(b) {
		return false
	}
	for p := a; p != nil; p = p.parent {
		if p == b {
			return false
		}
	}
	for p := b; p != nil; p = p.parent {
		if p == a {
			return false
		}
	}
	return true
}

func root(n *Node) *Node {
	for n.parent != nil {
		n = n.parent
	}
	return n
}

func itoa(i int) string { return strconv.Itoa(i) }
