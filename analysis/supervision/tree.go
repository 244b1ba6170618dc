// Package supervision builds a workspace's supervision forest from its index snapshot:
// each Application's root supervisor and its children in start order, the modules
// DynamicSupervisors start at run time, and the synchronous calls that cross from one
// branch of a tree into another (docs/tree.md). It reads only the index: closed files
// need no syntax tree, and nothing is run.
package supervision

import (
	"slices"
	"strconv"
	"strings"

	"go.lsp.dev/uri"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/index"
)

// Forest is the tree JSON of contract 1 (docs/tree.md).
type Forest struct {
	Version      int     `json:"version"`
	Applications []*Node `json:"applications"`
	Orphans      []*Node `json:"orphans"`
	Edges        []Edge  `json:"edges"`
}

// Node is one process (or an entry that cannot be read) of the forest.
type Node struct {
	ID       string    `json:"id"`
	Kind     string    `json:"kind"`
	Label    string    `json:"label"`
	Detail   string    `json:"detail,omitempty"`
	Module   *string   `json:"module"`
	ChildID  *string   `json:"childId"`
	Name     *string   `json:"name"`
	Strategy *string   `json:"strategy"`
	Restart  *string   `json:"restart"`
	Dynamic  bool      `json:"dynamic"`
	Location *Location `json:"location"`
	Children []*Node   `json:"children"`

	parent *Node
	path   string // the file of Location, for the text output
}

// Edge is a synchronous call from code of one branch to a server registered in another.
type Edge struct {
	From     string   `json:"from"`
	To       string   `json:"to"`
	Kind     string   `json:"kind"`
	Label    string   `json:"label"`
	Location Location `json:"location"`

	path string
}

// Location is an LSP location.
type Location struct {
	URI   string `json:"uri"`
	Range Range  `json:"range"`
}

// Range is an LSP range (0-based lines, UTF-16 characters).
type Range struct {
	Start Position `json:"start"`
	End   Position `json:"end"`
}

// Position is an LSP position.
type Position struct {
	Line      int `json:"line"`
	Character int `json:"character"`
}

// Node kinds.
const (
	KindApplication         = "application"
	KindSupervisor          = "supervisor"
	KindDynamicSupervisor   = "dynamic_supervisor"
	KindTaskSupervisor      = "task_supervisor"
	KindRegistry            = "registry"
	KindPartitionSupervisor = "partition_supervisor"
	KindWorker              = "worker"
	KindTask                = "task"
	KindUnknown             = "unknown"
)

// libraryKinds are the kinds of Elixir's own modules started as children; their
// child_spec/1 is known (Task's children are temporary, the others permanent).
var libraryKinds = map[string]string{
	"Registry": KindRegistry, "Task.Supervisor": KindTaskSupervisor,
	"DynamicSupervisor": KindDynamicSupervisor, "PartitionSupervisor": KindPartitionSupervisor,
	"Supervisor": KindSupervisor, "Task": KindTask, "Agent": KindWorker,
}

// builder holds what one Build reads.
type builder struct {
	snap *index.Snapshot
	// facts are each module's tree facts, the first module of a name.
	facts map[string]moduleFacts
	// startsOf are the start_child sites by the supervisor name they start under.
	startsOf map[string][]siteIn
	// unnamed are the start sites of each module under a supervisor the code does not
	// name (a variable, a via tuple): said on the module's node when it is an orphan.
	unnamed map[string][]siteIn
	// reached are the modules placed in an application's tree.
	reached map[string]bool
	ids     map[string]int
}

// siteIn is a start_child site with the module it is written in.
type siteIn struct {
	startSite
	module, path string
}

