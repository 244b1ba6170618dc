// Package index summarises files into plain Go facts (modules, behaviours, functions,
// calls, supervisor children, ETS tables and their uses, Task.Supervisor children) and
// merges the summaries of a whole workspace. Rules that look across files read only the
// index, never another file's tree.
package index

import (
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/source"
)

// Span is a byte range in a file with its LSP range, so facts about closed files can still
// be reported at the right place. The index keeps one for every call, clause, child and
// table of the workspace: its offsets, lines and characters are 32-bit, 24 bytes a span
// where ints took 48, which no text source.Parse accepts (under 2 GB) can exceed.
type Span struct {
	start, end int32
	// The LSP range's start and end.
	startLine, startCharacter int32
	endLine, endCharacter     int32
}

// NewSpan returns the span of [start, end), whose LSP range is r. Numbers beyond 32 bits,
// which no parsed text has, are clamped.
func NewSpan(start, end int, r source.Range) Span {
	return Span{
		start: clamp32(start), end: clamp32(end),
		startLine: clamp32(r.Start.Line), startCharacter: clamp32(r.Start.Character),
		endLine: clamp32(r.End.Line), endCharacter: clamp32(r.End.Character),
	}
}

func clamp32(x int) int32 { return int32(min(max(x, math.MinInt32), math.MaxInt32)) }

// Start is the byte offset where the span begins.
func (s Span) Start() int { return int(s.start) }

// End is the byte offset just past the span.
func (s Span) End() int { return int(s.end) }

// Range is the span's LSP range.
func (s Span) Range() source.Range {
	return source.Range{
		Start: source.Position{Line: int(s.startLine), Character: int(s.startCharacter)},
		End:   source.Position{Line: int(s.endLine), Character: int(s.endCharacter)},
	}
}

// Loc is a span in a named file.
type Loc struct {
	Path string
	Span
}

// FileSummary is everything the workspace needs to know about one file.
type FileSummary struct {
	Path    string
	Modules []*Module
	// Bytes is the size of the file; the index keeps no text.
	Bytes int
}

// Module summarises one defmodule.
type Module struct {
	Name     string
	Path     string
	NameSpan Span
	// Behaviours are from `use X` and `@behaviour X`, resolved ("GenServer", ":gen_server",
	// "Supervisor", "Application", "DynamicSupervisor", "Agent", "Task"...).
	Behaviours []string
	// UseOptions are the keyword options of `use GenServer, restart: :temporary`, as
	// key -> literal source text. Nil when there are none: most modules have none, and an
	// empty map is 48 bytes kept for the session.
	UseOptions map[string]Option
	Functions  []*Function
	Calls      []Call
	// Attributes are module attributes with literal atom values (`@table :cache`), a
	// module's atom for a module (`@sup MyApp.Sup` -> "Elixir.MyApp.Sup").
	Attributes Attributes
	ChildLists []ChildList
	ETSTables  []ETSTable
	ETSOps     []ETSOp
	// RegisteredNames are the `name:` values of its start functions (resolved modules or atoms).
	RegisteredNames []string
	// facts are the rules' own facts about the module, indexed by FactKind id (see Fact).
	facts []any
}

// Attributes are a module's literal attributes, the last value of each name. A module has
// one or two: a list of pairs takes a tenth of the memory a map of them did.
type Attributes []Attribute

// Attribute is one literal attribute: `@name value`.
type Attribute struct{ Name, Value string }

// Get returns the value of attribute name.
func (as Attributes) Get(name string) (string, bool) {
	for _, a := range as {
		if a.Name == name {
			return a.Value, true
		}
	}
	return "", false
}

// set gives attribute name value, as a later `@name` does in Elixir.
func (as *Attributes) set(name, value string) {
	for i := range *as {
		if (*as)[i].Name == name {
			(*as)[i].Value = value
			return
		}
	}
	*as = append(*as, Attribute{name, value})
}

// Option is one literal option with where it is written.
type Option struct {
	Value string
	Span  Span
}

