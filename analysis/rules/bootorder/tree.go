package bootorder

import (
	"strings"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/index"
)

// subtreeDepth is how many supervisors deep an entry's subtree is followed: a child that
// is a supervisor with a static children list starts those children, in order, before the
// next entry of its parent's list starts.
const subtreeDepth = 3

// tree is, for one index snapshot, every static children list of the workspace's
// non-test code with what each entry starts, and where each module is started.
type tree struct {
	lists    []*bootList
	byModule map[string][]occurrence
}

// bootList is one literal children list: a supervisor starts its entries in order, each
// one's start returning before the next begins.
type bootList struct {
	owner *index.Module
	list  *index.ChildList
	items []item
}

// item is one entry of a list with what it starts.
type item struct {
	child index.Child
	// provides maps each name the entry's processes register (a process or registry name,
	// or "ets:" + a named table's key) to the module that registers it, for messages.
	provides map[string]string
	// modules are the workspace modules it starts, its own first.
	modules []string
}

// occurrence is where a module is started: entry item of list, directly (under == "") or
// in the subtree of that entry's supervisor (under is the entry's module).
type occurrence struct {
	list  *bootList
	item  int
	under string
}

// treeOf builds the tree of snap, once per snapshot.
func treeOf(snap *index.Snapshot) *tree {
	return snap.Memo("bootorder-tree", func() any { return buildTree(snap) }).(*tree)
}

func buildTree(snap *index.Snapshot) *tree {
	t := &tree{byModule: map[string][]occurrence{}}
	snap.Modules(func(m *index.Module) {
		if len(m.ChildLists) == 0 || analysis.IsTestFile(m.Path) {
			return // a test's supervisor is not the application's boot
		}
		for i := range m.ChildLists {
			bl := &bootList{owner: m, list: &m.ChildLists[i]}
			for k, ch := range bl.list.Children {
				it := item{child: ch, provides: map[string]string{}}
				it.modules = entryProvides(snap, ch, it.provides, subtreeDepth)
				bl.items = append(bl.items, it)
				for n, mod := range it.modules {
					under := ch.Module
					if n == 0 {
						under = ""
					}
					t.byModule[mod] = append(t.byModule[mod], occurrence{list: bl, item: k, under: under})
				}
			}
			t.lists = append(t.lists, bl)
		}
	})
	return t
}

// entryProvides adds to provides the names the entry ch starts (its `name:`, what its
// module registers, and, for a supervisor, what its own children start), and returns the
// workspace modules it starts, its own first.
func entryProvides(snap *index.Snapshot, ch index.Child, provides map[string]string, depth int) []string {
	if ch.Name != "" {
		provide(provides, ch.Name, ch.Module)
	}
	m := snap.Module(ch.Module)
	if m == nil || ch.Module == "" {
		return nil
	}
	modules := []string{m.Name}
	for _, n := range m.RegisteredNames {
		provide(provides, n, m.Name)
	}
	reached, guarded := reachFrom(m, bootRoots(m), nil), guardedFunctions(m)
	for _, tbl := range m.ETSTables {
		// A creation behind a lookup (`:ets.whereis(t) == :undefined`) may find the table
		// made by someone else already: it is not known to be the one that makes it.
		if tbl.Named && !tbl.Detached && strings.HasPrefix(tbl.Key, ":") && reached.has(tbl.From) && !guarded[tbl.From] {
			provide(provides, etsName(tbl.Key), m.Name)
		}
	}
	if sub := staticChildren(m); sub != nil && depth > 1 {
		for _, inner := range sub.Children {
			if inner.Module != m.Name {
				modules = append(modules, entryProvides(snap, inner, provides, depth-1)...)
			}
		}
	}
	return modules
}

func provide(provides map[string]string, name, by string) {
	if _, ok := provides[name]; !ok {
		provides[name] = by
	}
}

// staticChildren is the children list a supervisor module starts when it is started: the
// one literal list of its init/1 or start_link. Nil when it has none or several (a list
// per branch: which one runs is not known).
func staticChildren(m *index.Module) *index.ChildList {
	var found *index.ChildList
	for i := range m.ChildLists {
		cl := &m.ChildLists[i]
		if cl.From != "init/1" && !strings.HasPrefix(cl.From, "start_link/") {
			continue
		}
		if found != nil {
			return nil
		}
		found = cl
	}
	return found
}

// etsName is the name a named table is provided and needed under.
func etsName(key string) string { return "ets:" + key }
