package all_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/rules/all"
	"github.com/otpls/otpls/analysis/rules/ruletest"
	"github.com/otpls/otpls/analysis/source"
)

// TestRuleDocsMatchCode keeps docs/rules/OTPnnn.md equal to each analyzer's own Doc, so the
// published docs cannot drift from the code (`-update` regenerates them).
func TestRuleDocsMatchCode(t *testing.T) {
	dir := filepath.Join(ruletest.Root(t), "docs", "rules")
	for _, a := range all.Analyzers {
		path := filepath.Join(dir, a.Code+".md")
		want := analysis.Markdown(a)
		if ruletest.Updating() {
			os.MkdirAll(dir, 0o755)
			if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("%s: missing (run go test ./analysis/rules/all -update)", path)
			continue
		}
		if string(got) != want {
			t.Errorf("%s differs from %s's documentation in the code; run go test ./analysis/rules/all -update", path, a.Code)
		}
		// Options is generated from the declarations (with "None." when there are none).
		for _, part := range []string{a.Doc.What, a.Doc.Why, a.Doc.Example, a.Doc.UseInstead, a.Doc.FixSafety} {
			if part == "" {
				t.Errorf("%s: a documentation section is empty", a.Code)
			}
		}
	}
	// No page for a rule that does not exist.
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		code := e.Name()[:len(e.Name())-len(filepath.Ext(e.Name()))]
		if all.Lookup(code) == nil {
			t.Errorf("docs/rules/%s documents no registered rule", e.Name())
		}
	}
}

// TestRegistry checks codes and names follow the conventions (OTPnnn codes, kebab-case names).
func TestRegistry(t *testing.T) {
	for _, a := range all.Analyzers {
		if len(a.Code) != 6 || a.Code[:3] != "OTP" || a.Name == "" || a.Title == "" || a.Run == nil || a.Severity == 0 {
			t.Errorf("malformed analyzer %+v", a)
		}
	}
}

// TestDocExamples runs each rule on its own documentation: the Example must be flagged
// with the rule's code and the Use instead form must not.
func TestDocExamples(t *testing.T) {
	for _, a := range all.Analyzers {
		for _, c := range []struct {
			name, code string
			flagged    bool
		}{{"Example", a.Doc.Example, true}, {"UseInstead", a.Doc.UseInstead, false}} {
			f := source.Parse("lib/example.ex", c.code)
			if len(f.Errors) > 0 {
				t.Errorf("%s %s does not parse", a.Code, c.name)
				continue
			}
			sum := index.Summarize(f, nil, allFacts)
			ws := index.NewWorkspace(allFacts...)
			ws.Update(sum)
			n := 0
			for _, d := range analysis.Run(analysis.Input{File: f, Summary: sum, Index: ws.Snapshot(), Analyzers: []*analysis.Analyzer{a}}) {
				if d.Code == a.Code {
					n++
				}
			}
			if (n > 0) != c.flagged {
				t.Errorf("%s %s: %d diagnostics, want flagged=%v", a.Code, c.name, n, c.flagged)
			}
		}
	}
}