// Is reports whether the module has behaviour b (GenServer matches :gen_server too).
func (m *Module) Is(b string) bool {
	for _, x := range m.Behaviours {
		if x == b || b == "GenServer" && x == ":gen_server" || b == "Supervisor" && x == ":supervisor" {
			return true
		}
	}
	return false
}

// processBehaviours are OTP's behaviours whose modules' callbacks run in a process the
// behaviour starts for the module (Is also matches :gen_server and :supervisor).
var processBehaviours = []string{"GenServer", ":gen_statem", "GenStage", ":gen_event", "Supervisor"}

// RunsAsProcess reports whether the module's callbacks run in a process of its own, so
// that what they start linked is linked to it, what they hold it holds, and terminate/2
// runs as it shuts down: a module of a process behaviour (GenServer, :gen_statem,
// GenStage, :gen_event, Supervisor), or of any other behaviour (`use X`, `@behaviour X`)
// that gives it init/1 and public handle_* callbacks or state functions (a
// GenStateMachine, a framework's server behaviour built on GenServer). The rules that ask
// whether code runs in a process it belongs to share this one answer.
func (m *Module) RunsAsProcess() bool {
	for _, b := range processBehaviours {
		if m.Is(b) {
			return true
		}
	}
	if len(m.Behaviours) == 0 || m.Is("Application") || m.Function("init", 1) == nil {
		return false
	}
	if m.StateMachine() {
		return true
	}
	for _, fn := range m.Functions {
		if fn.Public && strings.HasPrefix(fn.Name, "handle_") {
			return true
		}
	}
	return false
}

// StateMachine reports whether the module is a :gen_statem, or a module built on one (it
// defines callback_mode/0, or passes `use X, callback_mode: ...`): its public functions of
// arity 3 (4 with state enter) are state functions.
func (m *Module) StateMachine() bool {
	_, mode := m.UseOptions["callback_mode"]
	return m.Is(":gen_statem") || mode || m.Function("callback_mode", 0) != nil
}

// lookalikeBehaviours have callbacks named like GenServer's that take other arguments or
// return other values (GenStage's handle_call/3 replies with events too).
var lookalikeBehaviours = map[string]bool{
	"GenStage": true, "Phoenix.Channel": true, "Phoenix.LiveView": true,
	"Phoenix.LiveComponent": true, ":gen_statem": true, ":gen_event": true, "GenEvent": true,
	"Supervisor": true, ":supervisor": true, "DynamicSupervisor": true, "Agent": true,
	"Task": true, ":gen_fsm": true,
}

// GenServerCallbacks reports whether the module's init/1, handle_call/3, handle_cast/2,
// handle_info/2... are GenServer's callbacks: it is a GenServer and uses no other behaviour
// whose callbacks go by those names.
func (m *Module) GenServerCallbacks() bool {
	if !m.Is("GenServer") {
		return false
	}
	for _, b := range m.Behaviours {
		if lookalikeBehaviours[b] {
			return false
		}
	}
	return true
}

// Function returns the summary of name/arity, or nil.
func (m *Module) Function(name string, arity int) *Function {
	for _, fn := range m.Functions {
		if fn.Name == name && int(fn.Arity) == arity {
			return fn
		}
	}
	return nil
}

// Function summarises all clauses of one name/arity.
type Function struct {
	Name string
	// Arity is 32-bit, to share a word with Public: the index holds a Function for every
	// function of the workspace.
	Arity   int32
	Public  bool
	Clauses []Span
	// localSites points to its calls of functions the module defines (see LocalSites), nil
	// for none: most functions call none, and a pointer is a third of a slice's header.
	localSites *[]LocalCall
	id         string // "name/arity", made once
}

// LocalSites are the function's calls of functions its module defines, with where they are.
func (f *Function) LocalSites() []LocalCall {
	if f.localSites == nil {
		return nil
	}
	return *f.localSites
}

// LocalCall is a call of a function of the same module.
type LocalCall struct {
	ID   string // "name/arity"
	Span Span
	// Detached is set when the call runs in another process (see Call.Detached).
	Detached bool
}

// ID is "name/arity".
func (f *Function) ID() string {
	if f.id == "" {
		return elixir.FuncID(f.Name, int(f.Arity))
	}
	return f.id
}

