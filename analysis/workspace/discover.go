// Package workspace finds the Elixir files of a project on disk and analyses them as a
// batch. It is the one place below the CLI and the server that touches the file system,
// so that both see a project the same way (same excludes, same config).
package workspace

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/config"
)

// SkippedDirs are never descended into.
var SkippedDirs = map[string]bool{"deps": true, "_build": true, ".git": true, "node_modules": true, ".elixir_ls": true}

// IsElixir reports whether path names an Elixir source file.
func IsElixir(path string) bool {
	return (strings.HasSuffix(path, ".ex") || strings.HasSuffix(path, ".exs")) && filepath.Base(path) != config.FileName
}

// Excluded reports whether rel (slash-separated, relative to the root) matches a glob.
func Excluded(rel string, globs []string) bool {
	for _, g := range globs {
		if ok, _ := doublestar.Match(g, rel); ok {
			return true
		}
		// "deps" or "deps/**" style globs also exclude everything below a matched directory.
		if ok, _ := doublestar.Match(strings.TrimSuffix(g, "/**")+"/**", rel); ok {
			return true
		}
	}
	return false
}

// Discover lists the Elixir files under paths (files or directories), sorted, skipping
// SkippedDirs and files matching exclude (relative to root). Symlinked directories are not
// followed (no loops); unreadable entries are skipped and reported through skip.
func Discover(root string, paths []string, exclude []string, skip func(path string, reason error)) ([]string, error) {
	if skip == nil {
		skip = func(string, error) {}
	}
	seen := map[string]bool{}
	var out []string
	add := func(p string) {
		rel := relTo(root, p)
		if Excluded(rel, exclude) || seen[p] {
			return
		}
		seen[p] = true
		out = append(out, p)
	}
	for _, start := range paths {
		info, err := os.Stat(start)
		if err != nil {
			return nil, fmt.Errorf("cannot read %s: %w", start, err)
		}
		if !info.IsDir() {
			add(filepath.Clean(start))
			continue
		}
		err = filepath.WalkDir(start, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				skip(p, err)
				if d != nil && d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if p != start && (SkippedDirs[d.Name()] || Excluded(relTo(root, p), exclude)) {
					return filepath.SkipDir
				}
				return nil
			}
			if !IsElixir(p) {
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				target, err := os.Stat(p)
				if err != nil {
					skip(p, err)
					return nil
				}
				if !target.Mode().IsRegular() {
					skip(p, errors.New("symlink to a non-regular file"))
					return nil
				}
			} else if !d.Type().IsRegular() {
				return nil
			}
			add(p)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	sort.Strings(out)
	return out, nil
}

// MixFiles lists, for files, the nearest mix.exs above each of them on disk that is not
// itself among files: given as Options.Context, they put each file in its own Mix project
// (an umbrella app, an examples/ app) when only directories below the mix.exs files were
// asked about, so that fixes never take a supervisor from another project.
func MixFiles(files []string) []string {
	listed := make(map[string]bool, len(files))
	for _, f := range files {
		listed[f] = true
	}
	nearest := map[string]string{} // directory -> its nearest mix.exs ("" for none)
	var find func(dir string) string
	find = func(dir string) string {
		if m, ok := nearest[dir]; ok {
			return m
		}
		m := filepath.Join(dir, "mix.exs")
		if info, err := os.Stat(m); err != nil || !info.Mode().IsRegular() {
			m = ""
			if parent := filepath.Dir(dir); parent != dir && !SkippedDirs[filepath.Base(dir)] {
				m = find(parent)
			}
		}
		nearest[dir] = m
		return m
	}
	seen := map[string]bool{}
	var out []string
	for _, f := range files {
		if m := find(filepath.Dir(f)); m != "" && !listed[m] && !seen[m] {
			seen[m] = true
			out = append(out, m)
		}
	}
	sort.Strings(out)
	return out
}

func relTo(root, p string) string {
	if r, err := filepath.Rel(root, p); err == nil {
		return filepath.ToSlash(r)
	}
	return filepath.ToSlash(p)
}

// LoadConfig reads root/.otpls.exs (or explicit, when given). A missing default file is
// not an error; a missing explicit one is. Problems describe a malformed file, whose valid
// parts are still used: among them a rule that does not exist, an option the rule does not
// declare, or a value of the wrong type. Rules and options are those of analyzers, or of
// every registered analyzer when none are given; the editor settings the returned config
// Overrides with are checked against the same.
func LoadConfig(root, explicit string, analyzers ...*analysis.Analyzer) (*config.Config, []config.Problem, error) {
	if len(analyzers) == 0 {
		analyzers = analysis.All()
	}
	schema := analysis.ConfigSchema(analyzers)
	path := explicit
	if path == "" {
		path = filepath.Join(root, config.FileName)
	}
	data, err := readRegular(path, 0) // a FIFO named .otpls.exs would block the reader
	if err != nil {
		if explicit == "" && errors.Is(err, fs.ErrNotExist) {
			return config.DefaultFor(schema), nil, nil
		}
		return nil, nil, fmt.Errorf("cannot read config: %w", err)
	}
	cfg, problems := config.ParseWith(path, string(data), schema)
	return cfg, problems, nil
}
