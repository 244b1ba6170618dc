package index

import (
	"slices"
	"sort"
	"sync"
	"sync/atomic"
)

// Workspace holds the summaries of every file of a workspace. Updating one file replaces
// only that file's summary; views over all modules are rebuilt lazily into an immutable
// Snapshot, which rules read.
//
// A keystroke replaces one file's summary and asks for a snapshot: the next snapshot is
// derived from the previous one, sharing everything the changed files do not touch (the
// file table's paths, the maps by module name and ETS key, the answers of views and facts
// lists whose inputs did not change), so that its cost follows the edit, not the
// workspace. A change log says which files changed between two generations.
type Workspace struct {
	// facts are computed for every file entered (see Fact).
	facts []*FactKind
	mu    sync.Mutex
	files map[string]*FileSummary
	// snap is the newest snapshot made; it is current while its Generation is gen.
	snap *Snapshot
	gen  uint64
	log  changeLog
	// carried is shared by all snapshots of this workspace: see Snapshot.Carry.
	carried *carried
}

// changeLog lists the file changed at each generation, for the latest generations. It is
// only appended to (a snapshot keeps the entries up to its own generation) or replaced by a
// shorter copy.
type changeLog struct {
	entries []logEntry
	// floor: the entries cover every generation after floor.
	floor uint64
}

type logEntry struct {
	gen  uint64
	path string
}

// maxLog is how many changes the log keeps: answers carried from a snapshot older than
// that are computed anew.
const maxLog = 4096

func (l *changeLog) add(gen uint64, path string) {
	if len(l.entries) >= 2*maxLog {
		kept := slices.Clone(l.entries[len(l.entries)-maxLog:])
		l.entries, l.floor = kept, kept[0].gen-1
	}
	l.entries = append(l.entries, logEntry{gen, path})
}

// since returns the paths changed after generation gen (each once), false when the log no
// longer reaches back that far.
func (l changeLog) since(gen uint64) ([]string, bool) {
	if gen < l.floor {
		return nil, false
	}
	var out []string
	var seen map[string]bool // for many changes (indexing): a scan of out for each would be quadratic
	for i := len(l.entries) - 1; i >= 0 && l.entries[i].gen > gen; i-- {
		p := l.entries[i].path
		if seen == nil && len(out) >= 16 {
			seen = make(map[string]bool, len(out))
			for _, q := range out {
				seen[q] = true
			}
		}
		if seen != nil && !seen[p] || seen == nil && !slices.Contains(out, p) {
			out = append(out, p)
			if seen != nil {
				seen[p] = true
			}
		}
	}
	return out, true
}

// carried keeps, per key, the latest value a snapshot computed with Carry (or a derived
// answer: facts lists, views), so the next snapshot can derive its value from it instead
// of from scratch. Only the latest value is kept: old snapshots are not chained together.
type carried struct {
	mu     sync.Mutex
	values map[any]carriedValue
}

type carriedValue struct {
	gen   uint64
	table *fileTable // the files the value was computed from
	value any
}

// load returns the value carried for key from a generation before gen.
func (c *carried) load(key any, gen uint64) (carriedValue, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.values[key]
	return v, ok && v.gen < gen
}

// store keeps v for key unless a newer generation's value is kept already.
func (c *carried) store(key any, v carriedValue) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.values[key]; !ok || old.gen < v.gen {
		c.values[key] = v
	}
}

// NewWorkspace returns an empty index whose files are summarised with facts (the Facts of
// the analyzers that will read it).
func NewWorkspace(facts ...*FactKind) *Workspace {
	return &Workspace{facts: facts, files: map[string]*FileSummary{}, carried: &carried{values: map[any]carriedValue{}}}
}

// Facts are the fact kinds the workspace's files are summarised with.
func (w *Workspace) Facts() []*FactKind { return w.facts }

// Update replaces the summary of fs.Path.
func (w *Workspace) Update(fs *FileSummary) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.files[fs.Path] = fs
	w.gen++
	w.log.add(w.gen, fs.Path)
}

