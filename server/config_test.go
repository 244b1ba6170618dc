package server

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.uber.org/zap"
	"go.uber.org/zap/zaptest/observer"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/rules/all"
)

// shown is how an editor lists a diagnostic: code, severity, source, range and message.
func shown(p published) []string {
	var out []string
	for _, d := range p.Diagnostics {
		out = append(out, fmt.Sprintf("%s sev%d %s %s %s", d.Code, d.Severity, d.Source, d.at(), d.Message))
	}
	return out
}

func sameLines(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("%s:\n%s\nwant:\n%s", what, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// The problems of .otpls.exs are OTP091 errors on the file, as `otpls check` reports them;
// they follow the file as it is saved or changes on disk, and are cleared once it is fixed.
func TestConfigProblemsAreDiagnostics(t *testing.T) {
	bad := "[\n  rules: [\n    OTP998: false,\n    OTP009: [serverity: :hint],\n    OTP008: [max_depth: \"3\"]\n  ]\n]\n"
	dir := project(t, map[string]string{".otpls.exs": bad, "lib/shop/mailer.ex": mailer})
	write := func(text string) {
		if err := os.WriteFile(filepath.Join(dir, ".otpls.exs"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var known []string
	for _, a := range all.Analyzers {
		known = append(known, a.Code)
	}
	c := newTestClient(t, nil)
	m := c.mark()
	c.initialize(map[string]any{"rootUri": pathToURI(dir), "capabilities": map[string]any{},
		"initializationOptions": map[string]any{"diagnosticDelay": 0}})
	cfgURI, mailerURI := fileURI(dir, ".otpls.exs"), fileURI(dir, "lib/shop/mailer.ex")
	p := c.waitDiagnostics(m, cfgURI, func(p published) bool { return true })
	sameLines(t, "problems of .otpls.exs", shown(p), []string{
		"OTP091 sev1 otpls 2:4-2:17 unknown rule OTP998 (rules: " + strings.Join(known, ", ") + ") (defaults are used instead)",
		`OTP091 sev1 otpls 3:13-3:29 OTP009 (unsupervised-task): unknown option "serverity" (it takes only enabled and severity) (defaults are used instead)`,
		`OTP091 sev1 otpls 4:13-4:27 OTP008 (call-chain): max_depth must be an integer (defaults are used instead)`,
	})
	if p.Version != nil {
		t.Errorf("the problems of a file on disk carry version %d", *p.Version)
	}

	// Opening the config in the editor neither clears its problems nor analyses it as
	// Elixir source.
	m = c.mark()
	c.open(cfgURI, bad)
	c.settle()
	c.mu.Lock()
	for _, n := range c.notes[m:] {
		if n.Method == "textDocument/publishDiagnostics" && strings.Contains(string(n.Params), ".otpls.exs") {
			t.Errorf("opening .otpls.exs published %s", n.Params)
		}
	}
	c.mu.Unlock()

	// Saved with one problem left: re-published with that one.
	write("[rules: [OTP009: [serverity: :hint]]]\n")
	m = c.mark()
	c.notify("textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": cfgURI}})
	p = c.waitDiagnostics(m, cfgURI, func(p published) bool { return true })
	sameLines(t, "after saving with one problem", shown(p), []string{
		`OTP091 sev1 otpls 0:18-0:34 OTP009 (unsupervised-task): unknown option "serverity" (it takes only enabled and severity) (defaults are used instead)`,
	})

	// Fixed (the change seen by the file watcher): the problems are cleared, and the
	// setting now applies to the open Elixir file.
	c.open(mailerURI, mailer)
	c.waitDiagnostics(m, mailerURI, func(p published) bool { return len(p.Diagnostics) > 0 })
	write("[rules: [OTP009: [severity: :hint]]]\n")
	m = c.mark()
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []map[string]any{{"uri": cfgURI, "type": 2}}})
	c.waitDiagnostics(m, cfgURI, func(p published) bool { return len(p.Diagnostics) == 0 })
	p = c.waitDiagnostics(m, mailerURI, func(p published) bool { return true })
	if len(p.Diagnostics) != 1 || p.Diagnostics[0].Code != "OTP009" || p.Diagnostics[0].Severity != int(analysis.Hint) {
		t.Fatalf("the fixed config does not apply: %s", shown(p))
	}

	// Reading the file again without problems publishes nothing more for it.
	m = c.mark()
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []map[string]any{{"uri": cfgURI, "type": 2}}})
	c.settle()
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, n := range c.notes[m:] {
		var pd published
		json.Unmarshal(n.Params, &pd)
		if n.Method == "textDocument/publishDiagnostics" && pd.URI == cfgURI {
			t.Errorf("a reload without problems published again: %s", n.Params)
		}
	}
}

// Editor settings are checked against the rules whether or not the workspace has a
// .otpls.exs (or a root at all); their problems are logged.
func TestSettingsCheckedWithoutConfigFile(t *testing.T) {
	for _, root := range []string{"", "empty"} {
		core, logs := observer.New(zap.WarnLevel)
		c := newTestClient(t, zap.New(core))
		params := map[string]any{"capabilities": map[string]any{},
			"initializationOptions": map[string]any{"rules": map[string]any{"OTP001": map[string]any{"min_concern": 4}}}}
		if root != "" {
			params["rootUri"] = pathToURI(t.TempDir())
		}
		c.initialize(params)
		want := `OTP001 (god-genserver): unknown option "min_concern" (its options: min_concerns; and enabled, severity)`
		if got := logs.FilterMessage("invalid setting").FilterField(zap.String("problem", want)).Len(); got != 1 {
			t.Errorf("root %q: %d log lines with %q; logged: %v", root, got, want, logs.All())
		}
	}
}
