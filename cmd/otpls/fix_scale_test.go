package main

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/otpls/otpls/analysis/benchcorpus"
	"github.com/otpls/otpls/analysis/rules/ruletest"
	"github.com/otpls/otpls/analysis/source"
)

// `otpls fix --unsafe` over the whole generated corpus: every changed file still parses
// cleanly and compiles with elixirc (the originals do) with no warning the originals did
// not give, and a second run changes nothing.
func TestFixAtScale(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus-wide fix in -short mode")
	}
	elixirc := ruletest.RequireTool(t, "elixirc")
	dir := t.TempDir()
	paths, _, err := benchcorpus.Generate(dir, 100_000, 1)
	if err != nil {
		t.Fatal(err)
	}
	before := map[string]string{}
	for _, p := range paths {
		data, _ := os.ReadFile(p)
		before[p] = string(data)
	}
	code, _, errOut := runIn(t, dir, "fix", "--unsafe")
	if code == exitInternal || code == exitUsage {
		t.Fatalf("fix --unsafe: exit %d\n%s", code, errOut)
	}
	var changed, originals, fixed []string
	for _, p := range paths {
		data, _ := os.ReadFile(p)
		if string(data) == before[p] {
			continue
		}
		changed = append(changed, p)
		if errs := source.Parse(p, string(data)).Errors; len(errs) > 0 {
			t.Errorf("%s does not parse after the fix", p)
		}
		orig := filepath.Join(t.TempDir(), filepath.Base(p))
		os.WriteFile(orig, []byte(before[p]), 0o644)
		originals = append(originals, orig)
		fixed = append(fixed, p)
	}
	summary := regexp.MustCompile(`Fixed \d+ problems? in \d+ files?[^\n]*`).FindString(errOut)
	t.Logf("%d of %d files changed; %s", len(changed), len(paths), summary)
	if len(changed) == 0 {
		t.Fatal("the corpus has planted problems but nothing was fixed")
	}
	ruletest.CompileFixed(t, elixirc, originals, fixed)
	if code, _, errOut := runIn(t, dir, "fix", "--unsafe"); !regexpMatch(`Fixed 0 problems in 0 files`, errOut) {
		t.Fatalf("second fix --unsafe changed files (exit %d): %s", code, errOut)
	}
}

func regexpMatch(pattern, s string) bool { return regexp.MustCompile(pattern).MatchString(s) }
