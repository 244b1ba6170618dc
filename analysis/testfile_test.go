package analysis

import "testing"

// IsTestFile answers for a directory named test anywhere in the path (either separator)
// and for *_test.exs, and for nothing else.
func TestIsTestFile(t *testing.T) {
	for path, want := range map[string]bool{
		"test/a_test.exs":              true,
		"test/support/case.ex":         true,
		"/p/apps/x/test/helper.ex":     true,
		`C:\p\test\helper.ex`:          true,
		`test\helper.ex`:               true,
		"lib/a_test.exs":               true,
		"_test.exs":                    true,
		"lib/test.ex":                  false,
		"lib/testing/a.ex":             false,
		"lib/mytest/a.ex":              false,
		"lib/a_test.ex":                false,
		"test":                         false,
		"lib/test":                     false,
		"/test/":                       true,
		"tests/a.ex":                   false,
		"lib/latest/test/contest.ex":   true,
		"lib/latest/contest/x_test.ex": false,
	} {
		if got := IsTestFile(path); got != want {
			t.Errorf("IsTestFile(%q) = %v, want %v", path, got, want)
		}
	}
}
