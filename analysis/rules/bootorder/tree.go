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
	byModule map[string][]occurrence
}

// bootList is one literal children list: a supervisor starts its entries in order, each
// one's start returning before the next begins.
type bootList struct {
	// owner and path are the module the list is written in and its file.
	owner, path string
	listFact
	items []item
	// firstProvider maps each name an entry provides to the first entry providing it;
	// lastNew is the greatest of those indexes. An entry's module can only need a later
	// sibling for a name first provided after it: none exists for the entries from
	// lastNew on, most of a list's (laterSibling).
	firstProvider map[string]int
	lastNew       int
}

// item is one entry of a list with what it starts.
type item struct {
	child index.Child
	// provides maps each name the entry's processes register (a process or registry name,
	// or "ets:" + a named table's key) to the module that registers it, for messages.
	provides map[string]string
	// modules are the modules it starts, its own first.
	modules []string
}

// occurrence is where a module is started: entry item of list, directly (under == "") or
// in the subtree of that entry's supervisor (under is the entry's module).
type occurrence struct {
	list  *bootList
	item  int
	under string
}

// The tree is a view over two facts of each module, so that a snapshot takes it over from
// the previous one unless an edit changes a children list or what a module starts (a
// keystroke in a function body does neither): rebuilding it for every keystroke cost more
// than the rest of the keystroke in a large workspace.

// listFact is one literal children list of a module outside test files.
type listFact struct {
	list index.ChildList
	// text is the list's source (from `[` to `]`): the move fix is made while a child's
	// file is analysed, when the supervisor's file has no syntax tree.
	text string
	// application: the list is the children list of an Application's start/2.
	application bool
}

var listsFact = index.NewFact("OTP016.lists", func(ms index.ModuleSource) ([]listFact, bool) {
	m := ms.Summary
	if len(m.ChildLists) == 0 || analysis.IsTestFile(m.Path) {
		return nil, false // a test's supervisor is not the application's boot
	}
	out := make([]listFact, len(m.ChildLists))
	for i, cl := range m.ChildLists {
		out[i] = listFact{list: cl, text: strings.Clone(ms.File.Text[cl.Span.Start():cl.Span.End()]),
			application: cl.From == "start/2" && m.Is("Application")}
	}
	return out, true
})

// starts is what starting a module brings up besides its own process.
type starts struct {
	// registered are the names its start functions register.
	registered []string
	// tables are the named tables its boot code creates for sure (etsName keys).
	tables []string
	// children are the entries of the static children list it starts, when it is a
	// supervisor with one.
	children []index.Child
}

var startsFact = index.NewFact("OTP016.starts", func(ms index.ModuleSource) (starts, bool) {
	m := ms.Summary
	st := starts{registered: m.RegisteredNames}
	var boot reached
	var guarded map[string]bool
	walked := false
	for _, tbl := range m.ETSTables {
		if !tbl.Named || tbl.Detached || !strings.HasPrefix(tbl.Key, ":") {
			continue
		}
		if !walked {
			boot, guarded, walked = reachFrom(m, bootRoots(m), nil), guardedFunctions(m), true
		}
		// A creation behind a lookup (`:ets.whereis(t) == :undefined`) may find the table
		// made by someone else already: it is not known to be the one that makes it.
		if boot.has(tbl.From) && !guarded[tbl.From] {
			st.tables = append(st.tables, etsName(tbl.Key))
		}
	}
	if sub := staticChildren(m); sub != nil {
		st.children = sub.Children
	}
	return st, len(st.registered) > 0 || len(st.tables) > 0 || len(st.children) > 0
})

var treeView = index.NewView("OTP016.tree", buildTree)

// treeOf returns the tree of snap.
func treeOf(snap *index.Snapshot) *tree { return treeView.Of(snap) }

func buildTree(snap *index.Snapshot) *tree {
	// What each module starts, the first module of a name that starts anything.
	byName := map[string]starts{}
	for _, h := range startsFact.In(snap) {
		if _, dup := byName[h.Module.Name]; !dup {
			byName[h.Module.Name] = h.Value
		}
	}
	t := &tree{byModule: map[string][]occurrence{}}
	for _, h := range listsFact.In(snap) {
		for i := range h.Value {
			bl := &bootList{owner: h.Module.Name, path: h.Module.Path, listFact: h.Value[i]}
			for k, ch := range bl.list.Children {
				it := item{child: ch, provides: map[string]string{}}
				it.modules = entryProvides(byName, ch, it.provides, subtreeDepth)
				bl.items = append(bl.items, it)
				for name := range it.provides {
					if _, ok := bl.firstProvider[name]; !ok {
						if bl.firstProvider == nil {
							bl.firstProvider = map[string]int{}
						}
						bl.firstProvider[name], bl.lastNew = k, k
					}
				}
				for n, mod := range it.modules {
					under := ch.Module
					if n == 0 {
						under = ""
					}
					t.byModule[mod] = append(t.byModule[mod], occurrence{list: bl, item: k, under: under})
				}
			}
		}
	}
	return t
}

// entryProvides adds to provides the names the entry ch starts (its `name:`, what its
// module registers, and, for a supervisor, what its own children start), and returns the
// modules it starts, its own first.
func entryProvides(byName map[string]starts, ch index.Child, provides map[string]string, depth int) []string {
	if ch.Name != "" {
		provide(provides, ch.Name, ch.Module)
	}
	if ch.Module == "" {
		return nil
	}
	modules := []string{ch.Module}
	st := byName[ch.Module]
	for _, n := range st.registered {
		provide(provides, n, ch.Module)
	}
	for _, tbl := range st.tables {
		provide(provides, tbl, ch.Module)
	}
	if depth > 1 {
		for _, inner := range st.children {
			if inner.Module != ch.Module {
				modules = append(modules, entryProvides(byName, inner, provides, depth-1)...)
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
