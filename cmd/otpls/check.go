package main

import (
	"flag"
	"fmt"
	"io"
	"sort"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/workspace"
)

func check(rules []*analysis.Analyzer, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "text", "output format: text, json, sarif or github (GitHub Actions annotations)")
	configPath := fs.String("config", "", "config file (default: .otpls.exs at the project root)")
	sel := addSelectionFlags(fs)
	base := addBaselineFlags(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: otpls check [--format text|json|sarif|github] [--select CODES] [--ignore CODES]\n                   [--baseline FILE [--update-baseline]] [--config FILE] [paths...]\n\n"+
			"Analyses the Elixir files under paths (default \".\"), skipping deps/, _build/, .git/,\n"+
			"node_modules/ and the config's exclude globs. Exit status: 0 clean, 1 findings,\n"+
			"2 usage or config error, 3 internal error.\n\nFlags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return flagExit(err)
	}
	if err := base.check(); err != nil {
		fmt.Fprintf(stderr, "otpls check: %v\n", err)
		return exitUsage
	}
	write, ok := formats[*format]
	if !ok {
		fmt.Fprintf(stderr, "otpls check: unknown format %q (text, json, sarif, github)\n", *format)
		return exitUsage
	}
	proj, err := loadProject(rules, fs.Args(), *configPath, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "otpls check: %v\n", err)
		return exitUsage
	}
	if rules, err = sel.apply(rules, proj.cfg); err != nil {
		fmt.Fprintf(stderr, "otpls check: %v\n", err)
		return exitUsage
	}
	opts := proj.options(rules, stderr)
	opts.TreeBudget = checkTreeBudget
	opts.KeepTexts = base.path != ""
	opts.DropAnalysed = true
	res := workspace.Analyze(proj.files, opts)
	reportSkipped(stderr, res)
	diags := proj.configDiagnostics()
	for _, p := range proj.files {
		diags = append(diags, res.Diagnostics[p]...)
	}
	sortDiagnostics(diags)
	diags, baselined, err := base.filter(proj, rules, res, diags, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "otpls check: %v\n", err)
		return exitUsage
	}
	if err := write(stdout, outcome{diags: diags, rules: rules, unparsed: unparsedFiles(res), baselined: baselined}); err != nil {
		fmt.Fprintf(stderr, "otpls check: %v\n", err)
		return exitInternal
	}
	return exitStatus(diags, len(proj.problems) > 0)
}

// checkTreeBudget is the source size past which check keeps no syntax trees between its
// steps (workspace.Options.TreeBudget): a workspace that large parses every file twice
// rather than hold every tree, which would take some 16 bytes per source byte more.
var checkTreeBudget int64 = 8 << 20

// exitStatus is check's exit status: from the findings and the config alone. A file that
// could not be read was skipped with a reason on stderr (SECURITY.md), as a file the
// walker skips is: it is not an internal error.
func exitStatus(diags []analysis.Diagnostic, configErrors bool) int {
	internal := false
	for _, d := range diags {
		internal = internal || d.Code == analysis.InternalErrorCode
	}
	switch {
	case internal:
		return exitInternal
	case configErrors:
		return exitUsage
	case len(diags) > 0:
		return exitFindings
	}
	return exitClean
}

func panicLogger(stderr io.Writer) func(path, code string, r any, stack []byte) {
	return func(path, code string, r any, stack []byte) {
		fmt.Fprintf(stderr, "otpls: rule %s panicked on %s: %v\n%s\n", code, shownPath(path), r, stack)
	}
}

func sortDiagnostics(diags []analysis.Diagnostic) {
	sort.SliceStable(diags, func(i, j int) bool {
		a, b := diags[i], diags[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		return a.Code < b.Code
	})
}