// Call is a remote call, its module resolved.
//
// The index holds one for every remote call of the workspace: its arity is 32-bit, its
// small fields are together after the pointers, and its target and request, which two
// calls in three lack, are kept apart, so that a call takes 88 bytes, not 112.
type Call struct {
	Module string // resolved ("GenServer", ":ets", "MyApp.Repo")
	Name   string
	From   string // "name/arity" of the enclosing function, "" at module level
	Span   Span
	// addressed holds Target and Request, nil when both are "".
	addressed *callTarget
	Arity     int32
	// Detached is set when the call sits in a function handed to another process
	// (`Task.start(fn -> ... end)`, `spawn`, `Task.Supervisor.start_child`): it does not
	// run in the process of the function it is written in. An awaited Task.async and
	// async_stream do not count: their caller waits for the work.
	Detached bool
	// LiteralArgs has bit i set when argument i (of the first 8) is a literal term.
	LiteralArgs uint8
}

type callTarget struct{ target, request string }

// Target is the first argument when it names a module or atom (for GenServer.call,
// Task.Supervisor.start_child...), resolved; "self()" for `self()`; "" otherwise.
func (c *Call) Target() string {
	if c.addressed == nil {
		return ""
	}
	return c.addressed.target
}

// Request is, for GenServer.call / :gen_server.call / :gen_statem.call, the MessageShape
// of the request sent ("" when unknown).
func (c *Call) Request() string {
	if c.addressed == nil {
		return ""
	}
	return c.addressed.request
}

// ChildList is a literal list of supervisor child specs with its strategy.
type ChildList struct {
	Span     Span // the list literal
	From     string
	Strategy Option // empty Value when not found
	Children []Child
	// InsertAt is the offset just after the last child (or after `[`), where a new child goes.
	InsertAt int
	// Indent is the indentation of the children (for inserted ones).
	Indent string
	// Newline is the file's line ending ("\n" or "\r\n").
	Newline string
	// Multiline is set when the children are on their own lines (not `[A, B]` on one line).
	Multiline bool
	// AppendUnsafe is set when the last child ends with a call without parentheses, which
	// would swallow an appended child: then no child may be added by a fix.
	AppendUnsafe bool
	// Bound: the list is bound to a variable (`children = [...]`), not written inline in
	// the call.
	Bound bool
	// EndLineWidth is the number of characters on the line where the list ends (for a
	// one-line list, its whole line): whether an added child still fits in mix format's
	// line length.
	EndLineWidth int
	// SpacedBefore, SpacedAfter: the lines around the list's statement are blank, open or
	// close its block, so it may span several lines without a blank line added (mix format
	// sets a multi-line expression apart from its neighbours).
	SpacedBefore, SpacedAfter bool
	// LineStart is the offset of the line where the list starts.
	LineStart int
}

// Child is one entry of a children list.
type Child struct {
	Module string // resolved module of `Mod`, `{Mod, arg}` or `%{start: {Mod, ...}}`
	ID     string // explicit id when given
	// IDInArg: the id is an `id:` option in the child's argument (`{W, id: :a}`), which
	// names the child only if W's own child_spec/1 reads it (the default one does not).
	IDInArg bool
	Name    string // `name:` option when given, resolved
	// NameUnknown: a name is or may be given that cannot be read (`name: {:global, n}`,
	// `{Mod, opts}`).
	NameUnknown bool
	// UniqueKeys: the child's options say `keys: :unique` (a Registry that can name processes).
	UniqueKeys bool
	Span       Span
}

// ETSTable is one `:ets.new(name, options)` call.
type ETSTable struct {
	Key     string // table identity: ":name" for named tables, "var:fn:v" for a bound variable
	Name    string // the name atom, also for unnamed tables
	Options []string
	Public  bool
	Named   bool
	// Escapes: not every use of the table can be found (a name computed at run time, a
	// tid returned, kept in state or passed on).
	Escapes bool
	// Detached: created in a function handed to another process (a task, a spawn).
	Detached    bool
	Span        Span // the call
	OptionsSpan Span // the options list
	From        string
}

