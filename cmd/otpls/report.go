package main

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/source"
	"github.com/otpls/otpls/analysis/workspace"
)

// Columns in every format are 1-based UTF-16 code units, as in LSP and SARIF's default.
// SARIF also describes the rules that ran.
var formats = map[string]format{
	"text":   textReport,
	"json":   jsonReport,
	"sarif":  writeSARIF,
	"github": func(w io.Writer, o outcome) error { return writeGitHub(w, o.diags) },
}

// outcome is what a run of check has to report.
type outcome struct {
	diags []analysis.Diagnostic
	rules []*analysis.Analyzer // the rules that ran
	// unparsed are the analysed files that do not parse cleanly, by path: the rules saw
	// only what tree-sitter could read of them.
	unparsed []unparsedFile
	// baselined counts the findings left out because the baseline holds them.
	baselined int
}

// unparsedFile is a file that does not parse, and where its first syntax error is.
type unparsedFile struct {
	path string
	at   source.Range
}

// unparsedFiles lists the files of res that do not parse, by path.
func unparsedFiles(res *workspace.Result) []unparsedFile {
	out := make([]unparsedFile, 0, len(res.SyntaxErrors))
	for _, p := range slices.Sorted(maps.Keys(res.SyntaxErrors)) {
		out = append(out, unparsedFile{path: p, at: res.SyntaxErrors[p]})
	}
	return out
}

// format writes the outcome of a run.
type format func(w io.Writer, o outcome) error

// writeText writes diagnostics alone as text (fix's config problems).
func writeText(w io.Writer, diags []analysis.Diagnostic) error {
	return textReport(w, outcome{diags: diags})
}

