//go:build !linux

package workspace

import "os"

// openNoSymlinks is Linux's openat2 with RESOLVE_NO_SYMLINKS; ok is false elsewhere.
func openNoSymlinks(string) (f *os.File, ok bool, err error) { return nil, false, nil }

// noSymlinkOpens reports whether openNoSymlinks works: not on this system.
func noSymlinkOpens() bool { return false }
