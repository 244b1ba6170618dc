package fixall

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// tree writes files (name -> text) into a fresh directory.
func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// leftovers lists the temporary files a write left in dir.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".otpls-") {
			out = append(out, e.Name())
		}
	}
	return out
}

func reason(err error) string {
	var we *WriteError
	if errors.As(err, &we) {
		return we.Reason
	}
	return ""
}

// TestWriteRefusesAFileEditedMeanwhile: text appended to a file after it was analysed (the
// concurrent edit of a long `otpls fix` run) is neither lost nor overwritten, and no other
// file of the run is written either.
func TestWriteRefusesAFileEditedMeanwhile(t *testing.T) {
	dir := tree(t, map[string]string{"a.ex": "old a\n", "b.ex": "old b\n"})
	a, b := filepath.Join(dir, "a.ex"), filepath.Join(dir, "b.ex")
	f, _ := os.OpenFile(a, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("typed meanwhile\n")
	f.Close()
	err := Write(map[string]string{a: "old a\n", b: "old b\n"}, map[string]string{a: "new a\n", b: "new b\n"})
	if !strings.Contains(reason(err), "changed while otpls was fixing it") {
		t.Fatalf("err = %v, want the edited file refused", err)
	}
	if read(t, a) != "old a\ntyped meanwhile\n" || read(t, b) != "old b\n" {
		t.Errorf("files after a refused write: a=%q b=%q", read(t, a), read(t, b))
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("temporary files left: %v", l)
	}
}

// TestWriteIsAllOrNothing: when one file of a multi-file fix cannot be written (read-only),
// the others keep their text.
func TestWriteIsAllOrNothing(t *testing.T) {
	dir := tree(t, map[string]string{"app.ex": "app\n", "worker.ex": "worker\n"})
	app, worker := filepath.Join(dir, "app.ex"), filepath.Join(dir, "worker.ex")
	os.Chmod(app, 0o444)
	err := Write(map[string]string{app: "app\n", worker: "worker\n"}, map[string]string{app: "app + sup\n", worker: "worker under sup\n"})
	if reason(err) != "is read-only" {
		t.Fatalf("err = %v, want the read-only file named", err)
	}
	if read(t, worker) != "worker\n" || read(t, app) != "app\n" {
		t.Errorf("a file was written although another could not be: worker=%q app=%q", read(t, worker), read(t, app))
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("temporary files left: %v", l)
	}
}

// TestWriteKeepsLinksModeAndOwner: a symlink stays a symlink (its target gets the text),
// hard links keep sharing the file, setgid and the group survive.
func TestWriteKeepsLinksModeAndOwner(t *testing.T) {
	dir := tree(t, map[string]string{"target.ex": "t\n", "hard.ex": "h\n", "mode.ex": "m\n"})
	target, hard, mode := filepath.Join(dir, "target.ex"), filepath.Join(dir, "hard.ex"), filepath.Join(dir, "mode.ex")
	link, hard2 := filepath.Join(dir, "link.ex"), filepath.Join(dir, "hard2.ex")
	if err := os.Symlink("target.ex", link); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(hard, hard2); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(mode, 0o664|os.ModeSetgid); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(mode)
	if before.Mode()&os.ModeSetgid == 0 {
		t.Skip("this file system drops setgid on regular files")
	}
	err := Write(map[string]string{link: "t\n", hard: "h\n", mode: "m\n"}, map[string]string{link: "t2\n", hard: "h2\n", mode: "m2\n"})
	if err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&os.ModeSymlink == 0 || read(t, target) != "t2\n" {
		t.Errorf("symlink: mode %v, target %q; want still a link, target rewritten", fi.Mode(), read(t, target))
	}
	if read(t, hard2) != "h2\n" {
		t.Errorf("the other hard link reads %q: the link was split", read(t, hard2))
	}
	after, _ := os.Stat(mode)
	if after.Mode() != before.Mode() || read(t, mode) != "m2\n" {
		t.Errorf("mode %v -> %v", before.Mode(), after.Mode())
	}
	if after.Sys().(*syscall.Stat_t).Gid != before.Sys().(*syscall.Stat_t).Gid {
		t.Error("group changed")
	}
}

// TestWriteRefusesTheSameFileTwice: a file reached by two paths (a symlink and its target,
// both walked) was fixed twice from the same text; writing either would drop the other.
func TestWriteRefusesTheSameFileTwice(t *testing.T) {
	dir := tree(t, map[string]string{"a.ex": "a\n"})
	a, link := filepath.Join(dir, "a.ex"), filepath.Join(dir, "l.ex")
	os.Symlink("a.ex", link)
	err := Write(map[string]string{a: "a\n", link: "a\n"}, map[string]string{a: "a1\n", link: "a2\n"})
	if !strings.Contains(reason(err), "is the same file as") || read(t, a) != "a\n" {
		t.Fatalf("err = %v, file %q", err, read(t, a))
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("temporary files left: %v", l)
	}
}
