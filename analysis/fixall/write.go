package fixall

import (
	"bytes"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"syscall"
)

// Writing fixed files back (SECURITY.md, "otpls fix"): a file is replaced only if it still
// holds exactly the text the fixes were computed from, whoever runs the fix may write it
// (and it is not read-only on purpose: no write bit at all, which root could ignore), and
// its owner, group and mode bits (setgid included) can be kept. A symlink is written
// through (the link stays a link to its target); a file with several hard links is
// rewritten in place, so every link sees the new text. Every file is prepared (checked,
// its new text written to a temporary file beside it) before any is replaced: when one
// cannot be written, none is, so a fix that spans files (a module and the Application that
// starts its supervisor) is never applied half. The replacements themselves are renames,
// one after another: a kill -9 between two of them can still leave the tree part-fixed,
// and a temporary `.name.otpls-*` file behind.

// WriteError says why Write wrote nothing.
type WriteError struct {
	Path   string
	Reason string
}

func (e *WriteError) Error() string { return e.Path + ": " + e.Reason }

// Write replaces each path of fixed (its key) with the fixed text, given the original
// text each was fixed from: all of them, or none (the first problem found is returned).
func Write(original, fixed map[string]string) error {
	paths := slices.Sorted(maps.Keys(fixed))
	var prepared []*pending
	seen := map[string]string{} // real path -> the path it was reached by
	defer func() {
		for _, pd := range prepared {
			pd.discard()
		}
	}()
	for _, p := range paths {
		pd, err := prepare(p, original[p], fixed[p])
		if err != nil {
			return err
		}
		prepared = append(prepared, pd) // before any return: its temporary file is discarded
		if other, dup := seen[pd.path]; dup {
			return &WriteError{p, "is the same file as " + other + " (a link): fixed twice, written neither time"}
		}
		seen[pd.path] = p
	}
	// Checked once more just before the first replacement: an edit made while the others
	// were prepared is not overwritten either.
	for _, pd := range prepared {
		if err := pd.unchanged(); err != nil {
			return err
		}
	}
	for i, pd := range prepared {
		if err := pd.commit(); err != nil {
			return fmt.Errorf("%w (%d of %d files were written before it)", err, i, len(prepared))
		}
	}
	return nil
}

// pending is a file whose new text is ready to replace it.
type pending struct {
	path     string // the file written: a symlink's target
	original string
	text     string
	tmp      string // the temporary file beside it; "" for a file rewritten in place
	info     os.FileInfo
}

func prepare(path, original, text string) (*pending, error) {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return nil, &WriteError{path, "cannot be resolved: " + err.Error()}
	}
	info, err := os.Stat(real)
	if err != nil {
		return nil, &WriteError{path, err.Error()}
	}
	if !info.Mode().IsRegular() {
		return nil, &WriteError{path, "is not a regular file"}
	}
	// No write bit at all marks a file read-only on purpose, which root could still write.
	if info.Mode().Perm()&0o222 == 0 || syscall.Access(real, 2 /* W_OK */) != nil {
		return nil, &WriteError{path, "is read-only"}
	}
	pd := &pending{path: real, original: original, text: text, info: info}
	if err := pd.unchanged(); err != nil {
		return nil, err
	}
	if links(info) > 1 {
		return pd, nil // replaced in place (commit): a rename would split the links
	}
	tmp, err := os.CreateTemp(filepath.Dir(real), "."+filepath.Base(real)+".otpls-*")
	if err != nil {
		return nil, &WriteError{path, err.Error()}
	}
	pd.tmp = tmp.Name()
	err = writeKeeping(tmp, text, info)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		pd.discard()
		return nil, &WriteError{path, err.Error()}
	}
	return pd, nil
}

// writeKeeping writes text to f with the owner, group and mode of info.
func writeKeeping(f *os.File, text string, info os.FileInfo) error {
	if _, err := f.WriteString(text); err != nil {
		return err
	}
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		if err := f.Chown(int(st.Uid), int(st.Gid)); err != nil {
			return fmt.Errorf("cannot keep its owner and group (%d:%d): %v", st.Uid, st.Gid, err)
		}
	}
	// After the chown, which may clear setuid/setgid.
	return f.Chmod(info.Mode() & (os.ModePerm | os.ModeSetuid | os.ModeSetgid | os.ModeSticky))
}

// unchanged checks that the file still holds the text the fixes were computed from.
func (pd *pending) unchanged() error {
	now, err := os.ReadFile(pd.path)
	if err != nil {
		return &WriteError{pd.path, err.Error()}
	}
	if !bytes.Equal(now, []byte(pd.original)) {
		return &WriteError{pd.path, "changed while otpls was fixing it; nothing was written (run otpls fix again)"}
	}
	return nil
}

func (pd *pending) commit() error {
	if pd.tmp != "" {
		if err := os.Rename(pd.tmp, pd.path); err != nil {
			return &WriteError{pd.path, err.Error()}
		}
		pd.tmp = ""
		return nil
	}
	f, err := os.OpenFile(pd.path, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		return &WriteError{pd.path, err.Error()}
	}
	_, err = io.WriteString(f, pd.text)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return &WriteError{pd.path, err.Error()}
	}
	return nil
}

func (pd *pending) discard() {
	if pd.tmp != "" {
		os.Remove(pd.tmp)
		pd.tmp = ""
	}
}

func links(info os.FileInfo) uint64 {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Nlink)
	}
	return 1
}