// Build returns the forest of snap.
func Build(snap *index.Snapshot) *Forest {
	b := &builder{snap: snap, facts: map[string]moduleFacts{}, startsOf: map[string][]siteIn{}, unnamed: map[string][]siteIn{},
		reached: map[string]bool{}, ids: map[string]int{}}
	mixMods := map[string]bool{}    // the modules mix.exs files name as `mod:`
	appNames := map[string]string{} // mix.exs path -> its `app:`
	for _, h := range modulesFact.In(snap) {
		if analysis.IsTestFile(h.Module.Path) {
			continue // a test's supervisors and starts are not the application's
		}
		if _, dup := b.facts[h.Module.Name]; !dup {
			b.facts[h.Module.Name] = h.Value
		}
		if a := h.Value.App; a != nil {
			mixMods[a.Mod] = true
			appNames[h.Module.Path] = a.App
		}
		for _, s := range h.Value.Starts {
			if s.Supervisor == "" {
				if s.Module != "" {
					b.unnamed[s.Module] = append(b.unnamed[s.Module], siteIn{s, h.Module.Name, h.Module.Path})
				}
				continue // started under a supervisor the code does not name
			}
			b.startsOf[s.Supervisor] = append(b.startsOf[s.Supervisor], siteIn{s, h.Module.Name, h.Module.Path})
		}
	}
	f := &Forest{Version: 1, Applications: []*Node{}, Orphans: []*Node{}, Edges: []Edge{}}
	var apps []*index.Module
	snap.Modules(func(m *index.Module) {
		if m.Function("start", 2) != nil && !analysis.IsTestFile(m.Path) && (m.Is("Application") || mixMods[m.Name]) {
			apps = append(apps, m)
		}
	})
	slices.SortStableFunc(apps, func(a, b *index.Module) int { return strings.Compare(a.Path, b.Path) })
	for _, m := range apps {
		app := ""
		if p := snap.MixProject(m.Path); p != nil && p.Dir != "" {
			app = appNames[p.Dir+"/mix.exs"]
		}
		f.Applications = append(f.Applications, b.application(m, app))
	}
	// Supervisors no application reaches: started from elsewhere (a test, a library's
	// caller, a start_child site whose supervisor is not found), or not at all.
	var orphans []*index.Module
	snap.Modules(func(m *index.Module) {
		if b.reached[m.Name] || analysis.IsTestFile(m.Path) || m.Is("Application") {
			return
		}
		if _, ok := b.facts[m.Name]; ok && (m.Is("Supervisor") || m.Is("DynamicSupervisor")) {
			orphans = append(orphans, m)
		}
	})
	slices.SortStableFunc(orphans, func(a, b *index.Module) int { return strings.Compare(a.Path, b.Path) })
	for _, m := range orphans {
		if b.reached[m.Name] {
			continue // started under an orphan listed before
		}
		n := b.moduleNode("orphan", m.Name, index.Loc{Path: m.Path, Span: m.NameSpan}, child{Module: m.Name}, nil, nil)
		for _, s := range b.unnamed[m.Name] {
			n.Detail = joinDetail(n.Detail, "started by "+s.Call+" in "+s.module+"."+or(s.From, "(module body)")+" under a supervisor the code does not name")
		}
		f.Orphans = append(f.Orphans, n)
	}
	f.Edges = b.edges(f)
	return f
}

// application is the node of Application module m with its root supervisor.
func (b *builder) application(m *index.Module, app string) *Node {
	b.reached[m.Name] = true
	n := &Node{ID: b.id("app/" + m.Name), Kind: KindApplication, Module: str(m.Name), Dynamic: false,
		Children: []*Node{}}
	n.Label = m.Name + " (application)"
	if app != "" {
		n.Label = m.Name + " (application :" + app + ")"
	}
	n.setLocation(m.Path, m.NameSpan)
	for _, s := range b.facts[m.Name].Supervisors {
		if s.From == "start/2" && !s.Dynamic {
			root := &Node{ID: b.id(n.ID + "/0"), Kind: KindSupervisor, Module: str("Supervisor"), Strategy: str(s.Strategy), parent: n}
			root.Name = str(s.Name)
			root.Label = labelOf(or(s.Name, "Supervisor"), KindSupervisor, "")
			root.Detail = details("strategy", s.Strategy, "name", s.Name)
			root.setLocation(m.Path, s.Span)
			root.Children = b.childrenOf(root, m.Path, s.Children, map[string]bool{m.Name: true})
			root.Children = append(root.Children, b.startedChildren(root, "Supervisor", s.Name, false, map[string]bool{m.Name: true})...)
			n.Children = append(n.Children, root)
			return n
		}
	}
	// start/2 calls a supervisor module's start_link: that module is the root.
	for _, c := range m.Calls {
		if c.From != "start/2" || c.Name != "start_link" {
			continue
		}
		if sup := b.snap.Module(c.Module); sup != nil && (sup.Is("Supervisor") || sup.Is("DynamicSupervisor")) {
			root := b.moduleNode(n.ID+"/0", c.Module, index.Loc{Path: m.Path, Span: c.Span}, child{Module: c.Module}, map[string]bool{m.Name: true}, n)
			// Started by start/2, not by a supervisor: it is no child, has no id or restart.
			root.ChildID, root.Restart = nil, nil
			root.Label = labelOf(*root.Module, root.Kind, "")
			root.Detail = details("strategy", deref(root.Strategy), "name", deref(root.Name))
			n.Children = append(n.Children, root)
			return n
		}
	}
	n.Detail = "no root supervisor found in start/2"
	return n
}

