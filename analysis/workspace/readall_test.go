package workspace

import (
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// readAll reads a file whole whatever the size it had when it was checked, and stops one
// byte past the limit, so that a file that grew past it is seen to have.
func TestReadAllReadsWhatTheFileHoldsNow(t *testing.T) {
	text := strings.Repeat("defmodule A do\nend\n", 100) // 1,900 bytes
	for _, c := range []struct {
		name        string
		size, limit int64
		want        int
	}{
		{"the size checked", 1900, 4001, 1900},
		{"it shrank", 5000, 4001, 1900},
		{"it grew", 10, 4001, 1900},
		{"it is empty now", 0, 4001, 1900},
		{"past the limit", 1900, 1001, 1001},
		{"grew past the limit", 10, 1001, 1001},
	} {
		for how, reader := range map[string]io.Reader{
			"whole reads":     strings.NewReader(text),
			"one byte a read": iotest.OneByteReader(strings.NewReader(text)),
		} {
			got, err := readAll(reader, c.size, c.limit)
			if err != nil || string(got) != text[:c.want] {
				t.Errorf("%s, %s: read %d bytes (%v), want %d", c.name, how, len(got), err, c.want)
			}
		}
	}
}
