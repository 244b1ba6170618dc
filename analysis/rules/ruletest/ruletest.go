// Package ruletest runs a rule over its fixtures in testdata/rules/OTPnnn, in the manner of
// go/analysis/analysistest:
//
//   - Each `.ex`/`.exs` file directly in the directory is a one-file workspace; each
//     subdirectory is a workspace of all the files in it (cross-file rules).
//   - A comment `# want: OTP009` (optionally followed by a quoted message regexp, several
//     comma-separated) expects a diagnostic starting on that line; `# want+1: ...` on the
//     next line. Unexpected and unmatched diagnostics both fail.
//   - `x.ex.golden` is x.ex after applying every fix of the rule (unsafe ones too) until
//     none applies. Run `go test ./... -update` to rewrite goldens. Each golden must parse
//     with no ERROR node, and analysing it again must offer no further fix (idempotence).
//     CompileGoldens compiles every golden with elixirc, and fails a golden that Elixir's
//     formatter would change when its input is one the formatter leaves as it is.
package ruletest

import (
	"flag"
	"fmt"
	"github.com/otpls/otpls/codeactions"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/fixall"
	"github.com/otpls/otpls/analysis/source"
	"github.com/otpls/otpls/analysis/workspace"
)

var update = flag.Bool("update", false, "rewrite .golden files and generated docs")

// Updating reports whether the test run was asked to rewrite goldens (-update).
func Updating() bool { return *update }

// Root returns the repository root (the directory holding go.mod).
func Root(t testing.TB) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test directory")
		}
		dir = parent
	}
}

// Case is one workspace of fixtures.
type Case struct {
	Name  string
	Dir   string
	Files []string
}

// Cases lists the fixture workspaces of testdata/rules/<code>.
func Cases(t testing.TB, code string) []Case {
	dir := filepath.Join(Root(t), "testdata", "rules", code)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatalf("no fixtures for %s: %v", code, err)
	}
	var cases []Case
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		if e.IsDir() {
			files, err := workspace.Discover(p, []string{p}, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			cases = append(cases, Case{Name: e.Name(), Dir: p, Files: files})
		} else if workspace.IsElixir(p) {
			cases = append(cases, Case{Name: e.Name(), Dir: dir, Files: []string{p}})
		}
	}
	if len(cases) == 0 {
		t.Fatalf("no fixtures in %s", dir)
	}
	return cases
}

// Run checks a's diagnostics and fixes on every fixture case of its code.
func Run(t *testing.T, a *analysis.Analyzer) {
	t.Helper()
	for _, c := range Cases(t, a.Code) {
		t.Run(c.Name, func(t *testing.T) { runCase(t, a, c) })
	}
}

func options(t *testing.T, a *analysis.Analyzer, c Case) workspace.Options {
	cfg, problems, err := workspace.LoadConfig(c.Dir, "", a)
	if err != nil || len(problems) > 0 {
		t.Fatalf("fixture config: %v %v", err, problems)
	}
	return workspace.Options{Config: cfg, Analyzers: []*analysis.Analyzer{a}, OnPanic: func(path, code string, r any, stack []byte) {
		t.Errorf("%s panicked on %s: %v\n%s", code, path, r, stack)
	}}
}

func runCase(t *testing.T, a *analysis.Analyzer, c Case) {
	res := workspace.Analyze(c.Files, options(t, a, c))
	for path, err := range res.Errors {
		t.Fatalf("%s: %v", path, err)
	}
	for _, path := range c.Files {
		f := res.Files[path]
		if len(f.Errors) > 0 && !strings.Contains(filepath.Base(path), "malformed") {
			t.Errorf("%s: fixture does not parse cleanly at %v", rel(path), f.Lines.Position(f.Errors[0].Start()))
		}
		checkWants(t, f, res.Diagnostics[path])
		checkFixLabels(t, res.Diagnostics[path])
	}
	checkGoldens(t, a, c)
}

// want is one expected diagnostic.
type want struct {
	line    int
	code    string
	message *regexp.Regexp
	matched bool
}

var (
	wantRe     = regexp.MustCompile(`^#\s*want(\+\d+)?:\s*(.*)$`)
	wantItemRe = regexp.MustCompile(`^\s*(OTP\d{3})(?:\s+"((?:[^"\\]|\\.)*)")?\s*(?:,|$)`)
)

