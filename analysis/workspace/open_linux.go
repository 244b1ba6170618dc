package workspace

import (
	"os"
	"sync"

	"golang.org/x/sys/unix"
)

// openNoSymlinks opens real for reading, without blocking, failing with ELOOP when any
// part of the path is a symlink (openat2's RESOLVE_NO_SYMLINKS, Linux 5.6); ok is false
// where the kernel (or a sandbox's system call filter) does not have openat2.
func openNoSymlinks(real string) (f *os.File, ok bool, err error) {
	if !noSymlinkOpens() {
		return nil, false, nil
	}
	fd, err := unix.Openat2(unix.AT_FDCWD, real, &unix.OpenHow{
		Flags:   unix.O_RDONLY | unix.O_NONBLOCK | unix.O_NOFOLLOW | unix.O_CLOEXEC,
		Resolve: unix.RESOLVE_NO_SYMLINKS,
	})
	if err != nil {
		return nil, true, &os.PathError{Op: "open", Path: real, Err: err}
	}
	return os.NewFile(uintptr(fd), real), true, nil
}

// noSymlinkOpens reports whether openat2 works here, tried once on the file system's root.
var noSymlinkOpens = sync.OnceValue(func() bool {
	fd, err := unix.Openat2(unix.AT_FDCWD, "/", &unix.OpenHow{
		Flags:   unix.O_RDONLY | unix.O_DIRECTORY | unix.O_CLOEXEC,
		Resolve: unix.RESOLVE_NO_SYMLINKS,
	})
	if err != nil {
		return false
	}
	unix.Close(fd)
	return true
})
