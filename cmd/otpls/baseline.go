package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/baseline"
	"github.com/otpls/otpls/analysis/workspace"
)

// baselineFlags are check's --baseline FILE and --update-baseline.
type baselineFlags struct {
	path   string
	update bool
}

func addBaselineFlags(fs *flag.FlagSet) *baselineFlags {
	b := &baselineFlags{}
	fs.StringVar(&b.path, "baseline", "", "report only findings not recorded in this baseline file")
	fs.BoolVar(&b.update, "update-baseline", false, "write the current findings to the --baseline file (creating it), then report against it")
	return b
}

func (b *baselineFlags) check() error {
	if b.update && b.path == "" {
		return errors.New("--update-baseline needs --baseline FILE")
	}
	return nil
}

// filter leaves out of diags the findings the baseline accepts, after writing the
// baseline first with --update-baseline; it returns the rest and how many it left out.
// An update keeps the entries of files this run did not analyse and of rules it did not
// run (`check lib/a.ex --update-baseline` leaves lib/b.ex's alone), and replaces the rest
// with the current findings, so those that went away are dropped.
func (b *baselineFlags) filter(proj *project, rules []*analysis.Analyzer, res *workspace.Result, diags []analysis.Diagnostic, stderr io.Writer) ([]analysis.Diagnostic, int, error) {
	if b.path == "" {
		return diags, 0, nil
	}
	old, err := readBaseline(b.path, b.update)
	if err != nil {
		return nil, 0, err
	}
	keys := make([]baseline.Key, len(diags))
	for i, d := range diags {
		if baseline.Recordable(d) {
			keys[i] = baseline.KeyOf(relativeTo(proj.root, d.Path), res.Texts[d.Path], res.Index.File(d.Path), d)
		}
	}
	if b.update {
		analysed, ran := map[string]bool{}, map[string]bool{}
		for _, p := range proj.files {
			analysed[relativeTo(proj.root, p)] = true
		}
		for _, a := range rules {
			ran[a.Code] = true
		}
		next := old.Keep(func(k baseline.Key) bool { return !analysed[k.File] || !ran[k.Code] })
		for i, d := range diags {
			if baseline.Recordable(d) {
				next = append(next, keys[i])
			}
		}
		if err := writeFileAtomically(b.path, baseline.Marshal(next)); err != nil {
			return nil, 0, fmt.Errorf("cannot write baseline: %v", err)
		}
		fmt.Fprintf(stderr, "otpls: wrote %d finding%s to the baseline %s\n", len(next), plural(len(next)), shownPath(b.path))
		if old, err = baseline.Parse(baseline.Marshal(next)); err != nil {
			return nil, 0, err
		}
	}
	m := old.Matcher()
	kept := diags[:0:0]
	for i, d := range diags {
		if !baseline.Recordable(d) || !m.Take(keys[i]) {
			kept = append(kept, d)
		}
	}
	return kept, len(diags) - len(kept), nil
}

// readBaseline reads the baseline at path; a missing one is empty when it is about to be
// written.
func readBaseline(path string, creating bool) (*baseline.Baseline, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	text, err := workspace.ReadSource([]string{abs}, abs, baseline.MaxSize)
	switch {
	case creating && errors.Is(err, fs.ErrNotExist):
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("cannot read baseline %s: %v", shownPath(path), err)
	}
	b, err := baseline.Parse([]byte(text))
	if err != nil {
		return nil, fmt.Errorf("baseline %s: %v", shownPath(path), err)
	}
	return b, nil
}

// relativeTo is path relative to root, slash-separated, or path itself outside root.
func relativeTo(root, path string) string {
	if rel, err := filepath.Rel(root, path); err == nil && filepath.IsLocal(rel) {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(path)
}

// writeFileAtomically replaces path with data through a temporary file beside it, so
// that an interrupted update leaves the old baseline whole.
func writeFileAtomically(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".otpls-baseline-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
