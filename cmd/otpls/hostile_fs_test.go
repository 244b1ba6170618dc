package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/otpls/otpls/analysis/source"
)

// TestMain lets a test run otpls as another process (asUser, BenchmarkCheckMemory): the
// test binary, started with OTPLS_TEST_MAIN=1, is otpls.
func TestMain(m *testing.M) {
	if os.Getenv("OTPLS_TEST_MAIN") == "1" {
		os.Exit(childMain())
	}
	os.Exit(m.Run())
}

// A project reached through a symlinked directory is the project: `otpls check link`
// and `cd link && otpls check` report its findings under the names the user gave (they
// were reported clean, with no file read).
func TestSymlinkedProject(t *testing.T) {
	base := t.TempDir()
	real := writeTree(t, map[string]string{"mix.exs": mixExs, "lib/shop/application.ex": app, "lib/shop/mailer.ex": mailer})
	link := filepath.Join(base, "link")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runIn(t, base, "check", "link")
	if code != exitFindings || !strings.HasPrefix(out, "link/lib/shop/mailer.ex:3:5: OTP009 unsupervised-task:") || errOut != "" {
		t.Errorf("check link: exit %d\n%s%s", code, out, errOut)
	}
	// A shell that has done `cd link` names the directory so in $PWD, as Getwd returns it.
	t.Setenv("PWD", link)
	code, out, errOut = runIn(t, link, "check")
	if code != exitFindings || !strings.HasPrefix(out, "lib/shop/mailer.ex:3:5: OTP009 unsupervised-task:") || errOut != "" {
		t.Errorf("cd link && check: exit %d\n%s%s", code, out, errOut)
	}
}

const mixExs = "defmodule Shop.MixProject do\n  use Mix.Project\n  def application, do: [mod: {Shop.Application, []}]\nend\n"

// Only regular files inside the workspace are read. A file symlink is followed when it
// leads inside the project; one leading outside (to a module that would be reported, to
// /etc/passwd, to /dev/zero), a named pipe and a device with an Elixir name are skipped
// with a reason, never opened, and the exit status comes from the findings alone.
func TestHostileEntriesAreSkipped(t *testing.T) {
	base := t.TempDir()
	outside := filepath.Join(base, "outside")
	if err := os.Mkdir(outside, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(outside, "secret.ex"), []byte(strings.ReplaceAll(mailer, "Shop.Mailer", "Secret")), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := writeTree(t, map[string]string{"mix.exs": mixExs, "lib/shop/application.ex": app, "deps/mail/lib/mailer.ex": mailer})
	for name, target := range map[string]string{
		"lib/shop/mailer.ex": "../../deps/mail/lib/mailer.ex",
		"lib/secret.ex":      filepath.Join(outside, "secret.ex"),
		"lib/passwd.ex":      "/etc/passwd",
		"lib/zero.ex":        "/dev/zero",
	} {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "lib", "pipe.ex"), 0o644); err != nil {
		t.Fatal(err)
	}
	skippedDevice := ""
	if err := syscall.Mknod(filepath.Join(dir, "lib", "null.ex"), syscall.S_IFCHR|0o666, 1<<8|3); err == nil {
		skippedDevice = "otpls: skipped lib/null.ex: not a regular file (a device)\n"
	} else {
		t.Logf("no device node (not root?): %v", err)
	}
	code, out, errOut := runIn(t, dir, "check")
	wantErr := skippedDevice +
		"otpls: skipped lib/passwd.ex: symlink leads outside the workspace (to /etc/passwd)\n" +
		"otpls: skipped lib/pipe.ex: not a regular file (a named pipe)\n" +
		"otpls: skipped lib/secret.ex: symlink leads outside the workspace (to " + outside + "/secret.ex)\n" +
		"otpls: skipped lib/zero.ex: symlink leads outside the workspace (to /dev/zero)\n"
	if code != exitFindings || !strings.HasPrefix(out, "lib/shop/mailer.ex:3:5: OTP009") || strings.Count(out, "OTP009") != 1 || errOut != wantErr {
		t.Errorf("check: exit %d\n%s\nstderr:\n%s\nwant stderr:\n%s", code, out, errOut, wantErr)
	}
	// A named pipe given on the command line is skipped too: check does not wait on it.
	code, out, errOut = runIn(t, dir, "check", "lib/pipe.ex")
	if code != exitClean || out != "" || errOut != "otpls: skipped lib/pipe.ex: not a regular file (a named pipe)\n" {
		t.Errorf("check lib/pipe.ex: exit %d\n%s%s", code, out, errOut)
	}
}

