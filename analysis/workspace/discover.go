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
// SkippedDirs and files matching exclude (relative to root). Paths are reported under the
// names given, also when a given directory is a symlink (it is walked where it leads).
// Below a given directory, symlinked directories are not followed (no loops), and a file
// symlink is followed only when it leads inside the workspace: root or one of paths (see
// ReadSource). Entries that are not read are reported through skip with the reason: a
// dangling symlink, a symlink leading outside, a named pipe, device or socket with an
// Elixir name, an unreadable directory; so is a given file that is not a regular file.
func Discover(root string, paths []string, exclude []string, skip func(path string, reason error)) ([]string, error) {
	if skip == nil {
		skip = func(string, error) {}
	}
	roots := resolveRoots(append([]string{root}, paths...))
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
		start = filepath.Clean(start)
		if !info.IsDir() {
			// A file named on the command line is taken whatever its name, if it can be read.
			if _, _, err := classify(roots, start); err != nil {
				skip(start, err)
			} else {
				add(start)
			}
			continue
		}
		// Walk where a symlinked directory leads (filepath.WalkDir would stop at the link),
		// and name what it finds under start.
		real, err := filepath.EvalSymlinks(start)
		if err != nil {
			return nil, fmt.Errorf("cannot read %s: %w", start, err)
		}
		named := func(p string) string {
			rel, err := filepath.Rel(real, p)
			if err != nil {
				return p
			}
			return filepath.Join(start, rel)
		}
		err = filepath.WalkDir(real, func(p string, d fs.DirEntry, err error) error {
			p = named(p)
			if err != nil {
				skip(p, bare(err))
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
			if !IsElixir(p) || Excluded(relTo(root, p), exclude) {
				return nil
			}
			if !d.Type().IsRegular() {
				if _, _, err := classify(roots, p); err != nil {
					skip(p, err)
					return nil
				}
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
	// The config is read as any workspace file is (a regular file, no symlink out of the
	// root; a file given explicitly is read where it is), and is small: a larger one is a
	// problem and the defaults apply.
	path, within := explicit, explicit
	if path == "" {
		path, within = filepath.Join(root, config.FileName), root
	}
	text, err := ReadSource([]string{within}, path, MaxConfigSize)
	var tooLarge *TooLargeError
	switch {
	case errors.As(err, &tooLarge):
		return config.DefaultFor(schema), []config.Problem{{Path: path,
			Message: fmt.Sprintf("the config is %d bytes, over the %d-byte limit for .otpls.exs", tooLarge.Size, tooLarge.Max)}}, nil
	case err != nil && explicit == "" && errors.Is(err, fs.ErrNotExist):
		return config.DefaultFor(schema), nil, nil
	case err != nil:
		return nil, nil, fmt.Errorf("cannot read config %s: %w", path, err)
	}
	cfg, problems := config.ParseWith(path, text, schema)
	return cfg, problems, nil
}

// MaxConfigSize bounds .otpls.exs: a config is a few hundred bytes.
const MaxConfigSize = 1 << 20