// Remove drops a file.
func (w *Workspace) Remove(path string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if _, ok := w.files[path]; ok {
		delete(w.files, path)
		w.gen++
		w.log.add(w.gen, path)
	}
}

// derivedSnapshots counts the snapshots derived from a previous one (tests check that the
// derivation is what they exercise).
var derivedSnapshots atomic.Int64

// Snapshot returns an immutable view of the index as it is now.
func (w *Workspace) Snapshot() *Snapshot {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.snap != nil && w.snap.Generation == w.gen {
		return w.snap
	}
	var s *Snapshot
	if w.snap != nil {
		// A few changed files are applied to the previous snapshot; many (the workspace
		// being indexed) are cheaper built from scratch.
		if paths, ok := w.log.since(w.snap.Generation); ok && len(paths) <= max(64, len(w.files)/8) {
			s = w.snap.derive(paths, w.files, w.gen)
			derivedSnapshots.Add(1)
		}
	}
	if s == nil {
		s = newSnapshot(w.files, w.gen)
	}
	s.log, s.memo, s.carried = w.log, &sync.Map{}, w.carried
	w.snap = s
	return s
}

// Snapshot is an immutable view of the workspace index.
type Snapshot struct {
	Generation uint64
	table      *fileTable
	modules    *pmap[[]*Module]
	etsOps     *pmap[[]OpAt]
	etsTables  *pmap[[]*Module]
	// log is the workspace's change log up to this snapshot's generation.
	log changeLog

	// Workspace-wide answers rules ask for per diagnostic, computed once per snapshot.
	memo    *sync.Map
	carried *carried
	// tracker is set on the copy of a snapshot a View's build reads: it records what the
	// view depends on (see View).
	tracker *tracker
}

// fileTable is the snapshot's files in path order, with each path's place.
type fileTable struct {
	paths []string
	sums  []*FileSummary
	// pos is shared by tables of the same paths: an edit of a file changes only sums.
	pos map[string]int32
}

func (t *fileTable) file(path string) *FileSummary {
	if i, ok := t.pos[path]; ok {
		return t.sums[i]
	}
	return nil
}

// Memo returns the value computed by fn for key, computing it once per snapshot: rules use
// it for workspace-wide answers that many diagnostics of many files ask for again.
//
// A memoised answer is computed again for every snapshot, so on every keystroke: an
// answer over every module of the workspace is better an index.NewView over facts, which
// a snapshot takes over from the previous one when the facts it read did not change.
func (s *Snapshot) Memo(key string, fn func() any) any {
	s.dependsOnAll()
	return s.memoByKey(key, fn)
}

// memoByKey is Memo for any comparable key: facts and views use their own pointer, which
// no other key can equal.
func (s *Snapshot) memoByKey(key any, fn func() any) any {
	if v, ok := s.memo.Load(key); ok {
		return v
	}
	v, _ := s.memo.LoadOrStore(key, fn())
	return v
}

// carryKey is the key of a Carry answer among the carried values (other keys are
// pointers and internal names).
type carryKey string

// Carry is Memo for answers that can be updated from an earlier snapshot's instead of
// computed from scratch (the OTP008 call graph): fn gets the value the newest earlier
// snapshot of the same workspace computed for key (nil if none) and returns this
// snapshot's. fn must treat prev as read-only: older snapshots may still be using it.
// Changed tells fn which files differ from the snapshot prev was computed for.
func (s *Snapshot) Carry(key string, fn func(prev any) any) any {
	s.dependsOnAll()
	return s.memoByKey(carryKey(key), func() any {
		var prev any
		if c, ok := s.carried.load(carryKey(key), s.Generation); ok {
			prev = c.value
		}
		v := fn(prev)
		s.carried.store(carryKey(key), carriedValue{gen: s.Generation, table: s.table, value: v})
		return v
	})
}

// Changed returns the paths of the files that were updated or removed after generation
// gen up to this snapshot's (an answer carried from a snapshot of generation gen needs
// redoing for exactly these), false when the workspace no longer knows: redo everything.
func (s *Snapshot) Changed(gen uint64) ([]string, bool) {
	if gen > s.Generation {
		return nil, false
	}
	return s.log.since(gen)
}

