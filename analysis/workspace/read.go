package workspace

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"unsafe"
)

// Reading a workspace file safely. A workspace is untrusted: a file with an Elixir name may
// be a named pipe (opening it blocks until a writer comes), a device (/dev/zero never ends;
// opening some has effects), or a symlink to anything on the machine (/etc/passwd). Only
// regular files inside the workspace roots are read, and only up to a size limit; the
// walker (Discover) and every reader (Analyze, the server's indexer and file watcher) apply
// the same checks through classify and ReadSource.

var (
	// ErrNotRegular is the reason a named pipe, device, socket or directory is not read.
	ErrNotRegular = errors.New("not a regular file")
	// ErrOutsideRoots is the reason a symlink leading out of the workspace is not followed.
	ErrOutsideRoots = errors.New("symlink leads outside the workspace")
	// ErrChanged is the reason a file replaced between its checks and its opening is not read.
	ErrChanged = errors.New("the file changed while it was read")
)

// beforeOpen, set only by tests, runs between the checks of a file and its opening: where
// another process may swap the file for a pipe or a link.
var beforeOpen func(real string)

// TooLargeError is a file over the size limit (config max_file_size): it is not parsed.
type TooLargeError struct {
	Size, Max int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%d bytes, over the %d-byte limit (max_file_size)", e.Size, e.Max)
}

// ReadSource reads the file at path if it is a regular file inside one of roots once
// symlinks are resolved (a root may itself be a symlink, or a file), and at most maxBytes
// long. A named pipe or device is never opened; the file is opened without blocking and
// checked again once open, so one swapped in after the checks is not read either. The
// errors are ErrNotRegular, ErrOutsideRoots, ErrChanged and *TooLargeError (wrapped, with
// what the file is), or the file system's (a vanished or unreadable file).
func ReadSource(roots []string, path string, maxBytes int64) (string, error) {
	return readSource(resolveRoots(roots), path, maxBytes, nil)
}

// readSource is ReadSource with the roots resolved (resolveRoots) once for many files,
// and, when dirs is not nil, the real path of each directory resolved once for them too.
func readSource(realRoots []string, path string, maxBytes int64, dirs *dirResolver) (string, error) {
	real, before, err := dirs.classify(realRoots, path)
	if err != nil {
		return "", err
	}
	if before.Size() > maxBytes {
		return "", &TooLargeError{Size: before.Size(), Max: maxBytes}
	}
	if beforeOpen != nil {
		beforeOpen(real)
	}
	f, err := openChecked(real)
	if err != nil {
		if errors.Is(err, syscall.ELOOP) {
			return "", ErrChanged
		}
		return "", bare(err)
	}
	defer f.Close()
	after, err := f.Stat()
	if err != nil {
		return "", bare(err)
	}
	if !after.Mode().IsRegular() || !os.SameFile(before, after) {
		return "", ErrChanged
	}
	data, err := readAll(f, after.Size(), maxBytes+1)
	if err != nil {
		return "", bare(err)
	}
	if int64(len(data)) > maxBytes { // it grew since the check
		return "", &TooLargeError{Size: max(after.Size(), int64(len(data))), Max: maxBytes}
	}
	if len(data) == 0 {
		return "", nil
	}
	return unsafe.String(&data[0], len(data)), nil // data is not written again: no copy
}

// openChecked opens real, a path classify resolved (no symlink in it), for reading
// without waiting for a writer: a pipe swapped in since the check opens at once (and is
// then refused). Where the kernel can (openat2), a symlink anywhere in the path fails the
// open (ELOOP): a directory swapped for a link since the check is not followed. Elsewhere
// only a link in the last part is refused, and the identity check after the open refuses
// a file reached another way.
func openChecked(real string) (*os.File, error) {
	if f, ok, err := openNoSymlinks(real); ok {
		return f, err
	}
	return openNonBlocking(real)
}

// dirResolver remembers, for one batch, the real path of each directory files are read
// from: resolving every part of every file's path again (a Lstat each) took 3.4% of
// check's processor time on the 100k-line corpus (1.3% now). It is used only where a
// symlink anywhere in a path fails the open (openNoSymlinks): a directory replaced by a
// link once resolved is then refused at the open, as the full resolution would have
// refused it. A nil dirResolver resolves every file in full.
type dirResolver struct {
	mu   sync.Mutex
	real map[string]string // "" for a directory that did not resolve
}

