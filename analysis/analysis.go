// Package analysis runs rules over a parsed file: analyzers are data (code, name, default
// severity, docs, run function), registered once; Run walks the file once for all of them,
// recovers a rule that panics, and applies suppression comments and configuration.
package analysis

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/otpls/otpls/analysis/config"
	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/source"
)

// Severity uses the LSP numbering.
type Severity int

const (
	Error       Severity = 1
	Warning     Severity = 2
	Information Severity = 3
	Hint        Severity = 4
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	case Information:
		return "information"
	case Hint:
		return "hint"
	}
	return "unknown"
}

// ParseSeverity reads a severity name as written in config (the config package owns the
// names, so that its checks and this agree).
func ParseSeverity(s string) (Severity, bool) {
	n, ok := config.SeverityLevel(s)
	return Severity(n), ok
}

// Doc is a rule's documentation, in the sections of docs/rules/OTPnnn.md.
type Doc struct {
	What       string // What it does
	Why        string // Why is this bad?
	Example    string // Elixir code showing the problem
	UseInstead string // Elixir code showing the right form
	// Options is markdown shown after the list generated from the Analyzer's Options: a
	// note (e.g. a top-level setting the rule uses), or "None." when there is nothing.
	Options   string
	FixSafety string
}

// Analyzer is one rule.
type Analyzer struct {
	Code     string // stable, never reused: "OTP009"
	Name     string // kebab-case: "unsupervised-task"
	Title    string // one line
	Severity Severity
	// InTests says how the rule runs in test files (test/**, *_test.exs) unless config
	// enables it there: test doubles block, spawn and hold state on purpose, so the design
	// rules are off and the correctness rules keep only their Error findings.
	InTests TestFiles
	Doc     Doc
	// Options are the rule's settings besides enabled and severity, declared once (see
	// Option): the config is checked against them and the docs list them.
	Options []OptionDecl
	// Facts are the rule's own cross-file facts (index.NewFact), computed for every file
	// of the workspace when it is summarised; the rule reads them with Fact.Of and Fact.In.
	Facts []*index.FactKind
	Run   func(*Pass)
}

// FactKinds are the facts the analyzers declare, each once: what a workspace analysed by
// them must compute (index.NewWorkspace).
func FactKinds(analyzers []*Analyzer) []*index.FactKind {
	var out []*index.FactKind
	for _, a := range analyzers {
		for _, k := range a.Facts {
			if !slices.Contains(out, k) {
				out = append(out, k)
			}
		}
	}
	return out
}

// TestFiles is a rule's default in test files.
type TestFiles int

const (
	RunInTests    TestFiles = iota // every finding
	OffInTests                     // none
	ErrorsInTests                  // only Error findings (a definite bug is one in a test too)
)

// Tag marks diagnostics the LSP shows specially.
type Tag int

const (
	TagUnnecessary Tag = 1
	TagDeprecated  Tag = 2
)

// Diagnostic is one finding.
type Diagnostic struct {
	Code     string
	Rule     string // the analyzer's Name
	Severity Severity
	Path     string
	Start    int // byte offsets in the file
	End      int
	Range    source.Range
	Message  string
	Related  []Related
	Tags     []Tag
	Fixes    []Fix
}

// Related points at another place involved in a finding.
type Related struct {
	Loc     index.Loc
	Message string
}

// Fix is a set of non-overlapping edits, possibly in several files.
type Fix struct {
	Title string // imperative: "Start the task under SampleApp.TaskSupervisor"
	// Safe: every execution that does not crash today behaves the same afterwards (same
	// ordering, concurrency, restart and crash semantics). Only safe fixes are applied by
	// fix-all and `otpls fix`; see docs/rules/OTPnnn.md, "Fix safety".
	Safe bool
	// Changes says what an unsafe fix changes ("changes restart behaviour"); required when
	// Safe is false, and shown in the fix's Label so the user knows before applying it.
	Changes string
	Edits   []Edit
	// Verify marks a rewrite that puts code next to code it did not read (a moved or
	// inlined clause): on input tree-sitter accepts and Elixir would not, the result may
	// not parse. Whoever offers or applies the fix checks first (codeactions.Usable); the
	// rule does not, so that a check run pays no parse for it.
	Verify bool
}

// Label is the fix's title as offered to a user: an unsafe fix says what it changes.
func (fx Fix) Label() string {
	if fx.Safe || fx.Changes == "" {
		return fx.Title
	}
	return fx.Title + " (" + fx.Changes + ")"
}

// Edit replaces the bytes [Start, End) of Path with NewText.
type Edit struct {
	Path    string
	Start   int
	End     int
	NewText string
}

// Pass is what a rule sees while it runs on one file.
type Pass struct {
	Analyzer *Analyzer
	File     *source.File
	Summary  *index.FileSummary
	Index    *index.Snapshot
	Config   *config.Config
	Modules  []*elixir.Module
	nodes    *nodeIndex
	diags    []Diagnostic
}

