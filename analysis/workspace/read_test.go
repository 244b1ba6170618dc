package workspace

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// ReadSource reads regular files inside the roots and refuses the rest promptly: a real
// FIFO (which would block a plain read until a writer came), a real link to /dev/zero
// (which would never end), links and paths that lead out of the workspace.
func TestReadSource(t *testing.T) {
	root, outside := t.TempDir(), t.TempDir()
	write := func(path, text string) {
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := func(target, name string) {
		if err := os.Symlink(target, name); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(root, "lib/a.ex"), "defmodule A do\nend\n")
	write(filepath.Join(outside, "secret.ex"), "secret")
	os.MkdirAll(filepath.Join(outside, "dir"), 0o755)
	write(filepath.Join(outside, "dir/b.ex"), "secret too")
	if err := syscall.Mkfifo(filepath.Join(root, "lib/fifo.ex"), 0o644); err != nil {
		t.Fatal(err)
	}
	link("a.ex", filepath.Join(root, "lib/to_a.ex"))
	link("/dev/zero", filepath.Join(root, "lib/zero.ex"))
	link(filepath.Join(outside, "secret.ex"), filepath.Join(root, "lib/secret.ex"))
	link(filepath.Join(outside, "dir"), filepath.Join(root, "linked"))
	link("fifo.ex", filepath.Join(root, "lib/to_fifo.ex"))
	link("nowhere.ex", filepath.Join(root, "lib/dangling.ex"))
	// A workspace opened through a linked directory reads its files all the same.
	via := filepath.Join(t.TempDir(), "via")
	link(root, via)

	for _, tc := range []struct {
		roots []string
		path  string
		max   int64
		want  string // the text, or the error's text
		is    error
	}{
		{[]string{root}, "lib/a.ex", 0, "defmodule A do\nend\n", nil},
		{[]string{root}, "lib/to_a.ex", 0, "defmodule A do\nend\n", nil},
		{[]string{via}, "lib/a.ex", 0, "defmodule A do\nend\n", nil},
		{[]string{via}, "lib/to_a.ex", 0, "defmodule A do\nend\n", nil},
		{[]string{root}, "lib/fifo.ex", 0, "not a regular file (p---------)", ErrNotRegular},
		{[]string{root}, "lib/to_fifo.ex", 0, "not a regular file", ErrNotRegular},
		{[]string{root}, "lib", 0, "not a regular file (d---------)", ErrNotRegular},
		{[]string{root}, "lib/zero.ex", 0, "a link to /dev/zero, outside the workspace", ErrOutsideWorkspace},
		{[]string{root}, "lib/secret.ex", 0, "outside the workspace", ErrOutsideWorkspace},
		{[]string{root}, "linked/b.ex", 0, "outside the workspace", ErrOutsideWorkspace},
		{[]string{root}, filepath.Join(outside, "secret.ex"), 0, "outside the workspace", ErrOutsideWorkspace},
		{[]string{root}, "lib/../../" + filepath.Base(outside) + "/secret.ex", 0, "outside the workspace", ErrOutsideWorkspace},
		{nil, "lib/a.ex", 0, "outside the workspace", ErrOutsideWorkspace},
		{[]string{root}, "lib/a.ex", 10, "larger than the size limit: 19 bytes, the limit is 10", ErrTooLarge},
		{[]string{root}, "lib/a.ex", 19, "defmodule A do\nend\n", nil},
		{[]string{root}, "lib/dangling.ex", 0, "no such file or directory", os.ErrNotExist},
		{[]string{outside, root}, "lib/a.ex", 0, "defmodule A do\nend\n", nil},
	} {
		path := tc.path
		if !filepath.IsAbs(path) {
			base := root
			if len(tc.roots) > 0 {
				base = tc.roots[len(tc.roots)-1]
			}
			path = filepath.Join(base, path)
		}
		got, err := ReadSource(tc.roots, path, tc.max)
		switch {
		case tc.is == nil && (err != nil || got != tc.want):
			t.Errorf("%s: %q, %v; want %q", tc.path, got, err, tc.want)
		case tc.is != nil && (err == nil || !errors.Is(err, tc.is) || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: %q, %v; want an error %q", tc.path, got, err, tc.want)
		}
	}
}
