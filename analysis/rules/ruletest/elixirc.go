package ruletest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// RequireTool returns the path of a command the test needs. Missing tools fail the test
// under CI=true (make test installs them) and skip it elsewhere.
func RequireTool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is required under CI but is not on PATH", name)
		}
		t.Skipf("%s not on PATH (make test installs it)", name)
	}
	return p
}

// CompileGoldens compiles the goldens of each fixture case with elixirc, one case at a time
// (cases may define the same module names), against their inputs (see CompileFixed):
// errors fail, and so do warnings the fixes brought.
func CompileGoldens(t *testing.T, code string) {
	elixirc := RequireTool(t, "elixirc")
	goldens := Goldens(t, code)
	if len(goldens) == 0 {
		t.Fatalf("%s has no goldens to compile", code)
	}
	keys := make([]string, 0, len(goldens))
	for k := range goldens {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var all []string
	for _, k := range keys {
		all = append(all, goldens[k]...)
	}
	CheckFormatted(t, RequireTool(t, "elixir"), all)
	for _, k := range keys {
		files := goldens[k]
		t.Run(filepath.Base(k), func(t *testing.T) {
			t.Parallel()
			inputs := make([]string, len(files))
			for i, f := range files {
				inputs[i] = strings.TrimSuffix(f, ".golden")
			}
			CompileFixed(t, elixirc, inputs, files)
		})
	}
}

// formattedScript prints, for each file named on the command line, "true" or "false" (is
// the text what Elixir's formatter makes of it, at mix format's defaults: line length 98?),
// a tab and the path.
const formattedScript = `for path <- System.argv() do
  text = File.read!(path)
  ok =
    try do
      IO.iodata_to_binary([Code.format_string!(text), ?\n]) == text
    rescue
      _ -> false
    end
  IO.puts("#{ok}\t#{path}")
end`

// CheckFormatted fails the test for each golden whose input is formatted (running `mix
// format` on it changes nothing) while the golden is not: a fix lays out what it inserts or
// rewrites as the formatter does (line length 98, arguments one per line when they do not
// fit), so a formatted project stays formatted. Unformatted inputs are not held to it. One
// VM reads every file.
func CheckFormatted(t *testing.T, elixir string, goldens []string) {
	t.Helper()
	args := []string{"-e", formattedScript, "--"}
	for _, g := range goldens {
		args = append(args, strings.TrimSuffix(g, ".golden"), g)
	}
	out, err := exec.Command(elixir, args...).Output()
	if err != nil {
		t.Fatalf("elixir could not check formatting: %v", err)
	}
	formatted := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if ok, path, found := strings.Cut(line, "\t"); found {
			formatted[path] = ok == "true"
		}
	}
	for _, g := range goldens {
		input := strings.TrimSuffix(g, ".golden")
		if _, seen := formatted[g]; !seen {
			t.Errorf("%s: the formatting check did not report on it", rel(g))
		} else if formatted[input] && !formatted[g] {
			t.Errorf("%s: the input is formatted but the fixed text is not (run mix format on it to see how the fix should lay it out)", rel(g))
		}
	}
}

// CompileFixed compiles the inputs of a fix and the fixed files (each set together), and
// fails the test on an error or on a warning of the fixed files that the inputs did not
// give, but for a module not there to compile against ("X.f/1 is undefined (module X is
// not available ...)": the code calls libraries and modules of files left out).
func CompileFixed(t *testing.T, elixirc string, inputs, fixed []string) {
	t.Helper()
	before := warnings(CompileFiles(t, elixirc, inputs))
	for w := range warnings(CompileFiles(t, elixirc, fixed)) {
		if !before[w] && !strings.Contains(w, " is not available or is yet to be defined") {
			t.Errorf("the fixed files warn where their inputs did not: %s", w)
		}
	}
}

// warnings lists the messages of elixirc's warnings in its output, each a "warning: "
// line's text (the location on the following lines left out, as line numbers move).
func warnings(output string) map[string]bool {
	out := map[string]bool{}
	for _, line := range strings.Split(output, "\n") {
		if msg, ok := strings.CutPrefix(strings.TrimSpace(line), "warning: "); ok {
			out[msg] = true
		}
	}
	return out
}

// CompileFiles compiles files (golden or plain Elixir) together into a temp dir, failing
// the test on an error; it returns elixirc's output.
func CompileFiles(t *testing.T, elixirc string, files []string) string {
	t.Helper()
	_, output, err := compile(t, elixirc, files)
	if err != nil {
		t.Errorf("elixirc failed on %v: %v\n%s", files, err, output)
	}
	return output
}

// compile compiles files together into a fresh directory: the directory of the .beam
// files, elixirc's output and its error.
func compile(t *testing.T, elixirc string, files []string) (ebin, output string, err error) {
	t.Helper()
	tmp := t.TempDir()
	var srcs []string
	for i, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(strings.TrimSuffix(f, ".golden"))
		dst := filepath.Join(tmp, "src", fmt.Sprintf("%04d_%s", i, name)) // files of one name in several directories
		if strings.HasSuffix(dst, ".exs") {
			dst = strings.TrimSuffix(dst, ".exs") + ".ex"
		}
		os.MkdirAll(filepath.Dir(dst), 0o755)
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, dst)
	}
	ebin = filepath.Join(tmp, "ebin")
	os.MkdirAll(ebin, 0o755)
	cmd := exec.Command(elixirc, append([]string{"--ignore-module-conflict", "-o", ebin}, srcs...)...)
	cmd.Env = append(os.Environ(), "MIX_ENV=test")
	out, err := cmd.CombinedOutput()
	return ebin, string(out), err
}