// childrenOf makes the nodes of a children list written in path, under parent.
func (b *builder) childrenOf(parent *Node, path string, children []child, above map[string]bool) []*Node {
	out := []*Node{}
	for i, ch := range children {
		id := parent.ID + "/" + strconv.Itoa(i)
		if ch.Dynamic {
			n := b.unknown(id, ch.Text, path, ch.Span, parent)
			n.Detail = joinDetail(n.Detail, alternativesDetail(ch))
			for _, m := range ch.Reaches {
				b.reach(m)
			}
			out = append(out, n)
			continue
		}
		out = append(out, b.moduleNode(id, ch.Module, index.Loc{Path: path, Span: ch.Span}, ch, above, parent))
	}
	return out
}

func (b *builder) unknown(id, text, path string, span index.Span, parent *Node) *Node {
	n := &Node{ID: b.id(id), Kind: KindUnknown, Label: text, Dynamic: true, Children: []*Node{}, parent: parent,
		Detail: "built at run time: not resolved"}
	n.setLocation(path, span)
	return n
}

// alternativesDetail says which values a dynamic entry may take, when the code writes
// them: "one of 2 lists: [A, B] or [A, C]".
func alternativesDetail(ch child) string {
	alts := ch.Alternatives
	if len(alts) == 0 {
		return ""
	}
	what := "values"
	if ch.Lists {
		what = "lists"
	}
	s := "one of " + strconv.Itoa(len(alts)) + " " + what + ": "
	if len(alts) == 1 {
		s = "always " // the branches all write the same value
	}
	if len(alts) > 1 {
		s += strings.Join(alts[:len(alts)-1], ", ") + " or "
	}
	s += alts[len(alts)-1]
	if ch.Clauses != "" {
		s = ch.Clauses + ": " + s
	}
	return s
}

// reach marks module, started conditionally by an entry that is not expanded, reached,
// with the supervisors its own children lists start: none of them is an orphan.
func (b *builder) reach(module string) {
	if b.reached[module] {
		return
	}
	b.reached[module] = true
	if list := initList(b.facts[module]); list != nil {
		for _, ch := range list.Children {
			if ch.Module != "" {
				b.reach(ch.Module)
			}
			for _, m := range ch.Reaches {
				b.reach(m)
			}
		}
	}
}

