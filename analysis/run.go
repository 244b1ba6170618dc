package analysis

import (
	"context"
	"fmt"
	"regexp"
	"runtime/debug"
	"sort"
	"strings"
	"time"

	"github.com/otpls/otpls/analysis/config"
	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/source"
)

// Codes otpls reports about itself rather than about OTP.
const (
	InternalErrorCode     = "OTP000"
	UnusedSuppressionCode = "OTP090"
	InvalidConfigCode     = "OTP091"
	TruncatedCode         = "OTP092"
	FileTooLargeCode      = "OTP093"
	ParseAbandonedCode    = "OTP094"
)

// ParseAbandoned is the one finding of a file whose parse ran past its time budget
// (source.ParseBudget): an Information at its start saying why it has no other.
func ParseAbandoned(path string, size int, budget time.Duration) Diagnostic {
	return Diagnostic{
		Code: ParseAbandonedCode, Rule: "parse-too-slow", Severity: Information, Path: path,
		Message: fmt.Sprintf("not analysed: tree-sitter did not finish parsing the file's %d bytes within its %s budget", size, budget.Round(time.Millisecond)),
	}
}

// FileTooLarge is the one finding of a file over the size limit (config max_file_size),
// which is not parsed: an Information at its start saying why it has no other.
func FileTooLarge(path string, size, limit int64) Diagnostic {
	return Diagnostic{
		Code: FileTooLargeCode, Rule: "file-too-large", Severity: Information, Path: path,
		Message: fmt.Sprintf("not analysed: the file is %d bytes, over the %d-byte limit (max_file_size in .otpls.exs or the editor settings)", size, limit),
	}
}

// DefaultMaxDiagnostics caps the diagnostics of one file: past it, editors slow down and
// nobody reads them; a final entry says how many were left out.
const DefaultMaxDiagnostics = 500

// Input is one file to analyse with the workspace around it.
type Input struct {
	File    *source.File
	Summary *index.FileSummary // the file's own summary (as indexed)
	Index   *index.Snapshot
	Config  *config.Config
	// Analyzers to consider; nil means All().
	Analyzers []*Analyzer
	// OnPanic is told about a rule that panicked (for logging); may be nil.
	OnPanic func(code string, recovered any, stack []byte)
	// MaxDiagnostics caps the result (0 means DefaultMaxDiagnostics).
	MaxDiagnostics int
	// Context, when set, stops the run between two rules once it is done (the language
	// server's analysis that no request waits for any more); Run then returns nil.
	Context context.Context
}

// Run analyses one file and returns its diagnostics sorted by position, suppressions applied.
func Run(in Input) []Diagnostic {
	analyzers := in.Analyzers
	if analyzers == nil {
		analyzers = All()
	}
	cfg := in.Config
	if cfg == nil {
		cfg = config.Default()
	}
	f := in.File
	nodes := &nodeIndex{file: f, byType: map[string][]*source.Node{}}
	modules := elixir.Modules(f)
	ran := make([]bool, len(analyzers)) // by index in analyzers; codes only for suppressions
	isTest := IsTestFile(f.Path)
	// One pass for the file, filled anew for each rule: a rule's diagnostics are copied
	// out as it returns, and nothing of a pass outlives its rule's run.
	pass := new(Pass)
	var diags []Diagnostic
	for i, a := range analyzers {
		if in.Context != nil && in.Context.Err() != nil {
			return nil
		}
		sev, overridden, enabled, errorsOnly := effective(a, cfg, isTest)
		if !enabled {
			continue
		}
		*pass = Pass{Analyzer: a, File: f, Summary: in.Summary, Index: in.Index, Config: cfg, Modules: modules, nodes: nodes}
		if crashed := runOne(pass, in.OnPanic); crashed != nil {
			diags = append(diags, *crashed)
			continue
		}
		ran[i] = true
		for _, d := range pass.diags {
			if overridden {
				d.Severity = sev
			}
			if errorsOnly && d.Severity != Error {
				continue
			}
			clampDiagnostic(&d, f)
			diags = append(diags, d)
		}
	}
	diags = applySuppressions(f, diags, func() map[string]bool {
		codes := make(map[string]bool, len(analyzers))
		for i, a := range analyzers {
			if ran[i] {
				codes[a.Code] = true
			}
		}
		return codes
	})
	sort.SliceStable(diags, func(i, j int) bool {
		if diags[i].Start != diags[j].Start {
			return diags[i].Start < diags[j].Start
		}
		return diags[i].Code < diags[j].Code
	})
	return capDiagnostics(f, diags, in.MaxDiagnostics)
}

