// Package etstableoptions is OTP010 ets-table-options: ETS tables whose options do not
// match how the workspace uses them (docs/rules/OTP010.md).
package etstableoptions

import (
	"fmt"
	"sort"
	"strings"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/source"
	"github.com/otpls/otpls/codeactions"
)

// Analyzer is OTP010.
var Analyzer = &analysis.Analyzer{
	Code:     "OTP010",
	Name:     "ets-table-options",
	Title:    "ETS table options do not match its use",
	Severity: analysis.Information, // see docs/rules/OTP010.md: traffic is not in the code
	InTests:  analysis.OffInTests,
	Doc:      doc,
	Run:      run,
	Facts:    []*index.FactKind{remoteCallsFact.Kind()},
}

// usage is what the workspace does with one table.
type usage struct {
	reads, writes, deletes int
	writers                map[string]bool // modules that write or delete
	writeAt                []index.OpAt
}

func usageOf(ops []index.OpAt) usage {
	u := usage{writers: map[string]bool{}}
	for _, op := range ops {
		switch op.Kind {
		case index.OpRead:
			u.reads++
		case index.OpWrite:
			u.writes++
			u.writers[op.Module.Name] = true
			u.writeAt = append(u.writeAt, op)
		case index.OpDelete:
			u.deletes++
			u.writers[op.Module.Name] = true
		}
	}
	return u
}

func run(p *analysis.Pass) {
	if p.Summary == nil || p.Index == nil {
		return
	}
	for _, m := range p.Summary.Modules {
		for _, t := range m.ETSTables {
			check(p, m, t)
		}
	}
}

func check(p *analysis.Pass, m *index.Module, t index.ETSTable) {
	if t.Key == "" || strings.HasPrefix(t.Key, "unnamed:") {
		return // no use of it can be found
	}
	ops := applicationOps(p.Index, t.Key)
	u := p.Index.Memo("OTP010 usage "+t.Key, func() any { return usageOf(ops) }).(usage)
	label := tableLabel(t)
	concurrencyAdvice(p, t, ops, u, label)
	protectedAdvice(p, m, t, u, label)
	unboundedGrowth(p, m, t, ops, u, label)
}

// applicationOps are the table's operations outside test files: a test that reads or
// writes the table from the test process is no evidence of how the application uses it,
// and its calls do not count in the reads and writes (docs/rules/OTP010.md).
func applicationOps(snap *index.Snapshot, key string) []index.OpAt {
	return snap.Memo("OTP010 ops "+key, func() any {
		var out []index.OpAt
		for _, op := range snap.ETSOps(key) {
			if !analysis.IsTestFile(op.Module.Path) {
				out = append(out, op)
			}
		}
		return out
	}).([]index.OpAt)
}

// concurrencyAdvice: a public table without concurrency options that is evidently used
// by several processes at once (docs/rules/OTP010.md).
func concurrencyAdvice(p *analysis.Pass, t index.ETSTable, ops []index.OpAt, u usage, label string) {
	if !t.Public || t.HasOption("read_concurrency") || t.HasOption("write_concurrency") ||
		t.HasOption("!read_concurrency") || t.HasOption("!write_concurrency") {
		return // set, or turned off on purpose
	}
	who, ok := concurrentAccess(p.Index, ops)
	if !ok {
		return
	}
	opt := advice(u)
	d := p.ReportRange(t.OptionsSpan.Start(), t.OptionsSpan.End(),
		"public ETS table %s is used concurrently (%s; %s, %s) with no concurrency option: every access takes the table's one lock; add %s",
		label, who, count(u.reads, "read"), count(u.writes+u.deletes, "write"), opt)
	d.Related = related(ops, 3, "used here")
	if edits, ok := appendOption(p, t, opt); ok {
		d.Fixes = append(d.Fixes, analysis.Fix{Title: "Add " + opt + " to the table options", Safe: true, Edits: edits})
	}
}