// fileChange is a file that differs between two snapshots, with its summary in each (nil
// where it is not indexed).
type fileChange struct {
	path     string
	old, new *FileSummary
}

// changesSince lists the files that differ between the files old of generation gen and s,
// sorted by path; false when the change log no longer reaches back to gen.
func (s *Snapshot) changesSince(gen uint64, old *fileTable) ([]fileChange, bool) {
	paths, ok := s.Changed(gen)
	if !ok {
		return nil, false
	}
	sort.Strings(paths)
	out := make([]fileChange, 0, len(paths))
	for _, p := range paths {
		if o, n := old.file(p), s.table.file(p); o != n {
			out = append(out, fileChange{path: p, old: o, new: n})
		}
	}
	return out, true
}

// derive returns s's value for key: update's result from the value the newest earlier
// snapshot carried (with the files changed since), or build's when there is none, the
// change log does not reach back to it, or update declines.
func derive[T any](s *Snapshot, key any, build func() T, update func(prev T, changes []fileChange) (T, bool)) T {
	return s.memoByKey(key, func() any {
		if c, ok := s.carried.load(key, s.Generation); ok {
			if changes, ok := s.changesSince(c.gen, c.table); ok {
				if v, ok := update(c.value.(T), changes); ok {
					s.carried.store(key, carriedValue{gen: s.Generation, table: s.table, value: v})
					return v
				}
			}
		}
		v := build()
		s.carried.store(key, carriedValue{gen: s.Generation, table: s.table, value: v})
		return v
	}).(T)
}

// OpAt is an ETS operation with the module doing it.
type OpAt struct {
	Module *Module
	ETSOp
}

func newSnapshot(files map[string]*FileSummary, gen uint64) *Snapshot {
	t := &fileTable{paths: make([]string, 0, len(files)), sums: make([]*FileSummary, len(files)), pos: make(map[string]int32, len(files))}
	for p := range files {
		t.paths = append(t.paths, p)
	}
	sort.Strings(t.paths)
	for i, p := range t.paths {
		t.sums[i] = files[p]
		t.pos[p] = int32(i)
	}
	mods, ops, tables := (*pmap[[]*Module])(nil).edit(), (*pmap[[]OpAt])(nil).edit(), (*pmap[[]*Module])(nil).edit()
	for _, fs := range t.sums {
		for _, m := range fs.Modules {
			mods.set(m.Name, append(mods.get(m.Name), m))
			for _, op := range m.ETSOps {
				ops.set(op.Key, append(ops.get(op.Key), OpAt{Module: m, ETSOp: op}))
			}
			for _, tb := range m.ETSTables {
				tables.set(tb.Key, append(tables.get(tb.Key), m))
			}
		}
	}
	return &Snapshot{Generation: gen, table: t, modules: mods.done(), etsOps: ops.done(), etsTables: tables.done()}
}

// derive makes the snapshot of generation gen from s, the files at paths having changed
// (files holds every file now): what no changed file touches is shared with s.
func (s *Snapshot) derive(paths []string, files map[string]*FileSummary, gen uint64) *Snapshot {
	sort.Strings(paths)
	var changes []fileChange
	for _, p := range paths {
		if o, n := s.table.file(p), files[p]; o != n {
			changes = append(changes, fileChange{path: p, old: o, new: n})
		}
	}
	n := &Snapshot{Generation: gen, table: s.table.with(changes), modules: s.modules, etsOps: s.etsOps, etsTables: s.etsTables}
	if len(changes) == 0 {
		return n
	}
	mods, ops, tables := s.modules.edit(), s.etsOps.edit(), s.etsTables.edit()
	for _, c := range changes {
		for _, name := range moduleNames(c.old, c.new) {
			var add []*Module
			for _, m := range modulesOf(c.new) {
				if m.Name == name {
					add = append(add, m)
				}
			}
			setOrDelete(mods, name, spliceFile(mods.get(name), c.path, add, func(m *Module) string { return m.Path }))
		}
		for _, key := range etsKeys(c.old, c.new, func(m *Module) []string { return opKeys(m) }) {
			var add []OpAt
			for _, m := range modulesOf(c.new) {
				for _, op := range m.ETSOps {
					if op.Key == key {
						add = append(add, OpAt{Module: m, ETSOp: op})
					}
				}
			}
			setOrDelete(ops, key, spliceFile(ops.get(key), c.path, add, func(o OpAt) string { return o.Module.Path }))
		}
		for _, key := range etsKeys(c.old, c.new, func(m *Module) []string { return tableKeys(m) }) {
			var add []*Module
			for _, m := range modulesOf(c.new) {
				for _, tb := range m.ETSTables {
					if tb.Key == key {
						add = append(add, m)
					}
				}
			}
			setOrDelete(tables, key, spliceFile(tables.get(key), c.path, add, func(m *Module) string { return m.Path }))
		}
	}
	n.modules, n.etsOps, n.etsTables = mods.done(), ops.done(), tables.done()
	return n
}