// capDiagnostics keeps the first max diagnostics and adds one saying how many more there are.
func capDiagnostics(f *source.File, diags []Diagnostic, max int) []Diagnostic {
	if max <= 0 {
		max = DefaultMaxDiagnostics
	}
	if len(diags) <= max {
		return diags
	}
	first := diags[max]
	rest := len(diags) - max
	return append(diags[:max:max], Diagnostic{
		Code: TruncatedCode, Rule: "too-many-diagnostics", Severity: Information, Path: f.Path,
		Start: first.Start, End: first.End, Range: first.Range,
		Message: fmt.Sprintf("and %d more otpls diagnostics in this file (showing the first %d)", rest, max),
	})
}

// effective returns the configured severity of a in a file (a test file when isTest;
// overridden is false when the config sets none: a rule's own per-finding severities then
// stand, e.g. OTP010's Information findings next to its Warnings), whether a runs there
// at all, and whether only its Error findings are kept (a test file, by the rule's
// InTests default). A rule that config enables runs fully in test files too.
func effective(a *Analyzer, cfg *config.Config, isTest bool) (sev Severity, overridden, enabled, errorsOnly bool) {
	enabled = true
	if a.InTests != RunInTests && isTest {
		enabled = a.InTests != OffInTests
		errorsOnly = a.InTests == ErrorsInTests
	}
	sev = a.Severity
	if r, ok := cfg.Rules[a.Code]; ok {
		if r.Enabled != nil {
			enabled = *r.Enabled
			errorsOnly = errorsOnly && !*r.Enabled
		}
		if s, ok := ParseSeverity(r.Severity); ok {
			sev, overridden = s, true
		}
	}
	return sev, overridden, enabled, errorsOnly
}

// runOne runs a rule and turns a panic into an internal-error diagnostic.
func runOne(p *Pass, onPanic func(string, any, []byte)) (crashed *Diagnostic) {
	defer func() {
		if r := recover(); r != nil {
			stack := debug.Stack()
			if onPanic != nil {
				onPanic(p.Analyzer.Code, r, stack)
			}
			crashed = &Diagnostic{
				Code:     InternalErrorCode,
				Rule:     "internal-error",
				Severity: Error,
				Path:     p.File.Path,
				Range:    p.File.Lines.Range(0, 0),
				Message:  fmt.Sprintf("rule %s (%s) crashed on this file and was skipped: %v; the other rules ran. Please report this.", p.Analyzer.Code, p.Analyzer.Name, r),
			}
		}
	}()
	p.Analyzer.Run(p)
	return nil
}

func clampDiagnostic(d *Diagnostic, f *source.File) {
	n := len(f.Text)
	d.Start = min(max(d.Start, 0), n)
	d.End = min(max(d.End, d.Start), n)
	d.Range = f.Lines.Range(d.Start, d.End)
}

// suppression is one `# otpls:disable-...` comment.
type suppression struct {
	node  *source.Node
	kind  string          // "line", "next-line", "file"
	line  int             // the line it applies to (not for file)
	codes map[string]bool // empty = every code
	used  map[string]bool
}

var suppressionRe = regexp.MustCompile(`^#\s*otpls:disable(-next-line|-line|-file)\b(.*)$`)

