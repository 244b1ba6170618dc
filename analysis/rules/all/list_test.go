package all_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/rules/all"
	"github.com/otpls/otpls/analysis/rules/ruletest"
)

// notRules are the directories under analysis/rules that hold no rule.
var notRules = map[string]bool{"all": true, "ruletest": true}

// TestListHasEveryRuleDirectory: every directory under analysis/rules that declares an
// Analyzer is in all.Analyzers (exactly once, in code order), and every listed analyzer
// comes from such a directory. A rule left out of the list would be neither run nor
// documented.
func TestListHasEveryRuleDirectory(t *testing.T) {
	rulesDir := filepath.Join(ruletest.Root(t), "analysis", "rules")
	entries, err := os.ReadDir(rulesDir)
	if err != nil {
		t.Fatal(err)
	}
	declared := map[string]bool{} // directory name
	for _, e := range entries {
		if !e.IsDir() || notRules[e.Name()] {
			continue
		}
		if declaresAnalyzer(t, filepath.Join(rulesDir, e.Name())) {
			declared[e.Name()] = true
		} else {
			t.Errorf("analysis/rules/%s declares no Analyzer: a rule directory holds one rule (or add it to notRules)", e.Name())
		}
	}
	listed := map[string]bool{}
	for i, a := range all.Analyzers {
		dir := ruleDirectory(a)
		if listed[dir] {
			t.Errorf("%s (analysis/rules/%s) is listed twice", a.Code, dir)
		}
		listed[dir] = true
		if !declared[dir] {
			t.Errorf("%s is listed but its Run is not in a rule directory (%q)", a.Code, dir)
		}
		if i > 0 && all.Analyzers[i-1].Code >= a.Code {
			t.Errorf("all.Analyzers is not ordered by code at %s", a.Code)
		}
	}
	for dir := range declared {
		if !listed[dir] {
			t.Errorf("analysis/rules/%s declares an Analyzer that is not in all.Analyzers", dir)
		}
	}
	if got := analysis.All(); !reflect.DeepEqual(got, all.Analyzers) {
		t.Errorf("the registry holds %d analyzers, the list %d: only the list registers", len(got), len(all.Analyzers))
	}
}

// declaresAnalyzer reports whether the Go package in dir has a top-level `var Analyzer`.
func declaresAnalyzer(t *testing.T, dir string) bool {
	pkgs, err := parser.ParseDir(token.NewFileSet(), dir, func(fi os.FileInfo) bool {
		return !strings.HasSuffix(fi.Name(), "_test.go")
	}, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	for _, pkg := range pkgs {
		for _, f := range pkg.Files {
			for _, d := range f.Decls {
				g, ok := d.(*ast.GenDecl)
				if !ok || g.Tok != token.VAR {
					continue
				}
				for _, s := range g.Specs {
					for _, n := range s.(*ast.ValueSpec).Names {
						if n.Name == "Analyzer" {
							return true
						}
					}
				}
			}
		}
	}
	return false
}

// ruleDirectory is the last element of the package path of a's Run function.
func ruleDirectory(a *analysis.Analyzer) string {
	name := runtime.FuncForPC(reflect.ValueOf(a.Run).Pointer()).Name() // ".../rules/godgenserver.run"
	pkg := name[:strings.LastIndex(name, ".")]
	if i := strings.LastIndex(pkg, "/"); i >= 0 {
		pkg = pkg[i+1:]
	}
	return pkg
}

// TestReadmeRuleTable keeps the README's table of rules equal to the analyzers' codes,
// names and titles (`-update` regenerates it between its markers).
func TestReadmeRuleTable(t *testing.T) {
	path := filepath.Join(ruletest.Root(t), "README.md")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	start, end := strings.Index(text, analysis.TableStart), strings.Index(text, analysis.TableEnd)
	if start < 0 || end < start {
		t.Fatalf("README.md has no rule table between %q and %q", analysis.TableStart, analysis.TableEnd)
	}
	got := text[start : end+len(analysis.TableEnd)]
	want := analysis.RuleTable(all.Analyzers)
	if ruletest.Updating() {
		if err := os.WriteFile(path, []byte(text[:start]+want+text[end+len(analysis.TableEnd):]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if got != want {
		t.Errorf("README.md's rule table differs from the analyzers; run go test ./analysis/rules/all -update\ngot:\n%s\nwant:\n%s", got, want)
	}
}

// TestOptionDeclarations: each rule's options have distinct names that do not shadow
// enabled and severity, a doc line, a default of their own type, and the doc's Options
// note does not contradict them.
func TestOptionDeclarations(t *testing.T) {
	for _, a := range all.Analyzers {
		seen := map[string]bool{"enabled": true, "severity": true}
		for _, o := range a.Options {
			d := o.Declaration()
			if seen[d.Name] {
				t.Errorf("%s: option %q is declared twice or shadows enabled/severity", a.Code, d.Name)
			}
			seen[d.Name] = true
			if d.Doc == "" || d.Type.String() == "unknown type" {
				t.Errorf("%s: option %q needs a type and a doc line", a.Code, d.Name)
			}
			if d.Default != nil {
				if _, ok := d.Convert(d.Default); !ok {
					t.Errorf("%s: option %q's default %#v is not a %s", a.Code, d.Name, d.Default, d.Type)
				}
			}
		}
		if len(a.Options) > 0 && strings.HasPrefix(strings.TrimSpace(a.Doc.Options), "None") {
			t.Errorf("%s declares options but its doc says %q", a.Code, a.Doc.Options)
		}
	}
}
