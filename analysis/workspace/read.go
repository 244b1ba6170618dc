package workspace

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// Errors of ReadSource, for callers that tell the reasons apart (errors.Is).
var (
	ErrOutsideWorkspace = errors.New("outside the workspace")
	ErrNotRegular       = errors.New("not a regular file")
	ErrTooLarge         = errors.New("larger than the size limit")
)

// ReadSource reads a file of the workspace, and nothing else: path must lie inside one of
// roots both as named and once its symlinks are resolved (a link that leads out of the
// workspace, to /etc/passwd, is not followed), and be a regular file: a FIFO would block
// the reader until some writer came, and /dev/zero would never end. maxBytes caps the size
// (0: no cap). The file is opened without blocking and checked on the open descriptor, so a
// file swapped for a FIFO or a link after the checks is refused too.
func ReadSource(roots []string, path string, maxBytes int64) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	if !insideAny(abs, roots, false) {
		return "", fmt.Errorf("%s: %w", path, ErrOutsideWorkspace)
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return "", err
	}
	if !insideAny(real, roots, true) {
		return "", fmt.Errorf("%s: a link to %s, %w", path, real, ErrOutsideWorkspace)
	}
	data, err := readRegular(real, maxBytes)
	if err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	return string(data), nil
}

// readRegular reads the regular file at path (its last element not a symlink) of at most
// maxBytes (0: any size).
func readRegular(path string, maxBytes int64) ([]byte, error) {
	f, err := openNonBlocking(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%w (%s)", ErrNotRegular, info.Mode().Type())
	}
	if maxBytes > 0 && info.Size() > maxBytes {
		return nil, fmt.Errorf("%w: %d bytes, the limit is %d", ErrTooLarge, info.Size(), maxBytes)
	}
	var r io.Reader = f
	if maxBytes > 0 {
		r = io.LimitReader(f, maxBytes+1) // a file growing while it is read
	}
	data, err := io.ReadAll(r)
	if err == nil && maxBytes > 0 && int64(len(data)) > maxBytes {
		return nil, fmt.Errorf("%w: it grew past %d bytes while read", ErrTooLarge, maxBytes)
	}
	return data, err
}

// insideAny reports whether path is one of roots or below one; resolved compares with the
// roots' own symlinks resolved (a workspace opened through a linked directory).
func insideAny(path string, roots []string, resolved bool) bool {
	for _, root := range roots {
		root, err := filepath.Abs(root)
		if err != nil {
			continue
		}
		if resolved {
			if root, err = filepath.EvalSymlinks(root); err != nil {
				continue
			}
		}
		if rel, err := filepath.Rel(root, path); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return true
		}
	}
	return false
}
