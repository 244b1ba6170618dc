package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// broken does not parse: the `case` is never closed, so the module's `end` is missing at
// the end of the file (line 9, after the last newline).
const broken = "defmodule Shop.Broken do\n" +
	"  def ok, do: :ok\n" +
	"\n" +
	"  def run(x) do\n" +
	"    case x do\n" +
	"      1 -> :one\n" +
	"  end\n" +
	"end\n"

// A file that does not parse is named in the text and JSON reports, at its first syntax
// error, and counted in the summary; the exit status stays what the findings make it.
func TestUnparsedFilesAreNamed(t *testing.T) {
	dir := writeTree(t, map[string]string{"mix.exs": mixExs, "lib/shop/application.ex": app,
		"lib/shop/mailer.ex": mailer, "lib/shop/broken.ex": broken, "lib/shop/also_broken.ex": "defmodule X do\n  def f(, do: 1\nend\n"})
	code, out, errOut := runIn(t, dir, "check")
	lines := strings.Split(out, "\n")
	if code != exitFindings || errOut != "" || len(lines) != 6 ||
		!strings.HasPrefix(lines[0], "lib/shop/mailer.ex:3:5: OTP009 ") ||
		lines[1] != "lib/shop/also_broken.ex:2:8: syntax error: the file does not parse from here, so its findings may be incomplete" ||
		!strings.HasPrefix(lines[2], "lib/shop/broken.ex:9:1: syntax error: ") ||
		lines[4] != "Found 1 problem (1 fixable with `otpls fix`, marked [*]). 2 files did not parse." {
		t.Fatalf("exit %d\n%s\nstderr: %s", code, out, errOut)
	}

	// The same when check keeps no trees between its steps (a large workspace).
	defer func(b int64) { checkTreeBudget = b }(checkTreeBudget)
	checkTreeBudget = 1
	if _, again, _ := runIn(t, dir, "check"); again != out {
		t.Errorf("without trees kept:\n%s\nwant\n%s", again, out)
	}

	code, out, _ = runIn(t, dir, "check", "--format", "json")
	var got struct {
		Diagnostics []struct{ Code string }
		Unparsed    []struct {
			Path         string
			Line, Column int
		}
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil || code != exitFindings || len(got.Diagnostics) != 1 || len(got.Unparsed) != 2 ||
		got.Unparsed[0].Path != "lib/shop/also_broken.ex" || got.Unparsed[0].Line != 2 || got.Unparsed[0].Column != 8 ||
		got.Unparsed[1] != struct {
			Path         string
			Line, Column int
		}{"lib/shop/broken.ex", 9, 1} {
		t.Fatalf("json: exit %d, %v\n%s", code, err, out)
	}

	// With no finding, the exit status is still 0: a file that does not parse is named, not failed.
	dir = writeTree(t, map[string]string{"mix.exs": mixExs, "lib/shop/application.ex": app, "lib/shop/broken.ex": broken})
	code, out, _ = runIn(t, dir, "check")
	if code != exitClean || !strings.HasPrefix(out, "lib/shop/broken.ex:9:1: syntax error") || !strings.HasSuffix(out, "\nFound 0 problems. 1 file did not parse.\n") {
		t.Fatalf("exit %d\n%s", code, out)
	}
}