// with returns the table with changes applied (sorted by path), sharing paths and places
// when no file was added or removed.
func (t *fileTable) with(changes []fileChange) *fileTable {
	sameSet := true
	for _, c := range changes {
		sameSet = sameSet && c.old != nil && c.new != nil
	}
	if sameSet {
		n := &fileTable{paths: t.paths, sums: slices.Clone(t.sums), pos: t.pos}
		for _, c := range changes {
			n.sums[t.pos[c.path]] = c.new
		}
		return n
	}
	// Merge the sorted old paths with the sorted changes.
	n := &fileTable{paths: make([]string, 0, len(t.paths)+len(changes)), sums: make([]*FileSummary, 0, len(t.paths)+len(changes))}
	i := 0
	for _, c := range changes {
		for ; i < len(t.paths) && t.paths[i] < c.path; i++ {
			n.paths, n.sums = append(n.paths, t.paths[i]), append(n.sums, t.sums[i])
		}
		if i < len(t.paths) && t.paths[i] == c.path {
			i++
		}
		if c.new != nil {
			n.paths, n.sums = append(n.paths, c.path), append(n.sums, c.new)
		}
	}
	n.paths, n.sums = append(n.paths, t.paths[i:]...), append(n.sums, t.sums[i:]...)
	n.pos = make(map[string]int32, len(n.paths))
	for i, p := range n.paths {
		n.pos[p] = int32(i)
	}
	return n
}

func modulesOf(fs *FileSummary) []*Module {
	if fs == nil {
		return nil
	}
	return fs.Modules
}

// moduleNames are the names of the modules of either summary, each once.
func moduleNames(a, b *FileSummary) []string {
	var out []string
	for _, m := range append(slices.Clip(modulesOf(a)), modulesOf(b)...) {
		if !slices.Contains(out, m.Name) {
			out = append(out, m.Name)
		}
	}
	return out
}

func opKeys(m *Module) []string {
	out := make([]string, len(m.ETSOps))
	for i, op := range m.ETSOps {
		out[i] = op.Key
	}
	return out
}

func tableKeys(m *Module) []string {
	out := make([]string, len(m.ETSTables))
	for i, t := range m.ETSTables {
		out[i] = t.Key
	}
	return out
}

// etsKeys are the keys of either summary's modules, each once.
func etsKeys(a, b *FileSummary, keys func(*Module) []string) []string {
	var out []string
	for _, m := range append(slices.Clip(modulesOf(a)), modulesOf(b)...) {
		for _, k := range keys(m) {
			if !slices.Contains(out, k) {
				out = append(out, k)
			}
		}
	}
	return out
}

// spliceFile returns list (in path order) with the entries of path replaced by add.
func spliceFile[E any](list []E, path string, add []E, pathOf func(E) string) []E {
	from := sort.Search(len(list), func(i int) bool { return pathOf(list[i]) >= path })
	to := from
	for to < len(list) && pathOf(list[to]) == path {
		to++
	}
	if to == from && len(add) == 0 {
		return list
	}
	out := make([]E, 0, len(list)-(to-from)+len(add))
	out = append(append(append(out, list[:from]...), add...), list[to:]...)
	return out
}