// HasOption reports whether opt (an atom like "public" or a keyword like "read_concurrency") is set.
func (t ETSTable) HasOption(opt string) bool {
	for _, o := range t.Options {
		if o == opt {
			return true
		}
	}
	return false
}

// ETSOp is one use of a table.
type ETSOp struct {
	Key  string // as ETSTable.Key
	Op   string // "lookup", "insert"...
	Kind OpKind
	// KeyFrom says where a write's keys come from: the index of a parameter of the
	// function it is in, KeyBounded or KeyRuntime.
	KeyFrom int8
	// Detached: the call runs in another process (see Call.Detached).
	Detached bool
	From     string
	Span     Span
}

// OpKind classifies ETS operations.
type OpKind int

const (
	OpOther OpKind = iota
	OpRead
	OpWrite
	OpDelete // a write that removes entries
)

// etsOps classifies :ets functions as docs/rules/OTP010.md lists them.
var etsOps = map[string]OpKind{
	"lookup": OpRead, "lookup_element": OpRead, "member": OpRead, "match": OpRead,
	"match_object": OpRead, "select": OpRead, "select_count": OpRead, "select_reverse": OpRead,
	"tab2list": OpRead, "first": OpRead, "next": OpRead, "last": OpRead, "prev": OpRead,
	"insert": OpWrite, "insert_new": OpWrite, "update_counter": OpWrite, "update_element": OpWrite,
	"delete": OpDelete, "delete_object": OpDelete, "select_delete": OpDelete,
	"match_delete": OpDelete, "delete_all_objects": OpDelete, "take": OpDelete,
}

// ETSOpKind returns the kind of an :ets function and whether it uses a table.
func ETSOpKind(fn string) (OpKind, bool) {
	k, ok := etsOps[fn]
	return k, ok
}