// Wants reads the `# want:` comments of f.
func Wants(t testing.TB, f *source.File) []*want {
	var out []*want
	for _, c := range f.Comments {
		m := wantRe.FindStringSubmatch(strings.TrimSpace(f.Slice(c)))
		if m == nil {
			continue
		}
		line := f.Lines.Line(c.Start())
		if m[1] != "" {
			n, _ := strconv.Atoi(m[1][1:])
			line += n
		}
		rest := m[2]
		for strings.TrimSpace(rest) != "" {
			im := wantItemRe.FindStringSubmatchIndex(rest)
			if im == nil {
				t.Fatalf("%s:%d: malformed want comment %q", rel(f.Path), line+1, f.Slice(c))
			}
			w := &want{line: line, code: rest[im[2]:im[3]]}
			if im[4] >= 0 {
				// The quoted text is a regexp as written; only \" is unescaped.
				pattern := strings.ReplaceAll(rest[im[4]:im[5]], `\"`, `"`)
				re, err := regexp.Compile(pattern)
				if err != nil {
					t.Fatalf("%s:%d: bad want regexp: %v", rel(f.Path), line+1, err)
				}
				w.message = re
			}
			out = append(out, w)
			rest = rest[im[1]:]
		}
	}
	return out
}

func checkWants(t *testing.T, f *source.File, diags []analysis.Diagnostic) {
	t.Helper()
	wants := Wants(t, f)
	for _, d := range diags {
		found := false
		for _, w := range wants {
			if !w.matched && w.line == d.Range.Start.Line && w.code == d.Code && (w.message == nil || w.message.MatchString(d.Message)) {
				w.matched, found = true, true
				break
			}
		}
		if !found {
			t.Errorf("%s:%d:%d: unexpected diagnostic %s: %s", rel(f.Path), d.Range.Start.Line+1, d.Range.Start.Character+1, d.Code, d.Message)
		}
	}
	for _, w := range wants {
		if !w.matched {
			msg := ""
			if w.message != nil {
				msg = fmt.Sprintf(" matching %q", w.message)
			}
			t.Errorf("%s:%d: expected diagnostic %s%s was not reported", rel(f.Path), w.line+1, w.code, msg)
		}
	}
}

// checkFixLabels holds every fix to the fix-safety contract's wording: an unsafe fix says
// what it changes, so its label does too.
func checkFixLabels(t *testing.T, diags []analysis.Diagnostic) {
	t.Helper()
	for _, d := range diags {
		for _, fx := range d.Fixes {
			if !fx.Safe && fx.Changes == "" {
				t.Errorf("%s:%d: unsafe fix %q does not say what it changes (Fix.Changes)", rel(d.Path), d.Range.Start.Line+1, fx.Title)
			}
		}
	}
}

// everyFix is the goldens' policy: a golden shows every fix of the rule, unsafe ones and
// those of Information findings included.
var everyFix = codeactions.Policy{Unsafe: true, Hints: true}

func checkGoldens(t *testing.T, a *analysis.Analyzer, c Case) {
	t.Helper()
	opts := options(t, a, c)
	fixed := fixall.Run(c.Files, opts, everyFix, 10)
	for path, reason := range fixed.Rejected {
		t.Errorf("%s: fix rejected: %s", rel(path), reason)
	}
	// Idempotence: on the fixed text, another round must change nothing.
	again := fixall.Run(c.Files, workspace.Options{Config: opts.Config, Analyzers: opts.Analyzers, Texts: fixed.Fixed}, everyFix, 1)
	for path := range again.Fixed {
		t.Errorf("%s: applying the fixes again changed the file: fixes are not idempotent", rel(path))
	}
	for _, path := range c.Files {
		golden := path + ".golden"
		got, changed := fixed.Fixed[path]
		if *update {
			if changed {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			} else {
				os.Remove(golden)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		switch {
		case err != nil && changed:
			t.Errorf("%s: fixes changed the file but there is no golden (run with -update)", rel(path))
		case err == nil && !changed:
			t.Errorf("%s: a golden exists but no fix applies", rel(path))
		case err == nil && string(want) != got:
			t.Errorf("%s: fixed text differs from the golden:\n--- got ---\n%s\n--- want ---\n%s", rel(path), got, want)
		}
		if changed {
			if f := source.Parse(golden, got); len(f.Errors) > 0 {
				t.Errorf("%s: fixed text has a syntax error at %v", rel(golden), f.Lines.Position(f.Errors[0].Start()))
			}
		}
	}
}

func rel(p string) string {
	if i := strings.Index(p, "testdata/"); i >= 0 {
		return p[i:]
	}
	return p
}

// Goldens lists every golden under testdata/rules/<code>, grouped by case directory.
func Goldens(t testing.TB, code string) map[string][]string {
	out := map[string][]string{}
	for _, c := range Cases(t, code) {
		for _, f := range c.Files {
			if _, err := os.Stat(f + ".golden"); err == nil {
				key := c.Dir + "/" + c.Name
				out[key] = append(out[key], f+".golden")
			}
		}
	}
	for k := range out {
		sort.Strings(out[k])
	}
	return out
}