func newDirResolver() *dirResolver {
	if !noSymlinkOpens() {
		return nil
	}
	return &dirResolver{real: map[string]string{}}
}

// classify is the package's classify, with path's directory resolved once per batch. A
// file that is not plainly a regular file inside the roots (a link, a pipe, a file
// outside, one that does not exist) goes through the full classify, for its reason.
func (d *dirResolver) classify(realRoots []string, path string) (string, fs.FileInfo, error) {
	if d == nil {
		return classify(realRoots, path)
	}
	dir, base := filepath.Split(path)
	realDir := d.resolve(dir)
	if realDir == "" {
		return classify(realRoots, path)
	}
	real := filepath.Join(realDir, base)
	info, err := os.Lstat(real)
	if err != nil || !info.Mode().IsRegular() || !inside(realRoots, real) {
		return classify(realRoots, path)
	}
	return real, info, nil
}

// resolve is dir's real path, absolute, "" when it does not resolve.
func (d *dirResolver) resolve(dir string) string {
	d.mu.Lock()
	real, ok := d.real[dir]
	d.mu.Unlock()
	if ok {
		return real
	}
	real, err := realPath(cmp.Or(dir, "."))
	if err != nil {
		real = ""
	}
	d.mu.Lock()
	d.real[dir] = real
	d.mu.Unlock()
	return real
}

// realPath is p absolute, with every symlink resolved: made absolute first, since the
// working directory may be named through a link ($PWD after `cd link`).
func realPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	return filepath.EvalSymlinks(abs)
}

// readAll reads r to its end, or to limit bytes, into a buffer of the size the file had
// when it was checked, one byte more to see it end there. io.ReadAll starts small and
// doubles, then string() copies: three times the text a file in allocation, most of it
// garbage that brings the next collection closer, for every file of a run.
func readAll(r io.Reader, size, limit int64) ([]byte, error) {
	buf := make([]byte, 0, min(max(size, 0), limit-1)+1)
	for int64(len(buf)) < limit {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)] // it grew since it was checked
		}
		n, err := r.Read(buf[len(buf):min(int64(cap(buf)), limit)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
	return buf, nil
}

// classify resolves path's symlinks and checks, without opening anything, that it is a
// regular file inside one of realRoots (roots with their symlinks resolved): real is the
// resolved path, info its Lstat.
func classify(realRoots []string, path string) (real string, info fs.FileInfo, err error) {
	real, err = realPath(path)
	if err != nil {
		if link, lerr := os.Lstat(path); lerr == nil && link.Mode()&fs.ModeSymlink != 0 && errors.Is(err, fs.ErrNotExist) {
			return "", nil, errors.New("dangling symlink")
		}
		return "", nil, bare(err)
	}
	if !inside(realRoots, real) {
		return "", nil, fmt.Errorf("%w (to %s)", ErrOutsideRoots, real)
	}
	info, err = os.Lstat(real)
	if err != nil {
		return "", nil, bare(err)
	}
	if !info.Mode().IsRegular() {
		return "", nil, fmt.Errorf("%w (%s)", ErrNotRegular, kind(info.Mode()))
	}
	return real, info, nil
}

// resolveRoots is roots absolute, with their symlinks resolved (as given when that fails:
// a root that does not exist holds nothing to read anyway).
func resolveRoots(roots []string) []string {
	out := make([]string, 0, len(roots))
	for _, r := range roots {
		if abs, err := filepath.Abs(r); err == nil {
			r = abs
		}
		if real, err := filepath.EvalSymlinks(r); err == nil {
			r = real
		}
		out = append(out, r)
	}
	return out
}

// inside reports whether real is one of roots or lies below one.
func inside(roots []string, real string) bool {
	for _, r := range roots {
		if real == r || strings.HasPrefix(real, strings.TrimSuffix(r, string(filepath.Separator))+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// kind names what a file that is not regular is, for a skip reason.
func kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m.IsDir():
		return "a directory"
	}
	return "mode " + m.String()
}

// bare drops the operation and path from a file system error: the reason is printed
// after the path already ("otpls: skipped lib/x.ex: permission denied").
func bare(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