// Suppressions reads the suppression comments of f.
func parseSuppressions(f *source.File) []*suppression {
	var out []*suppression
	for _, c := range f.Comments {
		m := suppressionRe.FindStringSubmatch(strings.TrimSpace(f.Slice(c)))
		if m == nil {
			continue
		}
		s := &suppression{node: c, kind: strings.TrimPrefix(m[1], "-"), codes: map[string]bool{}, used: map[string]bool{}}
		for _, tok := range strings.FieldsFunc(m[2], func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
			if !config.IsCode(tok) {
				break // the rest is the reason
			}
			s.codes[tok] = true
		}
		line := f.Lines.Line(c.Start())
		switch s.kind {
		case "line":
			s.line = line
		case "next-line":
			s.line = line + 1
		}
		out = append(out, s)
	}
	return out
}

func (s *suppression) matches(d *Diagnostic) bool {
	if len(s.codes) > 0 && !s.codes[d.Code] {
		return false
	}
	return s.kind == "file" || d.Range.Start.Line == s.line
}

// applySuppressions drops suppressed diagnostics and reports suppressions of rules that
// ran but matched nothing, as hints with a fix removing them. ranCodes gives the codes of
// the rules that ran, asked only of a file with suppressions (few have any).
func applySuppressions(f *source.File, diags []Diagnostic, ranCodes func() map[string]bool) []Diagnostic {
	sups := parseSuppressions(f)
	if len(sups) == 0 {
		return diags
	}
	ran := ranCodes()
	kept := diags[:0]
	for _, d := range diags {
		suppressed := false
		if d.Code != InternalErrorCode {
			for _, s := range sups {
				if s.matches(&d) {
					s.used[d.Code] = true
					suppressed = true
				}
			}
		}
		if !suppressed {
			kept = append(kept, d)
		}
	}
	for _, s := range sups {
		var unused []string
		if len(s.codes) == 0 {
			if len(s.used) == 0 && len(ran) > 0 {
				unused = append(unused, "any rule")
			}
		} else {
			for code := range s.codes {
				if ran[code] && !s.used[code] {
					unused = append(unused, code)
				}
			}
		}
		if len(unused) == 0 {
			continue
		}
		sort.Strings(unused)
		start, end := lineSpan(f, s.node)
		kept = append(kept, Diagnostic{
			Code:     UnusedSuppressionCode,
			Rule:     "unused-suppression",
			Severity: Hint,
			Path:     f.Path,
			Start:    s.node.Start(),
			End:      s.node.End(),
			Range:    f.Range(s.node),
			Message:  fmt.Sprintf("suppression of %s matches no diagnostic", strings.Join(unused, ", ")),
			Tags:     []Tag{TagUnnecessary},
			Fixes: []Fix{{
				Title: "Remove the unused suppression",
				Safe:  true,
				Edits: []Edit{{Path: f.Path, Start: start, End: end}},
			}},
		})
	}
	return kept
}

// lineSpan is the range to delete to remove comment c: its whole line when nothing else is
// on it, else from the end of the code before it.
func lineSpan(f *source.File, c *source.Node) (int, int) {
	line := f.Lines.Line(c.Start())
	ls := f.Lines.LineStart(line)
	if strings.TrimSpace(f.Text[ls:c.Start()]) == "" {
		end := c.End()
		if line+1 < f.Lines.LineCount() {
			end = f.Lines.LineStart(line + 1)
		}
		return ls, end
	}
	start := c.Start()
	for start > ls && (f.Text[start-1] == ' ' || f.Text[start-1] == '\t') {
		start--
	}
	return start, c.End()
}

// SuppressionFix returns the quick fix inserting `# otpls:disable-next-line CODE` above d.
func SuppressionFix(f *source.File, d Diagnostic) Fix {
	line := d.Range.Start.Line
	ls := f.Lines.LineStart(line)
	return Fix{
		Title: fmt.Sprintf("Suppress %s on this line", d.Code),
		Safe:  false,
		Edits: []Edit{{Path: f.Path, Start: ls, End: ls, NewText: f.IndentAt(ls) + "# otpls:disable-next-line " + d.Code + f.Newline()}},
	}
}
