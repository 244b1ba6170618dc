package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/supervision"
	"github.com/otpls/otpls/analysis/workspace"
)

// treeFormats write a supervision forest.
var treeFormats = map[string]func(io.Writer, *supervision.Forest) error{
	"text": func(w io.Writer, f *supervision.Forest) error {
		return supervision.WriteText(w, f, func(p string) string { return shownPath(p) })
	},
	"json": func(w io.Writer, f *supervision.Forest) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(f)
	},
	"mermaid": supervision.WriteMermaid,
	"dot":     supervision.WriteDot,
}

// tree prints the supervision forest of the project's files (docs/tree.md). It reads the
// same files check does and runs no rule.
func tree(rules []*analysis.Analyzer, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("tree", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "text", "output format: text, json, mermaid or dot")
	configPath := fs.String("config", "", "config file (default: .otpls.exs at the project root)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: otpls tree [--format text|json|mermaid|dot] [--config FILE] [paths...]\n\n"+
			"Prints the supervision trees of the Elixir files under paths (default \".\"), as\n"+
			"read from the code: each Application, its root supervisor and the children in\n"+
			"start order, and the synchronous calls that cross from one branch into another.\n"+
			"Files are found as check finds them. Exit status: 0, or 2 on a usage or config error.\n\nFlags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return flagExit(err)
	}
	write, ok := treeFormats[*format]
	if !ok {
		fmt.Fprintf(stderr, "otpls tree: unknown format %q (text, json, mermaid, dot)\n", *format)
		return exitUsage
	}
	proj, err := loadProject(rules, fs.Args(), *configPath, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "otpls tree: %v\n", err)
		return exitUsage
	}
	opts := proj.options(rules, stderr)
	opts.IndexOnly, opts.Facts = true, supervision.Facts()
	res := workspace.Analyze(proj.files, opts)
	reportSkipped(stderr, res)
	if err := write(stdout, supervision.Build(res.Index)); err != nil {
		fmt.Fprintf(stderr, "otpls tree: %v\n", err)
		return exitInternal
	}
	return exitClean
}