func setOrDelete[E any](m *pmapEdit[[]E], key string, list []E) {
	if len(list) == 0 {
		m.delete(key)
	} else {
		m.set(key, list)
	}
}

// Paths lists the indexed files in sorted order.
func (s *Snapshot) Paths() []string {
	s.dependsOnAll()
	return s.table.paths
}

// File returns the summary of path, or nil.
func (s *Snapshot) File(path string) *FileSummary {
	if s.tracker != nil {
		s.tracker.dependOnPath(path)
	}
	return s.table.file(path)
}

// Module returns the first module called name (in path order), or nil.
func (s *Snapshot) Module(name string) *Module {
	if s.tracker != nil {
		s.tracker.dependOnName(name)
	}
	if ms := s.modules.get(name); len(ms) > 0 {
		return ms[0]
	}
	return nil
}

// ModulesNamed returns every module called name, in path order: more than one means the
// name is defined twice in the workspace (a test double, a copy in an example app).
func (s *Snapshot) ModulesNamed(name string) []*Module {
	if s.tracker != nil {
		s.tracker.dependOnName(name)
	}
	return s.modules.get(name)
}

// Modules calls fn for every module in path order.
func (s *Snapshot) Modules(fn func(*Module)) {
	s.dependsOnAll()
	for _, fs := range s.table.sums {
		for _, m := range fs.Modules {
			fn(m)
		}
	}
}

// ETSOps returns every operation on the table with key, over the workspace.
func (s *Snapshot) ETSOps(key string) []OpAt {
	s.dependsOnAll()
	return s.etsOps.get(key)
}

func (s *Snapshot) dependsOnAll() {
	if s.tracker != nil {
		s.tracker.dependOnAll()
	}
}

// OutsideUse is how other modules use a process module other than through its own
// functions: casting or calling it by name, or starting it themselves.
type OutsideUse struct {
	Cast, Call, Start bool
}

// useCounts counts the outside uses of one module over the workspace: a file's edit
// takes away its old uses and adds its new ones.
type useCounts struct{ cast, call, start int32 }

// OutsideUses returns how modules other than module itself use it directly
// (`GenServer.cast/call(Module, ...)`, `Module.start_link(...)`), from a table updated per
// snapshot with the uses of the files changed since the previous one.
func (s *Snapshot) OutsideUses(module string) OutsideUse {
	s.dependsOnAll()
	uses := derive(s, internalKey("outside-uses"), func() *pmap[useCounts] {
		e := (*pmap[useCounts])(nil).edit()
		for _, fs := range s.table.sums {
			addOutsideUses(e, fs, 1)
		}
		return e.done()
	}, func(prev *pmap[useCounts], changes []fileChange) (*pmap[useCounts], bool) {
		e := prev.edit()
		for _, c := range changes {
			addOutsideUses(e, c.old, -1)
			addOutsideUses(e, c.new, 1)
		}
		return e.done(), true
	})
	c := uses.get(module)
	return OutsideUse{Cast: c.cast > 0, Call: c.call > 0, Start: c.start > 0}
}

// internalKey names the index's own derived answers among the carried values.
type internalKey string

// addOutsideUses adds the outside uses fs's modules make, times sign (-1 takes them away).
func addOutsideUses(e *pmapEdit[useCounts], fs *FileSummary, sign int32) {
	for _, m := range modulesOf(fs) {
		for i := range m.Calls {
			c := &m.Calls[i] // in place: a Call is nearly a hundred bytes
			var target string
			var d useCounts
			switch {
			case (c.Module == "GenServer" || c.Module == ":gen_server") && c.Target() != "" && c.Target() != m.Name:
				target = c.Target()
				if c.Name == "cast" {
					d.cast = sign
				} else {
					d.call = sign
				}
			case c.Module != m.Name && (c.Name == "start_link" || c.Name == "start" || c.Name == "child_spec"):
				target, d.start = c.Module, sign
			default:
				continue
			}
			u := e.get(target)
			u.cast, u.call, u.start = u.cast+d.cast, u.call+d.call, u.start+d.start
			if u == (useCounts{}) {
				e.delete(target)
			} else {
				e.set(target, u)
			}
		}
	}
}