// moduleNode is the node of a child that starts module (resolved), written at loc;
// above are the supervisor modules on the way from the root (a cycle stops there).
func (b *builder) moduleNode(id, module string, loc index.Loc, ch child, above map[string]bool, parent *Node) *Node {
	n := &Node{ID: b.id(id), Module: str(module), Children: []*Node{}, parent: parent}
	n.setLocation(loc.Path, loc.Span)
	m := b.snap.Module(module)
	if m != nil && analysis.IsTestFile(m.Path) {
		m = nil
	}
	b.reached[module] = true
	mf := b.facts[module]
	n.Kind = kindOf(module, m, ch)
	if m != nil && mf.Wraps != "" {
		n.Kind = libraryKinds[mf.Wraps] // its child_spec/1 returns a Registry's spec...
	}
	// restart: the child's override, the module's `use X, restart:`, the default of a
	// child_spec/1 that is known (a module of the workspace that defines none of its own,
	// or one of Elixir's).
	restart := ch.Restart
	if restart == "" && m != nil {
		if o, ok := m.UseOptions["restart"]; ok {
			restart = strings.TrimPrefix(o.Value, ":")
		} else if defaultChildSpec(m) {
			restart = defaultRestart(n.Kind)
		}
	} else if restart == "" && libraryKinds[module] != "" {
		restart = defaultRestart(n.Kind)
	}
	n.Restart = str(restart)
	childID := ""
	switch {
	case ch.ID != "" && !ch.IDInArg:
		childID = ch.ID
	case m != nil && defaultChildSpec(m):
		childID = module
		if o, ok := m.UseOptions["id"]; ok {
			childID = o.Value
		}
	}
	n.ChildID = str(childID)
	name := ch.Name
	if name == "" && m != nil {
		name = or(mf.WrapsName, registeredName(m))
	}
	n.Name = str(name)
	strategy := ch.Strategy
	var list *supervisorStart
	if m != nil && (n.Kind == KindSupervisor || n.Kind == KindDynamicSupervisor) {
		list = initList(mf)
		if list != nil && list.Strategy != "" {
			strategy = list.Strategy
		}
	}
	n.Strategy = str(strategy)
	shown := module
	if libraryKinds[module] != "" && name != "" {
		shown = module + " " + name
	}
	n.Label = labelOf(shown, n.Kind, restart)
	n.Detail = details("id", childID, "strategy", strategy, "name", name)
	if above[module] {
		n.Detail = joinDetail(n.Detail, "cycle: started above, not expanded")
		return n
	}
	inner := map[string]bool{module: true}
	for k := range above {
		inner[k] = true
	}
	if list != nil && !list.Dynamic {
		n.Children = b.childrenOf(n, m.Path, list.Children, inner)
	}
	if supervises[n.Kind] {
		n.Children = append(n.Children, b.startedChildren(n, module, name, m != nil, inner)...)
	}
	return n
}

// supervises are the kinds of node that start_child sites can start children under.
var supervises = map[string]bool{KindSupervisor: true, KindDynamicSupervisor: true, KindTaskSupervisor: true,
	KindPartitionSupervisor: true}

// startedChildren are the nodes of the start sites (DynamicSupervisor.start_child,
// Supervisor.start_child, Task.Supervisor.start_child/async...) that start under the
// supervisor registered as name (or, for a module of the workspace, under its module's
// name: `DynamicSupervisor.start_child(__MODULE__, spec)`): dynamic children, located at
// the site.
func (b *builder) startedChildren(parent *Node, module, name string, own bool, above map[string]bool) []*Node {
	sites := b.startsOf[name]
	if own && name != module {
		sites = append(slices.Clip(sites), b.startsOf[module]...)
	}
	if name == "" && !own {
		return nil
	}
	out := []*Node{}
	for i, s := range sites {
		id := parent.ID + "/start/" + strconv.Itoa(i)
		var n *Node
		switch {
		case s.Task:
			n = b.taskNode(id, s, parent)
		case s.Module == "":
			n = b.unknown(id, s.Text, s.path, s.Span, parent)
		default:
			n = b.moduleNode(id, s.Module, index.Loc{Path: s.path, Span: s.Span}, child{Module: s.Module}, above, parent)
		}
		n.Dynamic = true
		n.Detail = joinDetail(n.Detail, "started by "+s.Call+" in "+s.module+"."+or(s.From, "(module body)"))
		out = append(out, n)
	}
	return out
}

// taskNode is a task a Task.Supervisor start site starts: temporary unless its
// `restart:` says otherwise; its module is the MFA's, null for a function.
func (b *builder) taskNode(id string, s siteIn, parent *Node) *Node {
	restart := or(s.Restart, "temporary")
	n := &Node{ID: b.id(id), Kind: KindTask, Module: str(s.Module), Restart: str(restart), Children: []*Node{}, parent: parent}
	n.Label = labelOf("Task "+s.Text, KindTask, restart)
	n.setLocation(s.path, s.Span)
	return n
}

// initList is the children list a supervisor module starts with (its init/1's, or its
// start_link's): the first one written there.
func initList(mf moduleFacts) *supervisorStart {
	for i, s := range mf.Supervisors {
		if s.From == "init/1" || strings.HasPrefix(s.From, "start_link/") {
			return &mf.Supervisors[i]
		}
	}
	return nil
}