// Summarize builds the summary of f. cache, when non-nil, holds the facts of forms from
// an earlier version of the same file, keyed by the form's text; only forms whose text
// changed are analysed again. The returned cache holds exactly the current forms. facts
// are the rules' facts to compute for each module (see Fact): a workspace's Facts.
func Summarize(f *source.File, cache *FormCache, facts []*FactKind) *FileSummary {
	fs := &FileSummary{Path: f.Path, Bytes: len(f.Text)}
	fileCalls := elixir.Calls(f) // in source order, each form taking its part; the rules read them too
	// Most strings a summary keeps are its calls' names, modules and callers, mostly
	// repeated. The interner's map is reused from file to file: sized for one string per
	// call, it cost more to make than all the lookups in it.
	in := interners.Get().(interner)
	defer func() { clear(in); interners.Put(in) }()
	mods := elixir.Modules(f)
	b := &summaryBuilder{modules: make([]moduleBuilder, len(mods))}
	byNode := make(map[*source.Node]int, len(mods)) // index in b.modules
	for i, em := range mods {
		m := &Module{
			Name:     in.s(em.Name),
			Path:     f.Path,
			NameSpan: spanOf(f, em.NameNode.Start(), em.NameNode.End()),
		}
		fs.Modules = append(fs.Modules, m)
		b.modules[i] = moduleBuilder{module: m, names: newResolver(em, in)}
		byNode[em.Node] = i
	}
	var next FormCache // what the cache will hold: this version's forms
	var slabs *factSlabs
	if cache != nil {
		next = FormCache{version: f.Version(), facts: make([]*formFacts, len(f.Forms)), keys: make([]string, len(f.Forms)), lookups: cache.lookups, hits: cache.hits}
	} else {
		slabs = slabPool.Get().(*factSlabs)
		defer func() { slabs.reset(); slabPool.Put(slabs) }()
	}
	// The list of forms is only the builder's: reused from file to file, like the slabs.
	forms := ownedForms.Get().(*[]ownedForm)
	b.forms = slices.Grow((*forms)[:0], len(f.Forms))
	defer func() { clear(b.forms); *forms = b.forms[:0]; ownedForms.Put(forms) }()
	// Each form's module, by its index in mods (-1: a top-level script expression, which
	// no module owns).
	owners := make([]int32, len(f.Forms))
	for i, form := range f.Forms {
		owners[i] = -1
		if em := elixir.ModuleOf(mods, form); em != nil {
			owners[i] = int32(byNode[em.Node])
		}
	}
	var formsOf [][]*source.Node      // each module's forms, by its index in mods, for the rules' facts
	var originsOf [][]source.Position // their start positions
	var callsOf [][][]elixir.Call     // their calls, where the form was summarised (nil: not looked up)
	var partsOf []cachedForms         // and their cached facts, which keep their parts of per-form facts
	if len(facts) > 0 {
		formsOf = make([][]*source.Node, len(mods))
		originsOf = make([][]source.Position, len(mods))
		callsOf = make([][][]elixir.Call, len(mods))
		if cache != nil {
			partsOf = make([]cachedForms, len(mods))
		}
		// Every module's lists are cut from one array each, at their size: appended to
		// form by form, they were regrown a few times per module.
		counts := make([]int, len(mods))
		for _, o := range owners {
			if o >= 0 {
				counts[o]++
			}
		}
		allForms, allOrigins, allCalls := make([]*source.Node, len(f.Forms)), make([]source.Position, len(f.Forms)), make([][]elixir.Call, len(f.Forms))
		var allParts cachedForms
		if partsOf != nil {
			allParts = make(cachedForms, len(f.Forms))
		}
		at := 0
		for m, n := range counts {
			formsOf[m], originsOf[m], callsOf[m] = allForms[at:at:at+n], allOrigins[at:at:at+n], allCalls[at:at:at+n]
			if partsOf != nil {
				partsOf[m] = allParts[at : at : at+n]
			}
			at += n
		}
	}
	for i, form := range f.Forms {
		if owners[i] < 0 {
			continue // a top-level script expression: no module owns it
		}
		m := owners[i]
		origin := f.Lines.Position(form.Start())
		if formsOf != nil {
			formsOf[m] = append(formsOf[m], form)
			originsOf[m] = append(originsOf[m], origin)
		}
		var facts *formFacts
		if cache != nil {
			key := f.Slice(form)
			facts = cache.find(f, i, key)
			next.lookups++
			if facts != nil {
				next.hits++
			}
			next.keys[i] = key
		}
		var calls []elixir.Call
		if facts == nil {
			calls = elixir.Within(fileCalls, form)
			facts = summarizeForm(f, form, origin, calls, slabs)
		}
		if callsOf != nil {
			callsOf[m] = append(callsOf[m], calls)
		}
		if partsOf != nil {
			partsOf[m] = append(partsOf[m], facts)
		}
		if cache != nil {
			next.facts[i] = facts
		}
		mb := &b.modules[m]
		b.forms = append(b.forms, ownedForm{facts: facts, module: mb, base: form.Start(), origin: origin})
		mb.calls += len(facts.calls)
		for _, c := range facts.calls {
			if c.target != "" || c.request != "" {
				mb.addressed++
			}
		}
		if facts.isDef {
			mb.defs++
		}
	}
	// Calls are most of a summary and big: each module's list is allocated once, at size.
	for i := range b.modules {
		mb := &b.modules[i]
		mb.module.Calls = make([]Call, 0, mb.calls)
		mb.targets = make([]callTarget, 0, mb.addressed)
	}
	b.addFunctions(f, in)
	for _, o := range b.forms {
		o.facts.mergeInto(f, o.module, o.base, o.origin)
	}
	b.addLocalSites(f)
	if cache != nil {
		*cache = next
	}
	for _, m := range fs.Modules {
		m.finish()
	}
	computeFacts(f, mods, formsOf, originsOf, callsOf, partsOf, fs, facts)
	return fs
}

// summaryBuilder puts one file's form facts together into module summaries. A summary is
// kept for the whole session and a file has hundreds of clauses and local calls: functions,
// their clauses and their local calls are each cut from one allocation per file, sized
// by counting first.
type summaryBuilder struct {
	modules   []moduleBuilder
	forms     []ownedForm
	functions []Function
}

var ownedForms = sync.Pool{New: func() any { return new([]ownedForm) }}

