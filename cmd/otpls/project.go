package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/config"
	"github.com/otpls/otpls/analysis/workspace"
)

// project is what check and fix work on.
type project struct {
	root     string
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
	files, err := workspace.Discover(root, abs, cfg.Exclude, func(p string, reason error) {
		fmt.Fprintf(stderr, "otpls: skipping %s: %v\n", display(p), reason)
	})
	if err != nil {
		return nil, err
	}
	return &project{root: root, files: files, cfg: cfg, problems: problems}, nil
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
