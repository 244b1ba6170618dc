package main

import (
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/config"
	"github.com/otpls/otpls/analysis/workspace"
	"github.com/otpls/otpls/server/gcpace"
)

// project is what check and fix work on.
type project struct {
	root string
	// roots are what files may be read from once symlinks are resolved: the root and the
	// paths given (workspace.Options.Roots).
	roots    []string
	files    []string
	cfg      *config.Config
	problems []config.Problem
}

// findRoot returns the nearest directory at or above start holding mix.exs or .otpls.exs,
// or the current directory.
func findRoot(start string) string {
	abs, err := filepath.Abs(start)
	if err != nil {
		return "."
	}
	if info, err := os.Stat(abs); err == nil && !info.IsDir() {
		abs = filepath.Dir(abs)
	}
	for dir := abs; ; dir = filepath.Dir(dir) {
		for _, marker := range []string{"mix.exs", config.FileName} {
			if _, err := os.Stat(filepath.Join(dir, marker)); err == nil {
				return dir
			}
		}
		if filepath.Dir(dir) == dir {
			break
		}
	}
	wd, _ := os.Getwd()
	return wd
}

// loadProject resolves the files and configuration for paths (default "."); the config's
// rule options are checked against rules.
func loadProject(rules []*analysis.Analyzer, paths []string, configPath string, stderr io.Writer) (*project, error) {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	root := findRoot(paths[0])
	cfg, problems, err := workspace.LoadConfig(root, configPath, rules...)
	if err != nil {
		return nil, err
	}
	abs := make([]string, len(paths))
	for i, p := range paths {
		if abs[i], err = filepath.Abs(p); err != nil {
			return nil, err
		}
	}
	files, err := workspace.Discover(root, abs, cfg.Exclude, func(p string, reason error) { skipped(stderr, p, reason) })
	if err != nil {
		return nil, err
	}
	return &project{root: root, roots: append([]string{root}, abs...), files: files, cfg: cfg, problems: problems}, nil
}

// options are the batch options of a run over the project with rules.
func (p *project) options(rules []*analysis.Analyzer, stderr io.Writer) workspace.Options {
	return workspace.Options{Config: p.cfg, Analyzers: rules, OnPanic: panicLogger(stderr),
		Context: workspace.MixFiles(p.files), Roots: p.roots, WhileLarge: gcpace.Lean}
}

// skipped says on stderr that a file was not analysed, and why.
func skipped(stderr io.Writer, path string, reason error) {
	fmt.Fprintf(stderr, "otpls: skipped %s: %s\n", shownPath(path), shownText(reason.Error()))
}

// reportSkipped says which files the batch run could not read, in path order.
func reportSkipped(stderr io.Writer, res *workspace.Result) {
	for _, p := range slices.Sorted(maps.Keys(res.Errors)) {
		skipped(stderr, p, res.Errors[p])
	}
}

// configDiagnostics turns config problems into diagnostics on the config file.
func (p *project) configDiagnostics() []analysis.Diagnostic {
	return analysis.ConfigDiagnostics(p.problems)
}

// display shows a path relative to the working directory when it is below it.
func display(p string) string {
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	if rel, err := filepath.Rel(wd, p); err == nil && !filepath.IsAbs(rel) && (len(rel) < 2 || rel[:2] != "..") {
		return filepath.ToSlash(rel)
	}
	return p
}

// shownPath is display(p) for a line of text output: quoted, Go style, when it holds a
// control character or another rune a terminal does not print as itself. File names may
// hold newlines, and "a\nlib/b.ex:1:1: OTP999 forged" would otherwise print a forged line.
// JSON and SARIF escape on their own.
func shownPath(p string) string { return quoted(display(p)) }

// quoted is s, Go-quoted when it is not printable as it is.
func quoted(s string) string {
	if printable(s) {
		return s
	}
	return strconv.Quote(s)
}

// shownText is s with its control characters (and other runes not printed as themselves)
// escaped, Go style, for a line of text output; s as it is when it has none.
func shownText(s string) string {
	if printable(s) {
		return s
	}
	q := strconv.Quote(s)
	return q[1 : len(q)-1]
}

// printable reports whether s is valid UTF-8 of printable runes and spaces only.
func printable(s string) bool {
	for _, r := range s {
		if r != ' ' && !unicode.IsPrint(r) { // invalid UTF-8 reads as U+FFFD, printable
			return false
		}
	}
	return utf8.ValidString(s)
}
