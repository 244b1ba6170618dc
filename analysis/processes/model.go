// Package processes models who sends what to which GenServer: the send sites of the
// workspace (GenServer.call/cast, send/2, Process.send_after..., and calls of the public
// API functions that wrap one), the handler clauses that can take each message, and the
// way a send's target is resolved to a server module (shared with OTP014). The language
// server's implementation, references and code lens requests read it
// (docs/navigation.md).
package processes

import (
	"sort"

	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/source"
)

// Facts are the facts the model reads: a workspace that answers its questions summarises
// its files with them.
func Facts() []*index.FactKind {
	return []*index.FactKind{HandlerFact.Kind(), SendFact.Kind(), RegisteredNamesFact.Kind()}
}

// Site is a place that sends a message to a server: a send, or a call of an API function
// that makes one.
type Site struct {
	Loc   index.Loc
	Kind  Kind
	Shape string
	// Server is the receiving GenServer module's name, "" when it is not known.
	Server string
	// Via is, for the call of an API function, that function ("Cache.fetch/1").
	Via string
}

// Model is every send site of a snapshot, by server.
type Model struct {
	byServer map[string][]Site
	byPath   map[string][]Site
}

// model is built on the first request that needs it in a snapshot, never by an analysis:
// a keystroke costs nothing for it. It reads every module's calls (for the calls of API
// functions), so each snapshot that is asked builds it again.
var model = index.NewView("processes.model", func(s *index.Snapshot) *Model {
	out := &Model{byServer: map[string][]Site{}, byPath: map[string][]Site{}}
	// wrappers are the API functions, by "Module.name/arity".
	wrappers := map[string][]Site{}
	for _, h := range SendFact.In(s) {
		for _, snd := range h.Value.Sites {
			server := ""
			if m := Server(s, snd.Target); m != nil {
				server = m.Name
			}
			site := Site{Loc: index.Loc{Path: h.Module.Path, Span: snd.At}, Kind: snd.Kind, Shape: snd.Shape, Server: server}
			out.add(site)
			if server != "" && snd.wraps(h.Module) {
				wrappers[h.Module.Name+"."+snd.From] = append(wrappers[h.Module.Name+"."+snd.From], site)
			}
		}
	}
	if len(wrappers) == 0 {
		return out
	}
	s.Modules(func(m *index.Module) {
		for _, c := range m.Calls {
			id := elixir.FuncID(c.Module+"."+c.Name, int(c.Arity))
			for _, w := range wrappers[id] {
				out.add(Site{Loc: index.Loc{Path: m.Path, Span: c.Span}, Kind: w.Kind, Shape: w.Shape, Server: w.Server, Via: id})
			}
		}
		for _, fn := range m.Functions {
			for _, lc := range fn.LocalSites() {
				id := m.Name + "." + lc.ID
				for _, w := range wrappers[id] {
					out.add(Site{Loc: index.Loc{Path: m.Path, Span: lc.Span}, Kind: w.Kind, Shape: w.Shape, Server: w.Server, Via: id})
				}
			}
		}
	})
	for _, sites := range out.byServer {
		sortSites(sites)
	}
	return out
})

func (m *Model) add(site Site) {
	if site.Server != "" {
		m.byServer[site.Server] = append(m.byServer[site.Server], site)
	}
	m.byPath[site.Loc.Path] = append(m.byPath[site.Loc.Path], site)
}

func sortSites(sites []Site) {
	sort.SliceStable(sites, func(i, j int) bool {
		a, b := sites[i].Loc, sites[j].Loc
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		return a.Start() < b.Start()
	})
}

// SiteAt returns the innermost send site of the file at path whose span holds pos.
func SiteAt(s *index.Snapshot, path string, pos source.Position) (Site, bool) {
	var best Site
	found := false
	for _, site := range model.Of(s).byPath[path] {
		if contains(site.Loc.Range(), pos) && (!found || site.Loc.End()-site.Loc.Start() < best.Loc.End()-best.Loc.Start()) {
			best, found = site, true
		}
	}
	return best, found
}

// HandlersOf returns the clauses that can take the message site sends, in the order of
// the server's source: nil when the server is not known.
func HandlersOf(s *index.Snapshot, site Site) []index.Loc {
	if site.Server == "" {
		return nil
	}
	found := s.ModulesNamed(site.Server)
	if len(found) != 1 {
		return nil
	}
	h, ok := HandlerFact.Of(found[0])
	if !ok {
		return nil
	}
	var out []index.Loc
	for _, head := range h.Of(site.Kind) {
		if head.Matches(site.Shape) {
			out = append(out, index.Loc{Path: found[0].Path, Span: head.At})
		}
	}
	return out
}

// Clause is a handler clause: its module, the kind of message it takes and its head.
type Clause struct {
	Module string
	Path   string
	Kind   Kind
	Head   Head
}

// ClauseAt returns the handler clause of the file at path whose head holds pos.
func ClauseAt(s *index.Snapshot, path string, pos source.Position) (Clause, bool) {
	for _, c := range ClausesIn(s, path) {
		if contains(c.Head.At.Range(), pos) {
			return c, true
		}
	}
	return Clause{}, false
}

// ClausesIn returns the handler clauses of the file at path, in source order: what a
// code lens is shown on. It reads only that file's facts.
func ClausesIn(s *index.Snapshot, path string) []Clause {
	fs := s.File(path)
	if fs == nil {
		return nil
	}
	var out []Clause
	for _, m := range fs.Modules {
		h, ok := HandlerFact.Of(m)
		if !ok {
			continue
		}
		for _, k := range []Kind{Call, Cast, Info} {
			for _, head := range h.Of(k) {
				out = append(out, Clause{Module: m.Name, Path: m.Path, Kind: k, Head: head})
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Head.At.Start() < out[j].Head.At.Start() })
	return out
}

// Senders returns the send sites whose message clause c can match, by path and position.
func Senders(s *index.Snapshot, c Clause) []Site {
	var out []Site
	for _, site := range model.Of(s).byServer[c.Module] {
		if site.Kind == c.Kind && c.Head.Matches(site.Shape) {
			out = append(out, site)
		}
	}
	return out
}

// contains reports whether pos lies in r, its ends included (a cursor just after the
// last character is still on it).
func contains(r source.Range, pos source.Position) bool {
	before := func(a, b source.Position) bool {
		return a.Line < b.Line || a.Line == b.Line && a.Character <= b.Character
	}
	return before(r.Start, pos) && before(pos, r.End)
}