// advice follows the mix of operations: reads dominate -> read_concurrency, writes
// dominate -> write_concurrency, both -> both. decentralized_counters is never advised:
// it tunes the table's size and memory counters (not update_counter) and only matters
// with write_concurrency.
func advice(u usage) string {
	reads, writes := u.reads, u.writes+u.deletes
	switch {
	case reads >= 2*writes:
		return "read_concurrency: true"
	case writes >= 2*reads:
		return "write_concurrency: true"
	}
	return "read_concurrency: true, write_concurrency: true"
}

// concurrentAccess reports whether the operations evidently run in several processes at
// once: some run in tasks or spawned processes, or they run in the processes of at least
// two modules (the callers of the functions that make them, or the server whose
// callbacks make them). A public function nobody in the workspace calls is no evidence.
func concurrentAccess(snap *index.Snapshot, ops []index.OpAt) (string, bool) {
	callers := callersView.Of(snap)
	contexts := map[string]bool{}
	for _, op := range ops {
		if op.Detached {
			return fmt.Sprintf("from a process started in %s.%s", op.Module.Name, op.From), true
		}
		name, _, _ := strings.Cut(op.From, "/")
		switch {
		case op.Module.RunsAsProcess() && serverCallbacks[name]:
			contexts[op.Module.Name] = true
		default:
			for c := range callers[op.Module.Name+"."+op.From] {
				contexts[c] = true
			}
		}
	}
	if len(contexts) < 2 {
		return "", false
	}
	names := make([]string, 0, len(contexts))
	for c := range contexts {
		names = append(names, c)
	}
	sort.Strings(names)
	if len(names) > 3 {
		names = append(names[:3], fmt.Sprintf("%d more", len(names)-3))
	}
	return "from the processes of " + strings.Join(names, ", "), true
}

var serverCallbacks = map[string]bool{
	"init": true, "handle_call": true, "handle_cast": true, "handle_info": true,
	"handle_continue": true, "terminate": true, "code_change": true,
}

// protectedAdvice: a public table written from another code base than its owner's is
// better :protected with writes through the owner. Writers in the owner's own namespace
// share the table by design (a registry and its partitions), and a table whose uses
// cannot all be found is not judged.
func protectedAdvice(p *analysis.Pass, m *index.Module, t index.ETSTable, u usage, label string) {
	if !t.Public || t.Escapes || !strings.HasPrefix(t.Key, ":") {
		return
	}
	var others []string
	for w := range u.writers {
		if namespace(w) != namespace(m.Name) {
			others = append(others, w)
		}
	}
	if len(others) == 0 {
		return
	}
	sort.Strings(others)
	start, end := publicAtom(p, t)
	d := p.ReportRange(start, end,
		"public ETS table %s is written by %s, outside its owner %s: make it :protected and send writes through %s",
		label, strings.Join(others, ", "), m.Name, m.Name)
	d.Severity = analysis.Information
	var foreign []index.OpAt
	for _, op := range u.writeAt {
		if namespace(op.Module.Name) != namespace(m.Name) {
			foreign = append(foreign, op)
		}
	}
	d.Related = related(foreign, 3, "written here")
}

func namespace(module string) string {
	ns, _, _ := strings.Cut(module, ".")
	return ns
}

// unboundedGrowth: a table that keys from run-time data go into and nothing deletes from.
// Not for literal keys, keys from a comprehension over a range, keys a function's callers
// all pass as literals, a table created in a short-lived process, or a table whose uses
// cannot all be found.
func unboundedGrowth(p *analysis.Pass, m *index.Module, t index.ETSTable, ops []index.OpAt, u usage, label string) {
	if u.writes == 0 || u.deletes > 0 || t.Escapes || t.Detached || mayDeleteThroughWrapper(p.Index, m, ops) {
		return
	}
	var grows []index.OpAt
	for _, op := range u.writeAt {
		if !boundedKeys(p.Index, op) {
			grows = append(grows, op)
		}
	}
	if len(grows) == 0 {
		return
	}
	var d *analysis.Diagnostic
	if strings.HasPrefix(t.Key, "var:") {
		d = p.ReportRange(t.Span.Start(), t.Span.End(),
			"%s made in %s.%s is filled with keys from run-time data and never deleted: each call leaves one more table in the calling process, until it exits",
			label, m.Name, t.From)
	} else {
		d = p.ReportRange(t.Span.Start(), t.Span.End(),
			"ETS table %s gets keys from run-time data (%s) and nothing in the workspace deletes from it: it grows without bound",
			label, count(len(grows), "insert"))
	}
	d.Severity = analysis.Information
	d.Related = related(grows, 3, "inserted here")
}

