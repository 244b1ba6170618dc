package index

import (
	"sort"
	"sync"
)

// Workspace holds the summaries of every file of a workspace. Updating one file replaces
// only that file's summary; views over all modules are rebuilt lazily into an immutable
// Snapshot, which rules read.
type Workspace struct {
	// facts are computed for every file entered (see Fact).
	facts []*FactKind
	mu    sync.Mutex
	files map[string]*FileSummary
	snap  *Snapshot
	gen   uint64
	// carried is shared by all snapshots of this workspace: see Snapshot.Carry.
	carried *carried
}

// carried keeps, per key, the latest value a snapshot computed with Carry, so the next
// snapshot can derive its value from it instead of from scratch. Only the latest value
// is kept: old snapshots are not chained together.
type carried struct {
	mu     sync.Mutex
	values map[string]carriedValue
}

type carriedValue struct {
	gen   uint64
	value any
}

// NewWorkspace returns an empty index whose files are summarised with facts (the Facts of
// the analyzers that will read it).
func NewWorkspace(facts ...*FactKind) *Workspace {
	return &Workspace{facts: facts, files: map[string]*FileSummary{}, carried: &carried{values: map[string]carriedValue{}}}
}

// Facts are the fact kinds the workspace's files are summarised with.
func (w *Workspace) Facts() []*FactKind { return w.facts }

// Update replaces the summary of fs.Path.
func (w *Workspace) Update(fs *FileSummary) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.files[fs.Path] = fs
	w.snap = nil
	w.gen++
}

// Remove drops a file.
func (w *Workspace) Remove(path string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if _, ok := w.files[path]; ok {
		delete(w.files, path)
		w.snap = nil
		w.gen++
	}
}

// Snapshot returns an immutable view of the index as it is now.
func (w *Workspace) Snapshot() *Snapshot {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.snap == nil {
		w.snap = newSnapshot(w.files, w.gen)
		w.snap.carried = w.carried
	}
	return w.snap
}

// Snapshot is an immutable view of the workspace index.
type Snapshot struct {
	Generation uint64
	files      map[string]*FileSummary
	paths      []string
	modules    map[string][]*Module
	etsOps     map[string][]OpAt
	etsTables  map[string][]*Module

	// Workspace-wide answers rules ask for per diagnostic, computed once per snapshot.
	memo    sync.Map
	carried *carried
}

// Memo returns the value computed by fn for key, computing it once per snapshot: rules use
// it for workspace-wide answers that many diagnostics of many files ask for again.
func (s *Snapshot) Memo(key string, fn func() any) any { return s.memoByKey(key, fn) }

// memoByKey is Memo for any comparable key: facts and views use their own pointer, which
// no other key can equal.
func (s *Snapshot) memoByKey(key any, fn func() any) any {
	if v, ok := s.memo.Load(key); ok {
		return v
	}
	v, _ := s.memo.LoadOrStore(key, fn())
	return v
}

// Carry is Memo for answers that can be updated from an earlier snapshot's instead of
// computed from scratch (the OTP008 call graph): fn gets the value the newest earlier
// snapshot of the same workspace computed for key (nil if none) and returns this
// snapshot's. fn must treat prev as read-only: older snapshots may still be using it.
func (s *Snapshot) Carry(key string, fn func(prev any) any) any {
	return s.Memo("carry:"+key, func() any {
		var prev any
		if s.carried != nil {
			s.carried.mu.Lock()
			if c, ok := s.carried.values[key]; ok && c.gen < s.Generation {
				prev = c.value
			}
			s.carried.mu.Unlock()
		}
		v := fn(prev)
		if s.carried != nil {
			s.carried.mu.Lock()
			if c, ok := s.carried.values[key]; !ok || c.gen < s.Generation {
				s.carried.values[key] = carriedValue{gen: s.Generation, value: v}
			}
			s.carried.mu.Unlock()
		}
		return v
	})
}

// OpAt is an ETS operation with the module doing it.
type OpAt struct {
	Module *Module
	ETSOp
}

func newSnapshot(files map[string]*FileSummary, gen uint64) *Snapshot {
	s := &Snapshot{
		Generation: gen,
		files:      make(map[string]*FileSummary, len(files)),
		modules:    map[string][]*Module{},
		etsOps:     map[string][]OpAt{},
		etsTables:  map[string][]*Module{},
	}
	for p, fs := range files {
		s.files[p] = fs
		s.paths = append(s.paths, p)
	}
	sort.Strings(s.paths)
	for _, p := range s.paths {
		for _, m := range s.files[p].Modules {
			s.modules[m.Name] = append(s.modules[m.Name], m)
			for _, op := range m.ETSOps {
				s.etsOps[op.Key] = append(s.etsOps[op.Key], OpAt{Module: m, ETSOp: op})
			}
			for _, t := range m.ETSTables {
				s.etsTables[t.Key] = append(s.etsTables[t.Key], m)
			}
		}
	}
	return s
}

// Paths lists the indexed files in sorted order.
func (s *Snapshot) Paths() []string { return s.paths }

// File returns the summary of path, or nil.
func (s *Snapshot) File(path string) *FileSummary { return s.files[path] }

// Module returns the first module called name (in path order), or nil.
func (s *Snapshot) Module(name string) *Module {
	if ms := s.modules[name]; len(ms) > 0 {
		return ms[0]
	}
	return nil
}

// ModulesNamed returns every module called name, in path order: more than one means the
// name is defined twice in the workspace (a test double, a copy in an example app).
func (s *Snapshot) ModulesNamed(name string) []*Module { return s.modules[name] }

// Modules calls fn for every module in path order.
func (s *Snapshot) Modules(fn func(*Module)) {
	for _, p := range s.paths {
		for _, m := range s.files[p].Modules {
			fn(m)
		}
	}
}

// ETSOps returns every operation on the table with key, over the workspace.
func (s *Snapshot) ETSOps(key string) []OpAt { return s.etsOps[key] }

// OutsideUse is how other modules use a process module other than through its own
// functions: casting or calling it by name, or starting it themselves.
type OutsideUse struct {
	Cast, Call, Start bool
}

// OutsideUses returns how modules other than module itself use it directly
// (`GenServer.cast/call(Module, ...)`, `Module.start_link(...)`), from a table built once
// per snapshot.
func (s *Snapshot) OutsideUses(module string) OutsideUse {
	uses := s.Memo("outside-uses", func() any {
		out := map[string]OutsideUse{}
		s.Modules(func(m *Module) {
			for i := range m.Calls {
				c := &m.Calls[i] // in place: a Call is over a hundred bytes
				switch {
				case (c.Module == "GenServer" || c.Module == ":gen_server") && c.Target != "" && c.Target != m.Name:
					u := out[c.Target]
					u.Cast = u.Cast || c.Name == "cast"
					u.Call = u.Call || c.Name != "cast"
					out[c.Target] = u
				case c.Module != m.Name && (c.Name == "start_link" || c.Name == "start" || c.Name == "child_spec"):
					u := out[c.Module]
					u.Start = true
					out[c.Module] = u
				}
			}
		})
		return out
	}).(map[string]OutsideUse)
	return uses[module]
}