// ownedForm is a form's facts with the module they go into and where the form starts.
type ownedForm struct {
	facts  *formFacts
	module *moduleBuilder
	base   int
	origin source.Position // base's
	fn     int32           // for a def: its function's index in the builder's functions
}

// moduleBuilder is one module's summary under construction.
type moduleBuilder struct {
	module *Module
	names  resolver
	// calls, addressed and defs count the module's remote calls, those with a target or
	// request, and its def clauses.
	calls, addressed, defs int
	// targets holds the module's calls' targets and requests, allocated once, at size.
	targets []callTarget
	// functions finds the module's functions by name and arity (index in the builder's
	// functions).
	functions map[funcKey]int32
}

type funcKey struct {
	name  string
	arity int
}

// addFunctions adds every module's functions, in the order of their first clause, with
// their clauses.
func (b *summaryBuilder) addFunctions(f *source.File, in interner) {
	defs := 0
	for i := range b.modules {
		defs += b.modules[i].defs
		b.modules[i].functions = make(map[funcKey]int32, b.modules[i].defs)
	}
	// Functions are numbered first, then made in one allocation of exactly their number
	// (a summary is kept for the whole session).
	type first struct {
		form    *ownedForm
		clauses int
	}
	firsts := make([]first, 0, defs)
	for k := range b.forms {
		o := &b.forms[k]
		if !o.facts.isDef {
			continue
		}
		key := funcKey{o.facts.def.name, o.facts.def.arity}
		if i, ok := o.module.functions[key]; ok {
			o.fn = i
			firsts[i].clauses++
			continue
		}
		o.fn = int32(len(firsts))
		o.module.functions[key] = o.fn
		firsts = append(firsts, first{o, 1})
	}
	for i := range b.modules {
		b.modules[i].module.Functions = make([]*Function, 0, len(b.modules[i].functions))
	}
	b.functions = make([]Function, len(firsts)) // never grown: pointers into it stay valid
	spans := make([]Span, defs)
	for i, fst := range firsts {
		d := &fst.form.facts.def
		fn := &b.functions[i]
		*fn = Function{Name: in.s(d.name), Arity: clamp32(d.arity), Public: d.public, id: in.fresh(fst.form.facts.from)}
		fn.Clauses, spans = spans[:0:fst.clauses], spans[fst.clauses:]
		fst.form.module.module.Functions = append(fst.form.module.module.Functions, fn)
	}
	for _, o := range b.forms {
		if d := &o.facts.def; o.facts.isDef {
			fn := &b.functions[o.fn]
			fn.Clauses = append(fn.Clauses, d.at.span(o.base, o.origin))
		}
	}
}

// addLocalSites gives each function its calls of functions its module defines (not `if`,
// `case`, imported functions...).
func (b *summaryBuilder) addLocalSites(f *source.File) {
	counts := make([]int, len(b.functions))
	total := 0
	for _, o := range b.forms {
		if !o.facts.isDef {
			continue
		}
		for _, l := range o.facts.def.localSites {
			if _, ok := o.module.functions[funcKey{l.name, l.arity}]; ok {
				counts[o.fn]++
				total++
			}
		}
	}
	if total == 0 {
		return
	}
	callers := 0
	for _, n := range counts {
		if n > 0 {
			callers++
		}
	}
	sites := make([]LocalCall, total)
	lists := make([][]LocalCall, callers) // the callers' lists, which their functions point to
	for i := range b.functions {
		if counts[i] > 0 {
			lists[0], sites = sites[:0:counts[i]], sites[counts[i]:]
			b.functions[i].localSites, lists = &lists[0], lists[1:]
		}
	}
	for _, o := range b.forms {
		if !o.facts.isDef {
			continue
		}
		caller := &b.functions[o.fn]
		for _, l := range o.facts.def.localSites {
			if callee, ok := o.module.functions[funcKey{l.name, l.arity}]; ok {
				at := l.at.span(o.base, o.origin)
				*caller.localSites = append(*caller.localSites, LocalCall{ID: b.functions[callee].id, Span: at, Detached: l.detached})
			}
		}
	}
}