// boundedKeys reports whether a write's keys come from a fixed set: literals, a range,
// or a parameter every caller in the workspace passes a literal for.
func boundedKeys(snap *index.Snapshot, op index.OpAt) bool {
	switch {
	case op.KeyFrom == index.KeyBounded:
		return true
	case op.KeyFrom < 0 || op.KeyFrom >= 8:
		return false
	}
	sites := callSitesView.Of(snap)[op.Module.Name+"."+op.From]
	for _, literal := range sites {
		if literal&(1<<op.KeyFrom) == 0 {
			return false
		}
	}
	return len(sites) > 0
}

// mayDeleteThroughWrapper reports whether a module that uses the table (or owns it), or
// a module it calls, deletes from a table it gets as a variable: a wrapper such as
// `def remove(tab, key), do: :ets.delete(tab, key)` may be how this table is cleaned.
func mayDeleteThroughWrapper(snap *index.Snapshot, owner *index.Module, ops []index.OpAt) bool {
	users := map[*index.Module]bool{owner: true}
	for _, op := range ops {
		users[op.Module] = true
	}
	for m := range users {
		if deletesVariableTable(m) {
			return true
		}
		for i := range m.Calls {
			if callee := snap.Module(m.Calls[i].Module); callee != nil && callee != m && deletesVariableTable(callee) {
				return true
			}
		}
	}
	return false
}

func deletesVariableTable(m *index.Module) bool {
	for _, op := range m.ETSOps {
		if op.Kind == index.OpDelete && strings.HasPrefix(op.Key, "var:") {
			return true
		}
	}
	return false
}

func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// tableLabel names the table as the code does: `:cache`, `MyApp.Cache` for a table named
// by its module, "unnamed table :scratch" for a table used through its tid.
func tableLabel(t index.ETSTable) string {
	name := t.Name
	switch {
	case strings.HasPrefix(name, "Elixir."):
		name = strings.TrimPrefix(name, "Elixir.")
	case strings.HasPrefix(name, "@"):
	case name != "":
		name = ":" + name
	}
	if !t.Named {
		if name == "" {
			return "the unnamed table"
		}
		return "the unnamed table " + name
	}
	return name
}

// publicAtom finds `:public` inside the options list.
func publicAtom(p *analysis.Pass, t index.ETSTable) (int, int) {
	opts := p.File.Text[t.OptionsSpan.Start():t.OptionsSpan.End()]
	if i := strings.Index(opts, ":public"); i >= 0 {
		return t.OptionsSpan.Start() + i, t.OptionsSpan.Start() + i + len(":public")
	}
	return t.OptionsSpan.Start(), t.OptionsSpan.End()
}

// related points at up to max operations.
func related(ops []index.OpAt, max int, what string) []analysis.Related {
	var out []analysis.Related
	for _, op := range ops {
		if len(out) == max {
			break
		}
		out = append(out, analysis.Related{
			Loc:     index.Loc{Path: op.Module.Path, Span: op.Span},
			Message: fmt.Sprintf("%s: :ets.%s in %s.%s", what, op.Op, op.Module.Name, op.From),
		})
	}
	return out
}

// appendOption adds the options in opt (`read_concurrency: true, write_concurrency: true`)
// at the end of the options list, laid out as mix format would (codeactions.AppendToList).
func appendOption(p *analysis.Pass, t index.ETSTable, opt string) ([]analysis.Edit, bool) {
	list := optionsList(p, t)
	if list == nil {
		return nil, false
	}
	return codeactions.AppendToList(p.File, list, strings.Split(opt, ", ")...)
}

// optionsList finds the options list node of t.
func optionsList(p *analysis.Pass, t index.ETSTable) *source.Node {
	for _, n := range p.Nodes("list") {
		if n.Start() == t.OptionsSpan.Start() && n.End() == t.OptionsSpan.End() {
			return n
		}
	}
	return nil
}
