package editors

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/otpls/otpls/analysis/rules/ruletest"
)

// mixProject copies editors/mix (the `mix otpls` task) to a temp dir with a
// config/config.exs that sets `config :otpls, path:` from MIX_TEST_CONFIG_PATH when that is
// set, compiles it with mix, and returns its dir.
func mixProject(t *testing.T, mix string) string {
	t.Helper()
	src := filepath.Join(ruletest.Root(t), "editors", "mix")
	dst := t.TempDir()
	for _, f := range []string{"mix.exs", "lib/mix/tasks/otpls.ex"} {
		data, err := os.ReadFile(filepath.Join(src, f))
		if err != nil {
			t.Fatal(err)
		}
		os.MkdirAll(filepath.Dir(filepath.Join(dst, f)), 0o755)
		os.WriteFile(filepath.Join(dst, f), data, 0o644)
	}
	os.MkdirAll(filepath.Join(dst, "config"), 0o755)
	os.WriteFile(filepath.Join(dst, "config", "config.exs"), []byte(`import Config
if path = System.get_env("MIX_TEST_CONFIG_PATH"), do: config(:otpls, path: path)
`), 0o644)
	cmd := exec.Command(mix, "compile")
	cmd.Dir = dst
	cmd.Env = mixEnv(t, "")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("mix compile: %v\n%s", err, out)
	}
	return dst
}

// mixEnv is the environment without OTPLS_PATH or MIX_TEST_CONFIG_PATH, with path
// (when not "") first on PATH.
func mixEnv(t *testing.T, path string, extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "OTPLS_PATH=") || strings.HasPrefix(kv, "MIX_TEST_CONFIG_PATH=") {
			continue
		}
		if path != "" && strings.HasPrefix(kv, "PATH=") {
			kv = "PATH=" + path + string(os.PathListSeparator) + strings.TrimPrefix(kv, "PATH=")
		}
		env = append(env, kv)
	}
	return append(env, extra...)
}

type run struct {
	stdout, stderr string
	status         int
}

func runCmd(t *testing.T, cmd *exec.Cmd) run {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("%v: %v", cmd.Args, err)
	}
	return run{stdout.String(), stderr.String(), cmd.ProcessState.ExitCode()}
}

// fakeOtpls writes a script named otpls in its own dir that prints who it is and its
// arguments and exits with status; returns its path.
func fakeOtpls(t *testing.T, who string, status int) string {
	p := filepath.Join(t.TempDir(), "otpls")
	os.WriteFile(p, []byte("#!/bin/sh\necho \""+who+": $*\"\nexit "+strconv.Itoa(status)+"\n"), 0o755)
	return p
}

// TestMixTask runs `mix otpls` (editors/mix), compiled by mix, against a real otpls on
// testdata/sample_app, and checks how it finds the binary and that exit statuses pass through.
func TestMixTask(t *testing.T) {
	mix := ruletest.RequireTool(t, "mix")
	bin := build(t)
	proj := mixProject(t, mix)
	sample := filepath.Join(ruletest.Root(t), "testdata", "sample_app")
	mixOtpls := func(t *testing.T, env []string, args ...string) run {
		cmd := exec.Command(mix, append([]string{"otpls"}, args...)...)
		cmd.Dir = proj
		cmd.Env = env
		return runCmd(t, cmd)
	}

	t.Run("check sample_app", func(t *testing.T) {
		direct := exec.Command(bin, "check", sample)
		direct.Dir = proj
		want := runCmd(t, direct)
		if want.status != 1 || !strings.Contains(want.stdout, "OTP006 child-spec") {
			t.Fatalf("otpls check on sample_app: status %d\n%s", want.status, want.stdout)
		}
		got := mixOtpls(t, mixEnv(t, "", "OTPLS_PATH="+bin), "check", sample)
		if got != want {
			t.Errorf("mix otpls check differs from otpls check:\nmix (status %d):\n%s%s\notpls (status %d):\n%s%s",
				got.status, got.stdout, got.stderr, want.status, want.stdout, want.stderr)
		}
	})
	t.Run("usage error passes through", func(t *testing.T) {
		got := mixOtpls(t, mixEnv(t, "", "OTPLS_PATH="+bin), "check", "--bogus")
		if got.status != 2 || !strings.Contains(got.stderr, "flag provided but not defined: -bogus") {
			t.Errorf("status %d, stderr:\n%s", got.status, got.stderr)
		}
	})
	t.Run("version exits 0", func(t *testing.T) {
		want, _ := exec.Command(bin, "version").Output()
		got := mixOtpls(t, mixEnv(t, "", "OTPLS_PATH="+bin), "version")
		if got.status != 0 || got.stdout != string(want) {
			t.Errorf("status %d, stdout %q, want %q", got.status, got.stdout, want)
		}
	})

	// Which binary runs: OTPLS_PATH, then the config, then PATH; each fake exits 5.
	onPath := fakeOtpls(t, "path", 5)
	inConfig := fakeOtpls(t, "config", 5)
	inEnv := fakeOtpls(t, "env", 5)
	for _, c := range []struct {
		name string
		env  []string
		want string
	}{
		{"PATH", mixEnv(t, filepath.Dir(onPath)), "path: check lib"},
		{"config before PATH", mixEnv(t, filepath.Dir(onPath), "MIX_TEST_CONFIG_PATH="+inConfig), "config: check lib"},
		{"OTPLS_PATH before config", mixEnv(t, filepath.Dir(onPath), "MIX_TEST_CONFIG_PATH="+inConfig, "OTPLS_PATH="+inEnv), "env: check lib"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := mixOtpls(t, c.env, "check", "lib")
			if got.status != 5 || got.stdout != c.want+"\n" {
				t.Errorf("status %d, stdout %q; want 5, %q", got.status, got.stdout, c.want)
			}
		})
	}
	t.Run("no arguments is check", func(t *testing.T) {
		got := mixOtpls(t, mixEnv(t, "", "OTPLS_PATH="+inEnv))
		if got.status != 5 || got.stdout != "env: check\n" {
			t.Errorf("status %d, stdout %q", got.status, got.stdout)
		}
	})
	t.Run("binary not found", func(t *testing.T) {
		missing := filepath.Join(t.TempDir(), "otpls")
		got := mixOtpls(t, mixEnv(t, "", "OTPLS_PATH="+missing), "check")
		if want := `mix otpls: "` + missing + `" (from OTPLS_PATH) is not an executable file`; got.status != 2 || !strings.Contains(got.stderr, want) {
			t.Errorf("status %d, stderr %q; want 2 and %q", got.status, got.stderr, want)
		}
	})
	t.Run("serve is refused", func(t *testing.T) {
		got := mixOtpls(t, mixEnv(t, "", "OTPLS_PATH="+bin), "serve")
		if got.status != 2 || !strings.Contains(got.stderr, "the language server is not run through Mix") {
			t.Errorf("status %d, stderr %q", got.status, got.stderr)
		}
	})
}
