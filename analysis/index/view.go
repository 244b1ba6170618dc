package index

import (
	"reflect"
	"sync"
	"sync/atomic"
)

// View is a workspace-wide answer a rule derives from a snapshot (from its facts and
// summaries), computed on first use and shared by every file's run.
//
// A view is not built again for every snapshot. Its build reads the snapshot through a
// copy that records what it reads, and a later snapshot takes the value over when none of
// the files changed since touched what was read:
//   - Fact.In: the changed files' holders of the fact, by module name and value
//     (reflect.DeepEqual), are the same as before;
//   - Snapshot.Module(name): no changed file defines, or defined, a module of that name;
//   - Snapshot.File(path): the file is not among the changed;
//   - another view's Of: that view's value was taken over too;
//   - anything else (Modules, Paths, ETSOps, OutsideUses, MixProject, Memo, Carry): no
//     file changed at all.
//
// A keystroke in a function body changes no fact of most rules (a fact that holds no
// positions does not change at all), so the views over facts are not rebuilt. The value
// must be a function of what the build read: of a Fact.In holder it may keep the name and
// the fact, not the module (an unchanged holder may be the previous version of a module
// whose file changed elsewhere).
type View[T any] struct {
	name  string
	build func(*Snapshot) T
}

// NewView declares a view.
func NewView[T any](name string, build func(*Snapshot) T) *View[T] {
	return &View[T]{name: name, build: build}
}

// Of returns the view's value for s.
func (v *View[T]) Of(s *Snapshot) T {
	r := v.result(s.untracked())
	if s.tracker != nil {
		s.tracker.dependOnView(v, r.version)
	}
	return r.value
}

// viewValue is a view's value with what it was built from.
type viewValue[T any] struct {
	value T
	deps  *tracker
	// version tells a value apart from a rebuilt one (for the views built over this one).
	version uint64
}

var viewVersions atomic.Uint64

func (v *View[T]) result(s *Snapshot) *viewValue[T] {
	return derive(s, v, func() *viewValue[T] {
		t := &tracker{}
		reading := *s
		reading.tracker = t
		value := v.build(&reading)
		return &viewValue[T]{value: value, deps: t, version: viewVersions.Add(1)}
	}, func(prev *viewValue[T], changes []fileChange) (*viewValue[T], bool) {
		return prev, prev.deps.unchangedBy(changes, s)
	})
}

// versionIn is the version of the view's value for s (see tracker.views).
func (v *View[T]) versionIn(s *Snapshot) uint64 { return v.result(s).version }

// untracked is s without a tracker: what a view reads for itself is not its reader's.
func (s *Snapshot) untracked() *Snapshot {
	if s.tracker == nil {
		return s
	}
	u := *s
	u.tracker = nil
	return &u
}

// tracker records what a view's build read of a snapshot.
type tracker struct {
	mu    sync.Mutex
	all   bool
	facts []*FactKind
	names map[string]bool
	paths map[string]bool
	views map[versioned]uint64
}

// versioned is a view of any type, as a dependency.
type versioned interface {
	versionIn(*Snapshot) uint64
}

func (t *tracker) dependOnAll() {
	t.mu.Lock()
	t.all = true
	t.mu.Unlock()
}

func (t *tracker) dependOnFact(k *FactKind) {
	t.mu.Lock()
	for _, f := range t.facts {
		if f == k {
			t.mu.Unlock()
			return
		}
	}
	t.facts = append(t.facts, k)
	t.mu.Unlock()
}

func (t *tracker) dependOnName(name string) { t.dependOnKey(&t.names, name) }

func (t *tracker) dependOnPath(path string) { t.dependOnKey(&t.paths, path) }

func (t *tracker) dependOnKey(set *map[string]bool, key string) {
	t.mu.Lock()
	if *set == nil {
		*set = map[string]bool{}
	}
	(*set)[key] = true
	t.mu.Unlock()
}

func (t *tracker) dependOnView(v versioned, version uint64) {
	t.mu.Lock()
	if t.views == nil {
		t.views = map[versioned]uint64{}
	}
	t.views[v] = version
	t.mu.Unlock()
}

// unchangedBy reports whether nothing the build read differs in s, whose files differ by
// changes from the snapshot it read.
func (t *tracker) unchangedBy(changes []fileChange, s *Snapshot) bool {
	if len(changes) == 0 {
		return true
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.all {
		return false
	}
	for _, c := range changes {
		if t.paths[c.path] {
			return false
		}
		for _, fs := range []*FileSummary{c.old, c.new} {
			for _, m := range modulesOf(fs) {
				if t.names[m.Name] {
					return false
				}
			}
		}
		for _, k := range t.facts {
			if !k.sameHolders(c.old, c.new) {
				return false
			}
		}
	}
	for v, version := range t.views {
		if v.versionIn(s) != version {
			return false
		}
	}
	return true
}

// sameHolders reports whether the modules of a and b that hold the fact have the same
// names and values, in the same order.
func (k *FactKind) sameHolders(a, b *FileSummary) bool {
	next := func(ms []*Module) (*Module, any, []*Module) {
		for i, m := range ms {
			if v, ok := k.valueOf(m); ok {
				return m, v, ms[i+1:]
			}
		}
		return nil, nil, nil
	}
	as, bs := modulesOf(a), modulesOf(b)
	for {
		var ma, mb *Module
		var va, vb any
		ma, va, as = next(as)
		mb, vb, bs = next(bs)
		switch {
		case ma == nil || mb == nil:
			return ma == nil && mb == nil
		case ma.Name != mb.Name || !reflect.DeepEqual(va, vb):
			return false
		}
	}
}
