package workspace

// SetBeforeOpen runs fn between the checks of each file ReadSource reads and its opening,
// until the returned function is called.
func SetBeforeOpen(fn func(real string)) (restore func()) {
	beforeOpen = fn
	return func() { beforeOpen = nil }
}
