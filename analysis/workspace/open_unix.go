//go:build unix

package workspace

import (
	"os"
	"syscall"
)

// openNonBlocking opens path for reading without waiting for a writer (a FIFO opened for
// reading blocks until one comes) and without following a symlink in its last element.
func openNonBlocking(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK|syscall.O_NOFOLLOW, 0)
}