// nodeIndex hands out the file's nodes by type, each type gathered once per file and
// shared by every rule.
type nodeIndex struct {
	file   *source.File
	byType map[string][]*source.Node
	// modules maps module names to their summaries (the first of a name), built on first
	// use: files with thousands of modules must not cost a scan per lookup.
	modules map[string]*index.Module
	// defs caches each module's function clauses, read once for every rule.
	defs map[*elixir.Module]moduleDefs
	// tails caches the tails of bodies (elixir.Tails): several rules read each callback's.
	tails map[*source.Node][]*source.Node
}

type moduleDefs struct {
	byID  map[string][]elixir.Def
	order []elixir.Def
}

func (x *nodeIndex) of(typ string) []*source.Node {
	nodes, ok := x.byType[typ]
	if !ok {
		nodes = x.file.NodesOfType(typ)
		x.byType[typ] = nodes
	}
	return nodes
}

// Nodes returns the file's nodes of the given types in source order, from the one shared
// traversal made for all rules.
func (p *Pass) Nodes(types ...string) []*source.Node {
	if len(types) == 1 {
		return p.nodes.of(types[0])
	}
	var out []*source.Node
	for _, t := range types {
		out = append(out, p.nodes.of(t)...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start() < out[j].Start() })
	return out
}

// Calls returns every call expression of the file (read once per file version, shared
// with the index and the rules; do not modify the slice).
func (p *Pass) Calls() []elixir.Call { return elixir.Calls(p.File) }

// CallsIn returns the calls of the file that lie inside n (a subslice of Calls).
func (p *Pass) CallsIn(n *source.Node) []elixir.Call { return elixir.CallsIn(p.File, n) }

// Module returns the module containing n, or nil.
func (p *Pass) Module(n *source.Node) *elixir.Module { return elixir.ModuleOf(p.Modules, n) }

// ModuleSummary returns the index summary of em.
func (p *Pass) ModuleSummary(em *elixir.Module) *index.Module {
	if em == nil || p.Summary == nil {
		return nil
	}
	x := p.nodes
	if x.modules == nil {
		x.modules = make(map[string]*index.Module, len(p.Summary.Modules))
		for _, m := range p.Summary.Modules {
			if _, dup := x.modules[m.Name]; !dup {
				x.modules[m.Name] = m
			}
		}
	}
	return x.modules[em.Name]
}

// Tails returns the expressions whose value body returns (elixir.Tails), read once per
// file and shared by the rules (do not modify the list).
func (p *Pass) Tails(body *source.Node) []*source.Node {
	x := p.nodes
	if tails, ok := x.tails[body]; ok {
		return tails
	}
	if x.tails == nil {
		x.tails = map[*source.Node][]*source.Node{}
	}
	tails := elixir.Tails(p.File, body)
	tails = tails[:len(tails):len(tails)] // a rule's append makes a list of its own
	x.tails[body] = tails
	return tails
}

// Defs returns em's function clauses by "name/arity" and in source order, read once per
// file and shared by the rules (do not modify them).
func (p *Pass) Defs(em *elixir.Module) (map[string][]elixir.Def, []elixir.Def) {
	x := p.nodes
	if x.defs == nil {
		x.defs = map[*elixir.Module]moduleDefs{}
	}
	d, ok := x.defs[em]
	if !ok {
		d.byID, d.order = elixir.Defs(p.File, em.Body)
		x.defs[em] = d
	}
	return d.byID, d.order
}

// Report records a diagnostic on node n with the analyzer's code and severity; fill in
// the rest on the returned pointer before the rule returns.
func (p *Pass) Report(n *source.Node, format string, args ...any) *Diagnostic {
	return p.ReportRange(n.Start(), n.End(), format, args...)
}

// ReportRange is Report for a byte range.
func (p *Pass) ReportRange(start, end int, format string, args ...any) *Diagnostic {
	p.diags = append(p.diags, Diagnostic{
		Code:     p.Analyzer.Code,
		Rule:     p.Analyzer.Name,
		Severity: p.Analyzer.Severity,
		Path:     p.File.Path,
		Start:    start,
		End:      end,
		Range:    p.File.Lines.Range(start, end),
		Message:  fmt.Sprintf(format, args...),
	})
	return &p.diags[len(p.diags)-1]
}

// Edit builds an edit of this file.
func (p *Pass) Edit(start, end int, text string) Edit {
	return Edit{Path: p.File.Path, Start: start, End: end, NewText: text}
}

// IsTestFile reports whether path is a test file (test/**, *_test.exs).
// Read in place: check asks it of every rule for every file.
func IsTestFile(path string) bool {
	if strings.HasSuffix(path, "_test.exs") {
		return true
	}
	isSep := func(c byte) bool { return c == '/' || c == '\\' }
	for i := 0; ; {
		j := strings.Index(path[i:], "test")
		if j < 0 {
			return false
		}
		j += i
		if (j == 0 || isSep(path[j-1])) && j+4 < len(path) && isSep(path[j+4]) {
			return true
		}
		i = j + 1
	}
}

// Loc is the location of n in this file, for relatedInformation.
func (p *Pass) Loc(n *source.Node) index.Loc {
	return index.Loc{Path: p.File.Path, Span: index.NewSpan(n.Start(), n.End(), p.File.Range(n))}
}