// kindOf is what a child starting module (m its summary, nil outside the workspace) is.
func kindOf(module string, m *index.Module, ch child) string {
	if k := libraryKinds[module]; k != "" {
		return k
	}
	switch {
	case m == nil && ch.Type == "supervisor":
		return KindSupervisor
	case m == nil:
		return KindWorker
	case m.Is("DynamicSupervisor"):
		return KindDynamicSupervisor
	case m.Is("PartitionSupervisor"):
		return KindPartitionSupervisor
	case m.Is("Supervisor") || ch.Type == "supervisor":
		return KindSupervisor
	case m.Is("Task"):
		return KindTask
	}
	return KindWorker
}

// standardBehaviours give a module the child_spec/1 their docs describe (id: the module,
// restart: permanent, or temporary for Task), overridden by `use X, id:/restart:`.
var standardBehaviours = map[string]bool{"GenServer": true, ":gen_server": true, "Supervisor": true,
	":supervisor": true, "DynamicSupervisor": true, "Agent": true, "Task": true}

// defaultChildSpec reports whether m's child_spec/1 is a standard behaviour's: it uses
// one, no other (a framework's `use X` may define child_spec/1 its own way) and defines
// no child_spec/1 of its own.
func defaultChildSpec(m *index.Module) bool {
	if m.Function("child_spec", 1) != nil {
		return false
	}
	std := false
	for _, b := range m.Behaviours {
		if !standardBehaviours[b] {
			return false
		}
		std = true
	}
	return std
}

// defaultRestart is the restart type of a default child_spec/1.
func defaultRestart(kind string) string {
	if kind == KindTask {
		return "temporary"
	}
	return "permanent"
}

// registeredName is the one name module m's start functions register, "" when none or
// several.
func registeredName(m *index.Module) string {
	name := ""
	for _, n := range m.RegisteredNames {
		if n == "" || name != "" && n != name {
			return ""
		}
		name = n
	}
	return name
}

func labelOf(shown, kind, restart string) string {
	if restart != "" {
		return shown + " (" + kind + ", " + restart + ")"
	}
	return shown + " (" + kind + ")"
}

// details joins key, value pairs whose value is set: "strategy: one_for_one, name: X".
func details(kv ...string) string {
	var parts []string
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] != "" {
			parts = append(parts, kv[i]+": "+kv[i+1])
		}
	}
	return strings.Join(parts, ", ")
}

func joinDetail(a, b string) string {
	if a == "" || b == "" {
		return a + b
	}
	return a + "; " + b
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func str(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// id makes base unique in the forest (a module defined twice starts two trees).
func (b *builder) id(base string) string {
	b.ids[base]++
	if k := b.ids[base]; k > 1 {
		return base + "#" + strconv.Itoa(k)
	}
	return base
}

func (n *Node) setLocation(path string, span index.Span) {
	n.path = path
	n.Location = locationOf(path, span)
}

func locationOf(path string, span index.Span) *Location {
	r := span.Range()
	return &Location{URI: string(uri.File(path)), Range: Range{
		Start: Position{r.Start.Line, r.Start.Character}, End: Position{r.End.Line, r.End.Character}}}
}

// mattering are words one of which a file's text holds when it can add anything to the
// forest: an Application, a supervisor or its children list, a process start or a
// registered name (start_link), a child spec, a synchronous call, a behaviour `use`d
// (a module of a framework's server behaviour).
var mattering = []string{"Supervisor", "Application", "GenServer", ":gen_server", ":gen_statem",
	"Agent", "Task", "start_link", "child_spec"}

// MayMatter reports whether a file's text can add anything to the forest (a quick look
// at its words before it is parsed): `otpls tree` parses only such files.
func MayMatter(text string) bool {
	for _, w := range mattering {
		if strings.Contains(text, w) {
			return true
		}
	}
	for i := strings.Index(text, "use "); i >= 0; {
		if j := i + 4; j < len(text) && 'A' <= text[j] && text[j] <= 'Z' {
			return true
		}
		next := strings.Index(text[i+4:], "use ")
		if next < 0 {
			break
		}
		i += 4 + next
	}
	return strings.Contains(text, "Mix.Project")
}
