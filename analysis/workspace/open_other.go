//go:build !unix

package workspace

import "os"

// openNonBlocking opens path for reading (systems without FIFOs in the file system).
func openNonBlocking(path string) (*os.File, error) { return os.Open(path) }
