// Package supervisorstrategy is OTP005 supervisor-strategy: a supervisor whose restart
// strategy does not fit how its children depend on each other.
package supervisorstrategy

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/index"
)

// Analyzer is OTP005.
var Analyzer = &analysis.Analyzer{
	Code:     "OTP005",
	Name:     "supervisor-strategy",
	Title:    "Supervisor strategy that does not fit its children",
	Severity: analysis.Warning,
	InTests:  analysis.OffInTests,
	Doc:      doc,
	Facts:    []*index.FactKind{referencesFact.Kind()},
	Run:      run,
}

func run(p *analysis.Pass) {
	simpleOneForOne(p)
	for _, em := range p.Modules {
		ms := p.ModuleSummary(em)
		if ms == nil {
			continue
		}
		for i := range ms.ChildLists {
			list := &ms.ChildLists[i]
			switch list.Strategy.Value {
			case ":one_for_all", ":one_for_one":
				strategyFit(p, list)
			}
		}
	}
}

// simpleOneForOne flags `strategy: :simple_one_for_one` wherever it is written (keyword
// options, a flags map) and the `{:simple_one_for_one, max_r, max_t}` flags tuple.
func simpleOneForOne(p *analysis.Pass) {
	if !strings.Contains(p.File.Text, ":simple_one_for_one") {
		return // nearly every file: one scan of the text instead of a look at each atom
	}
	for _, n := range p.Nodes("atom") {
		if p.File.Slice(n) != ":simple_one_for_one" {
			continue
		}
		parent := n.Parent()
		inPair := parent != nil && parent.Type() == "pair" && strings.HasPrefix(p.File.Slice(parent), "strategy:")
		inFlags := parent != nil && parent.Type() == "tuple" && parent.NamedChildren()[0] == n
		if !inPair && !inFlags {
			continue
		}
		d := p.Report(n, ":simple_one_for_one is deprecated: start dynamic children under a DynamicSupervisor (DynamicSupervisor.start_child/2)")
		d.Tags = append(d.Tags, analysis.TagDeprecated)
	}
}

// strategyFit: independent children under :one_for_all, and dependency chains that
// :rest_for_one describes.
func strategyFit(p *analysis.Pass, list *index.ChildList) {
	children := list.Children
	if len(children) < 2 {
		return
	}
	refs := references(p.Index, children)
	switch {
	case list.Strategy.Value == ":one_for_all" && !anyReference(refs) && independent(p.Index, children):
		d := p.ReportRange(list.Strategy.Span.Start(), list.Strategy.Span.End(), ":one_for_all restarts every child when one fails, but %s are independent: none refers to another, so one crash needlessly restarts the rest", names(children))
		d.Fixes = append(d.Fixes, swap(p, list, ":one_for_one"))
	case chain(refs):
		d := p.ReportRange(list.Strategy.Span.Start(), list.Strategy.Span.End(), "%s: each child depends on the ones started before it (%s), so a crash should restart the failed child and those after it: :rest_for_one", list.Strategy.Value, chainShown(children, refs))
		d.Severity = analysis.Information
		for i := 1; i < len(children); i++ {
			for _, j := range refs[i] {
				d.Related = append(d.Related, analysis.Related{Loc: index.Loc{Path: p.File.Path, Span: children[i].Span}, Message: fmt.Sprintf("%s refers to %s", short(children[i].Module), short(children[j].Module))})
				break
			}
		}
		// No fix: an Information finding is a heuristic, and fix-all must not change
		// restart semantics on a guess (docs/rules/OTP005.md, "Fix safety").
	}
}

