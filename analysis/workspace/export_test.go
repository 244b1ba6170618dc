package workspace

// SetBeforeOpen runs fn between the checks of each file ReadSource reads and its opening,
// until the returned function is called.
func SetBeforeOpen(fn func(real string)) (restore func()) {
	beforeOpen = fn
	return func() { beforeOpen = nil }
}

// NoSymlinkOpens reports whether files are opened refusing a symlink anywhere in their
// path here (openat2), which is when a batch resolves each directory only once.
func NoSymlinkOpens() bool { return noSymlinkOpens() }