var interners = sync.Pool{New: func() any { return make(interner, 1024) }}

// FormCache keeps per-form facts between versions of one document: those of the version
// summarised last, by form.
type FormCache struct {
	version       uint64       // that version's source.File.Version
	facts         []*formFacts // its forms' facts, by index in its Forms (nil: no module's)
	keys          []string     // its forms' texts
	byText        map[string]*formFacts
	lookups, hits int
}

// find returns the cached facts of f's i-th form, whose text is key, or nil. When f was
// made from the cached version by re-parsing some forms (as a keystroke is), the forms it
// kept are found by their places: hashing every form's text to find it again was a
// twentieth of a keystroke in a big module. The re-parsed forms, and every form of any
// other version, are found by their text.
func (c *FormCache) find(f *source.File, i int, key string) *formFacts {
	if first, end, inserted, ok := f.FormsMovedFrom(c.version); ok && len(c.facts) == len(f.Forms)-inserted+end-first {
		switch {
		case i < first:
			return c.facts[i]
		case i >= first+inserted:
			return c.facts[end+i-(first+inserted)]
		}
		// A form re-parsed with its neighbour that keeps its text (an edit between two
		// forms re-parses both).
		for j := first; j < end; j++ {
			if c.keys[j] == key {
				return c.facts[j]
			}
		}
		return nil
	}
	if c.byText == nil {
		c.byText = make(map[string]*formFacts, len(c.keys))
		for j, k := range c.keys {
			if c.facts[j] != nil {
				c.byText[k] = c.facts[j]
			}
		}
	}
	return c.byText[key]
}

// Stats returns how many forms were looked up and found since the cache was made.
func (c *FormCache) Stats() (lookups, hits int) { return c.lookups, c.hits }

func spanOf(f *source.File, start, end int) Span {
	return NewSpan(start, end, f.Lines.Range(start, end))
}

// finish sorts out derived facts once all forms are merged.
func (m *Module) finish() {
	// ETS ops on `@attr` tables resolve through the module's attributes.
	for i := range m.ETSOps {
		m.ETSOps[i].Key = m.resolveTableKey(m.ETSOps[i].Key)
	}
	for i := range m.ChildLists {
		for j := range m.ChildLists[i].Children {
			ch := &m.ChildLists[i].Children[j]
			ch.Module = m.ResolveModuleAttribute(ch.Module)
			if strings.HasPrefix(ch.Name, "@") {
				ch.Name = m.ResolveModuleAttribute(ch.Name)
				ch.NameUnknown = ch.Name == ""
			}
		}
	}
	for i := range m.ETSTables {
		t := &m.ETSTables[i]
		t.Key = m.resolveTableKey(t.Key)
		if strings.HasPrefix(t.Name, "@") {
			if v, ok := m.Attributes.Get(t.Name[1:]); ok {
				t.Name = v
			}
		}
		if !t.Named && strings.HasPrefix(t.Key, ":") {
			// An unnamed table is not reachable by its name atom: uses go through a variable.
			t.Key = "unnamed:" + m.Name + ":" + t.Key
		}
	}
}

// ResolveModuleAttribute resolves a name read as "@attr" from the module's literal
// attributes ("Mod" for `@attr Mod`, ":atom" for `@attr :atom`, "" when unknown); any
// other name is returned as it is.
func (m *Module) ResolveModuleAttribute(name string) string {
	if !strings.HasPrefix(name, "@") {
		return name
	}
	v, ok := m.Attributes.Get(name[1:])
	if !ok {
		return ""
	}
	if mod, ok := strings.CutPrefix(v, "Elixir."); ok {
		return mod
	}
	return ":" + v
}

func (m *Module) resolveTableKey(key string) string {
	if rest, ok := strings.CutPrefix(key, "var:"); ok {
		return "var:" + m.Name + ":" + rest // a variable's name means nothing outside its module
	}
	if strings.HasPrefix(key, "@") {
		if v, ok := m.Attributes.Get(key[1:]); ok {
			return ":" + v
		}
		return "attr:" + m.Name + ":" + key
	}
	return key
}