// references[i] lists the siblings child i refers to, by module or registered name, in
// its module's code (aliases, call targets). Nil when child i is not in the workspace.
func references(snap *index.Snapshot, children []index.Child) [][]int {
	out := make([][]int, len(children))
	if snap == nil {
		return out
	}
	// The names that would make a reference: each sibling's module and registered name.
	// A child's code is scanned for these few, not gathered into a set of all it mentions.
	byName := map[string][]int{}
	for j, other := range children {
		byName[other.Module] = append(byName[other.Module], j)
		if other.Name != "" {
			byName[other.Name] = append(byName[other.Name], j)
		}
	}
	mentioned := make([]bool, len(children)) // one list, cleared for each child
	for i, ch := range children {
		m := snap.Module(ch.Module)
		if m == nil {
			continue
		}
		clear(mentioned)
		mention := func(name string) {
			for _, j := range byName[name] {
				mentioned[j] = true
			}
		}
		refs, _ := referencesFact.Of(m)
		for _, r := range refs {
			mention(r)
		}
		for k := range m.Calls {
			if t := m.Calls[k].Target(); t != "" { // in place: a Call is nearly a hundred bytes
				mention(t)
			}
		}
		for j, other := range children {
			if mentioned[j] && j != i && other.Module != ch.Module {
				out[i] = append(out[i], j)
			}
		}
	}
	return out
}

func anyReference(refs [][]int) bool {
	for _, r := range refs {
		if len(r) > 0 {
			return true
		}
	}
	return false
}

// independent: every child is a workspace module (so its references are known), or the
// children are evidently instances of one kind: one module with several ids, or names
// sharing their last CamelCase word (UsersRepo, OrdersRepo).
func independent(snap *index.Snapshot, children []index.Child) bool {
	known := snap != nil
	for _, ch := range children {
		if ch.Module == "" || snap == nil || snap.Module(ch.Module) == nil {
			known = false
		}
	}
	if known {
		return true
	}
	sameModule, sameKind := true, lastWord(children[0].Module) != ""
	for _, ch := range children {
		sameModule = sameModule && ch.Module != "" && ch.Module == children[0].Module
		sameKind = sameKind && ch.Module != "" && lastWord(ch.Module) == lastWord(children[0].Module)
	}
	return sameModule || sameKind
}

// chain: every child after the first refers to an earlier sibling and none to a later one.
func chain(refs [][]int) bool {
	for i, r := range refs {
		if i > 0 && len(r) == 0 {
			return false
		}
		for _, j := range r {
			if j > i {
				return false
			}
		}
	}
	return len(refs) > 1
}

func chainShown(children []index.Child, refs [][]int) string {
	var parts []string
	for i := 1; i < len(children); i++ {
		parts = append(parts, fmt.Sprintf("%s -> %s", short(children[i].Module), short(children[refs[i][0]].Module)))
	}
	return strings.Join(parts, ", ")
}

// swap replaces the strategy atom. Unsafe: which children restart when one crashes is the
// behaviour being changed, on evidence the rule reads statically.
func swap(p *analysis.Pass, list *index.ChildList, to string) analysis.Fix {
	return analysis.Fix{
		Title:   "Use strategy: " + to,
		Safe:    false,
		Changes: "changes which children restart together",
		Edits:   []analysis.Edit{p.Edit(list.Strategy.Span.Start(), list.Strategy.Span.End(), to)},
	}
}

func names(children []index.Child) string {
	same := true
	for _, ch := range children {
		same = same && ch.Module == children[0].Module
	}
	if same {
		return fmt.Sprintf("the %d %s children", len(children), short(children[0].Module))
	}
	var out []string
	for _, ch := range children {
		out = append(out, short(ch.Module))
	}
	if len(out) == 2 {
		return out[0] + " and " + out[1]
	}
	return strings.Join(out[:len(out)-1], ", ") + " and " + out[len(out)-1]
}

func short(module string) string { return module[strings.LastIndexByte(module, '.')+1:] }

// lastWord is the last CamelCase word of a module's last segment: "Repo" for
// MyApp.UsersRepo, "" for an Erlang module or a one-word name.
func lastWord(module string) string {
	name := short(module)
	if name == "" || !unicode.IsUpper(rune(name[0])) {
		return ""
	}
	last := strings.LastIndexFunc(name, unicode.IsUpper)
	if last <= 0 {
		return ""
	}
	return name[last:]
}