// An unreadable file, or a dangling symlink, is skipped with a reason, as SECURITY.md
// says; it is not an internal error (check exited 3). The tests run as root here, who
// reads any file: otpls then runs as nobody, for whom a mode 000 file is unreadable.
func TestUnreadableFileIsSkipped(t *testing.T) {
	dir := writeTree(t, map[string]string{"mix.exs": mixExs, "lib/shop/application.ex": app, "lib/shop/mailer.ex": mailer, "lib/locked.ex": "defmodule Locked do\nend\n"})
	if err := os.Chmod(filepath.Join(dir, "lib/locked.ex"), 0); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "lib/gone.ex"), filepath.Join(dir, "lib/dangling.ex")); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := asUser(t, dir, "check")
	want := "otpls: skipped lib/dangling.ex: dangling symlink\notpls: skipped lib/locked.ex: permission denied\n"
	if code != exitFindings || !strings.HasPrefix(out, "lib/shop/mailer.ex:3:5: OTP009") || errOut != want {
		t.Errorf("check: exit %d\n%s\nstderr:\n%s\nwant stderr:\n%s", code, out, errOut, want)
	}
}

// asUser runs otpls in dir as a user who cannot read a mode 000 file: this process's user
// unless it is root, else nobody (with the test binary and dir made reachable for them).
func asUser(t *testing.T, dir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	if os.Geteuid() != 0 {
		return runIn(t, dir, args...)
	}
	bin := filepath.Join(t.TempDir(), "otpls.test")
	if err := copyFile(bin, os.Args[0]); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{filepath.Dir(bin), filepath.Dir(filepath.Dir(bin)), dir, filepath.Dir(dir)} {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "OTPLS_TEST_MAIN=1", "PWD="+dir)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), out.String(), errb.String()
	} else if err != nil {
		t.Fatal(err)
	}
	return 0, out.String(), errb.String()
}

func copyFile(dst, src string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY, 0o755)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// A file over max_file_size (default 4 MB) is not parsed: it gets one Information finding
// saying why, and the rest of the project is analysed as usual.
func TestFileOverTheSizeLimit(t *testing.T) {
	huge := mailer + strings.Repeat("# generated\n", (4<<20)/12)
	dir := writeTree(t, map[string]string{"mix.exs": mixExs, "lib/shop/application.ex": app, "lib/shop/mailer.ex": mailer, "lib/huge.ex": huge})
	code, out, errOut := runIn(t, dir, "check")
	want := "lib/huge.ex:1:1: OTP093 file-too-large: not analysed: the file is " + strconv.Itoa(len(huge)) + " bytes, over the 4194304-byte limit (max_file_size in .otpls.exs or the editor settings)\n" +
		"lib/shop/mailer.ex:3:5: OTP009 unsupervised-task:"
	if code != exitFindings || !strings.HasPrefix(out, want) || strings.Count(out, "OTP") != 2 || errOut != "" {
		t.Errorf("check: exit %d\n%s%s\nwant:\n%s", code, out, errOut, want)
	}
	// The config sets the limit (here every file is over it, mix.exs too).
	os.WriteFile(filepath.Join(dir, ".otpls.exs"), []byte("[max_file_size: 100]"), 0o644)
	if code, out, _ := runIn(t, dir, "check", "--format", "json"); code != exitFindings || strings.Count(out, `"code": "OTP093"`) != 4 || strings.Count(out, `"code"`) != 4 || !strings.Contains(out, `"severity": "information"`) {
		t.Errorf("limit lowered: exit %d\n%s", code, out)
	}
}

// A file tree-sitter cannot parse within its budget (source.ParseBudget, lowered here so
// that the test stays fast) gets one Information finding saying why; the rest of the
// project is analysed as usual, and check does not wait the seconds that file costs.
func TestFileTooSlowToParse(t *testing.T) {
	old := source.ParseBudget
	source.ParseBudget = func(int) time.Duration { return 200 * time.Millisecond }
	defer func() { source.ParseBudget = old }()
	slow := "defmodule Sum do\n  def f(x) do\n    " + strings.TrimSuffix(strings.Repeat("x + ", 100_000), " + ") + "\n  end\nend\n"
	dir := writeTree(t, map[string]string{"mix.exs": mixExs, "lib/shop/application.ex": app, "lib/shop/mailer.ex": mailer, "lib/sum.ex": slow})
	code, out, errOut := runIn(t, dir, "check")
	want := "lib/shop/mailer.ex:3:5: OTP009 unsupervised-task:"
	slowLine := "lib/sum.ex:1:1: OTP094 parse-too-slow: not analysed: tree-sitter did not finish parsing the file's " + strconv.Itoa(len(slow)) + " bytes within its 200ms budget\n"
	if code != exitFindings || !strings.HasPrefix(out, want) || !strings.Contains(out, slowLine) || strings.Count(out, "OTP") != 2 || errOut != "" {
		t.Errorf("check: exit %d\n%s%s\nwant %s and\n%s", code, out, errOut, want, slowLine)
	}
}