func textReport(w io.Writer, o outcome) error {
	diags := o.diags
	fixable, unsafe := 0, 0
	for _, d := range diags {
		mark := ""
		switch {
		case d.Severity > analysis.Warning:
			// A hint's fix is a quick fix in the editor: `otpls fix` leaves it alone.
		case safeFix(d):
			mark = " [*]"
			fixable++
		case len(d.Fixes) > 0:
			unsafe++ // only an unsafe fix: offered by `otpls fix --unsafe`, not marked
		}
		if _, err := fmt.Fprintf(w, "%s:%d:%d: %s %s: %s%s\n", shownPath(d.Path), d.Range.Start.Line+1, d.Range.Start.Character+1, d.Code, d.Rule, shownText(d.Message), mark); err != nil {
			return err
		}
	}
	for _, u := range o.unparsed {
		if _, err := fmt.Fprintf(w, "%s:%d:%d: syntax error: the file does not parse from here, so its findings may be incomplete\n", shownPath(u.path), u.at.Start.Line+1, u.at.Start.Character+1); err != nil {
			return err
		}
	}
	if len(diags) == 0 && o.baselined == 0 && len(o.unparsed) == 0 {
		return nil
	}
	var fixes []string
	if fixable > 0 {
		fixes = append(fixes, fmt.Sprintf("%d fixable with `otpls fix`, marked [*]", fixable))
	}
	if unsafe > 0 {
		fixes = append(fixes, fmt.Sprintf("%d fixable only with `otpls fix --unsafe`", unsafe))
	}
	fmt.Fprintf(w, "\nFound %d problem%s", len(diags), plural(len(diags)))
	if len(fixes) > 0 {
		fmt.Fprintf(w, " (%s)", strings.Join(fixes, "; "))
	}
	fmt.Fprint(w, ".")
	if o.baselined > 0 {
		fmt.Fprintf(w, " %d more in the baseline, not shown.", o.baselined)
	}
	if n := len(o.unparsed); n > 0 {
		fmt.Fprintf(w, " %d file%s did not parse.", n, plural(n))
	}
	_, err := fmt.Fprintln(w)
	return err
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func safeFix(d analysis.Diagnostic) bool {
	for _, f := range d.Fixes {
		if f.Safe {
			return true
		}
	}
	return false
}

// place is a range in a file as every report shows it: the path as displayed, lines and
// columns 1-based (columns in UTF-16 code units). The JSON findings, their related
// locations and SARIF's locations are all made from it.
type place struct {
	Path      string `json:"path"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
}

func placeOf(path string, r source.Range) place {
	return place{Path: display(path), Line: r.Start.Line + 1, Column: r.Start.Character + 1,
		EndLine: r.End.Line + 1, EndColumn: r.End.Character + 1}
}

type jsonDiagnostic struct {
	place
	Code     string `json:"code"`
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Fixable  bool   `json:"fixable"`
	// Fix is the kind of fix the finding has: "safe" (`otpls fix` applies it), "unsafe"
	// (only `otpls fix --unsafe` does), or null (none).
	Fix *string `json:"fix"`
	// Related are the other places involved in the finding (SARIF's relatedLocations).
	Related []jsonRelated `json:"related"`
}

type jsonRelated struct {
	place
	Message string `json:"message"`
}

// fixKind is "safe" when a fix of d is safe, "unsafe" when it has only unsafe ones, nil
// when it has none: the split the text output's counts make.
func fixKind(d analysis.Diagnostic) *string {
	kind := ""
	switch {
	case safeFix(d):
		kind = "safe"
	case len(d.Fixes) > 0:
		kind = "unsafe"
	default:
		return nil
	}
	return &kind
}

type jsonUnparsed struct {
	Path   string `json:"path"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

func jsonReport(w io.Writer, o outcome) error {
	out := struct {
		Diagnostics []jsonDiagnostic `json:"diagnostics"`
		// Unparsed are the files that do not parse, at their first syntax error.
		Unparsed []jsonUnparsed `json:"unparsed"`
		// Baselined counts the findings left out because the baseline holds them.
		Baselined int `json:"baselined"`
	}{Diagnostics: []jsonDiagnostic{}, Unparsed: []jsonUnparsed{}, Baselined: o.baselined}
	for _, u := range o.unparsed {
		out.Unparsed = append(out.Unparsed, jsonUnparsed{Path: display(u.path), Line: u.at.Start.Line + 1, Column: u.at.Start.Character + 1})
	}
	for _, d := range o.diags {
		related := make([]jsonRelated, 0, len(d.Related))
		for _, r := range d.Related {
			related = append(related, jsonRelated{place: placeOf(r.Loc.Path, r.Loc.Range()), Message: r.Message})
		}
		out.Diagnostics = append(out.Diagnostics, jsonDiagnostic{
			place: placeOf(d.Path, d.Range),
			Code:  d.Code, Rule: d.Rule, Severity: d.Severity.String(), Message: d.Message,
			Fixable: len(d.Fixes) > 0, Fix: fixKind(d), Related: related,
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func sarifLevel(s analysis.Severity) string {
	switch s {
	case analysis.Error:
		return "error"
	case analysis.Warning:
		return "warning"
	}
	return "note"
}

// writeSARIF describes rules in the run's tool section, and any other code reported.
func writeSARIF(w io.Writer, o outcome) error {
	diags, rules := o.diags, o.rules
	report, err := sarif.New(sarif.Version210)
	if err != nil {
		return err
	}
	run := sarif.NewRunWithInformationURI("otpls", "https://github.com/otpls/otpls")
	run.Tool.Driver.WithVersion(version)
	for _, a := range rules {
		run.AddRule(a.Code).
			WithName(a.Name).
			WithShortDescription(sarif.NewMultiformatMessageString(a.Title)).
			WithFullDescription(sarif.NewMultiformatMessageString(firstSentence(a.Doc.What))).
			WithHelp(sarif.NewMultiformatMessageString(a.Title + "\n\n" + a.Doc.Why).WithMarkdown(analysis.Markdown(a))).
			WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(sarifLevel(a.Severity)))
	}
	for _, d := range diags {
		if _, err := run.GetRuleById(d.Code); err != nil {
			run.AddRule(d.Code).WithName(d.Rule).
				WithShortDescription(sarif.NewMultiformatMessageString(d.Rule)).
				WithHelp(sarif.NewMultiformatMessageString("otpls reports " + d.Rule + " about the analysis itself."))
		}
		res := run.CreateResultForRule(d.Code).
			WithLevel(sarifLevel(d.Severity)).
			WithMessage(sarif.NewTextMessage(d.Message))
		res.AddLocation(sarifLocation(placeOf(d.Path, d.Range)))
		for _, r := range d.Related {
			loc := sarifLocation(placeOf(r.Loc.Path, r.Loc.Range()))
			res.AddRelatedLocation(loc.WithMessage(sarif.NewTextMessage(r.Message)))
		}
	}
	report.AddRun(run)
	return report.PrettyWrite(w)
}

func sarifLocation(p place) *sarif.Location {
	return sarif.NewLocationWithPhysicalLocation(sarif.NewPhysicalLocation().
		WithArtifactLocation(sarif.NewSimpleArtifactLocation(filepath.ToSlash(p.Path))).
		WithRegion(sarif.NewRegion().WithStartLine(p.Line).WithStartColumn(p.Column).WithEndLine(p.EndLine).WithEndColumn(p.EndColumn)))
}

func firstSentence(s string) string {
	if i := strings.Index(s, ". "); i > 0 {
		return s[:i+1]
	}
	return s
}
