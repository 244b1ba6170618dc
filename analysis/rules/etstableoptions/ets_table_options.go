// Package etstableoptions is OTP010 ets-table-options: ETS tables whose options do not
// match how the workspace uses them.
package etstableoptions

import (
	"fmt"
	"sort"
	"strings"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/index"
)

// Analyzer is OTP010.
var Analyzer = &analysis.Analyzer{
	Code:     "OTP010",
	Name:     "ets-table-options",
	Title:    "ETS table options do not match its use",
	Severity: analysis.Warning,
	InTests:  analysis.OffInTests,
	Doc:      doc,
	Run:      run,
}

func init() { analysis.Register(Analyzer) }

// usage is what the workspace does with one table.
type usage struct {
	reads, writes, deletes int
	counters               bool
	functions              map[string]bool // "Module.fun/arity"
	writers                map[string]bool // modules that write
	writeAt                []index.OpAt
}

func usageOf(ops []index.OpAt) usage {
	u := usage{functions: map[string]bool{}, writers: map[string]bool{}}
	for _, op := range ops {
		u.functions[op.Module.Name+"."+op.From] = true
		switch op.Kind {
		case index.OpRead:
			u.reads++
		case index.OpWrite:
			u.writes++
			u.writers[op.Module.Name] = true
			u.writeAt = append(u.writeAt, op)
			if op.Op == "update_counter" {
				u.counters = true
			}
		case index.OpDelete:
			u.deletes++
			u.writers[op.Module.Name] = true
		}
	}
	return u
}

func run(p *analysis.Pass) {
	if p.Summary == nil {
		return
	}
	for _, m := range p.Summary.Modules {
		for _, t := range m.ETSTables {
			check(p, m, t)
		}
	}
}

func check(p *analysis.Pass, m *index.Module, t index.ETSTable) {
	var ops []index.OpAt
	u := usageOf(nil)
	if p.Index != nil {
		ops = p.Index.ETSOps(t.Key)
		u = p.Index.Memo("OTP010 usage "+t.Key, func() any { return usageOf(ops) }).(usage)
	}
	label := tableLabel(t)
	concurrency := t.HasOption("read_concurrency") || t.HasOption("write_concurrency")
	if t.Public && !concurrency && len(u.functions) > 1 {
		opt := "read_concurrency: true"
		why := fmt.Sprintf("%d reads, %d writes", u.reads, u.writes+u.deletes)
		if u.reads < u.writes+u.deletes {
			opt = "write_concurrency: true"
		}
		if u.counters && !t.HasOption("decentralized_counters") {
			opt += ", decentralized_counters: true"
		}
		d := p.ReportRange(t.OptionsSpan.Start, t.OptionsSpan.End,
			"public ETS table %s is used from %d functions (%s) with no concurrency option: every access contends on one lock; add %s",
			label, len(u.functions), why, opt)
		d.Related = related(ops, 3, "used here")
		// Append inside the list, before its closing bracket.
		end := t.OptionsSpan.End - 1
		if p.File.Text[end] == ']' && !lastEndsWithBareCall(p, t) {
			sep := ", "
			if before := strings.TrimRight(p.File.Text[t.OptionsSpan.Start+1:end], " \t\r\n"); before == "" || strings.HasSuffix(before, ",") {
				sep = "" // an empty list, or one with a trailing comma
			}
			d.Fixes = append(d.Fixes, analysis.Fix{
				Title: "Add " + opt + " to the table options",
				Safe:  true,
				Edits: []analysis.Edit{p.Edit(end, end, sep+opt)},
			})
		}
	}
	if t.Public {
		var others []string
		for w := range u.writers {
			if w != m.Name {
				others = append(others, w)
			}
		}
		if len(others) > 0 {
			sort.Strings(others)
			start, end := publicAtom(p, t)
			d := p.ReportRange(start, end,
				"public ETS table %s is written by %s, not only by its owner %s: make it :protected and send writes through %s",
				label, strings.Join(others, ", "), m.Name, m.Name)
			d.Severity = analysis.Information
			var foreign []index.OpAt
			for _, op := range u.writeAt {
				if op.Module.Name != m.Name {
					foreign = append(foreign, op)
				}
			}
			d.Related = related(foreign, 3, "written here")
		}
	}
	if u.writes > 0 && u.deletes == 0 && (t.Named || strings.HasPrefix(t.Key, "var:")) {
		d := p.ReportRange(t.Span.Start, t.Span.End,
			"ETS table %s is inserted into (%d places) but never deleted from anywhere in the workspace: it grows without bound",
			label, u.writes)
		d.Severity = analysis.Information
		d.Related = related(u.writeAt, 3, "inserted here")
	}
}

func tableLabel(t index.ETSTable) string {
	if t.Name != "" && !strings.HasPrefix(t.Name, "@") {
		return ":" + t.Name
	}
	if t.Name != "" {
		return t.Name
	}
	return "(unnamed)"
}

// publicAtom finds `:public` inside the options list.
func publicAtom(p *analysis.Pass, t index.ETSTable) (int, int) {
	opts := p.File.Text[t.OptionsSpan.Start:t.OptionsSpan.End]
	if i := strings.Index(opts, ":public"); i >= 0 {
		return t.OptionsSpan.Start + i, t.OptionsSpan.Start + i + len(":public")
	}
	return t.OptionsSpan.Start, t.OptionsSpan.End
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

// lastEndsWithBareCall reports whether the options list's last element ends with a call
// without parentheses, which would swallow an appended option.
func lastEndsWithBareCall(p *analysis.Pass, t index.ETSTable) bool {
	for _, n := range p.Nodes("list") {
		if n.Start == t.OptionsSpan.Start && n.End == t.OptionsSpan.End {
			els := elixir.Elements(n)
			return len(els) > 0 && elixir.EndsWithBareCall(p.File, els[len(els)-1])
		}
	}
	return true
}
