package workspace_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/config"
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/source"
	"github.com/otpls/otpls/analysis/workspace"
)

// A hostile workspace, for real: a project reached through a symlinked directory, file
// symlinks leading inside and outside it, a dangling one, a named pipe and a device with
// Elixir names. Returns the project's real directory, the link to it and the directory
// outside it.
func hostileTree(t *testing.T) (real, link, outside string) {
	t.Helper()
	base := t.TempDir()
	real, link, outside = filepath.Join(base, "real"), filepath.Join(base, "link"), filepath.Join(base, "outside")
	write(t, real, "lib/a.ex", "defmodule A do\nend\n")
	write(t, real, "deps/dep/lib/shared.ex", "defmodule Shared do\nend\n")
	write(t, outside, "secret.ex", "defmodule Secret do\nend\n")
	for name, target := range map[string]string{
		"lib/inside.ex":   filepath.Join("..", "deps", "dep", "lib", "shared.ex"), // relative, inside
		"lib/outside.ex":  filepath.Join(outside, "secret.ex"),
		"lib/passwd.ex":   "/etc/passwd",
		"lib/zero.ex":     "/dev/zero",
		"lib/dangling.ex": filepath.Join(real, "nowhere.ex"),
	} {
		if err := os.Symlink(target, filepath.Join(real, name)); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(real, "lib", "pipe.ex"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	return real, link, outside
}

// The walker reads a project through a symlinked root, under the names given, follows
// file links that stay inside the workspace and skips, with a reason, every other entry
// that is not a regular file inside it. Nothing is opened: the pipe would block.
func TestDiscoverHostileTree(t *testing.T) {
	real, link, outside := hostileTree(t)
	for _, root := range []string{link, real} {
		var skipped []string
		files, err := workspace.Discover(root, []string{root}, nil, func(p string, err error) {
			skipped = append(skipped, strings.TrimPrefix(p, root+"/")+": "+err.Error())
		})
		if err != nil {
			t.Fatal(err)
		}
		if got := rels(root, files); got != "lib/a.ex lib/inside.ex" {
			t.Errorf("root %s: files = %s", root, got)
		}
		want := "lib/dangling.ex: dangling symlink|" +
			"lib/outside.ex: symlink leads outside the workspace (to " + outside + "/secret.ex)|" +
			"lib/passwd.ex: symlink leads outside the workspace (to /etc/passwd)|" +
			"lib/pipe.ex: not a regular file (a named pipe)|" +
			"lib/zero.ex: symlink leads outside the workspace (to /dev/zero)"
		if got := strings.Join(skipped, "|"); got != want {
			t.Errorf("root %s: skipped\n%s\nwant\n%s", root, got, want)
		}
	}
	// A file symlink named on the command line is what the user asked for: it is read
	// where it leads. A pipe named there is skipped, never opened.
	var skipped []string
	files, err := workspace.Discover(link, []string{filepath.Join(link, "lib/outside.ex"), filepath.Join(link, "lib/pipe.ex")}, nil, func(p string, err error) {
		skipped = append(skipped, filepath.Base(p)+": "+err.Error())
	})
	if err != nil || rels(link, files) != "lib/outside.ex" || strings.Join(skipped, "|") != "pipe.ex: not a regular file (a named pipe)" {
		t.Errorf("named files: %s, skipped %v, %v", rels(link, files), skipped, err)
	}
}

// ReadSource reads a regular file inside the roots, at most maxBytes of it, and refuses
// everything else with a reason, without opening what is not a regular file.
func TestReadSource(t *testing.T) {
	real, link, outside := hostileTree(t)
	if err := syscall.Mknod(filepath.Join(real, "lib", "null.ex"), syscall.S_IFCHR|0o666, 1<<8|3); err != nil {
		t.Logf("no device node (not root?): %v", err)
	}
	write(t, real, "lib/big.ex", strings.Repeat("x", 101))
	if err := os.Mkdir(filepath.Join(real, "lib", "dir.ex"), 0o755); err != nil {
		t.Fatal(err)
	}
	cases := []struct{ roots, path, want string }{
		{link, "lib/a.ex", "defmodule A do\nend\n"},
		{real, "lib/a.ex", "defmodule A do\nend\n"},
		{link, "lib/inside.ex", "defmodule Shared do\nend\n"},
		{link, "lib/outside.ex", "error: symlink leads outside the workspace (to " + outside + "/secret.ex)"},
		{link, "lib/passwd.ex", "error: symlink leads outside the workspace (to /etc/passwd)"},
		{link, "lib/zero.ex", "error: symlink leads outside the workspace (to /dev/zero)"},
		{link, "lib/dangling.ex", "error: dangling symlink"},
		{link, "lib/pipe.ex", "error: not a regular file (a named pipe)"},
		{link, "lib/dir.ex", "error: not a regular file (a directory)"},
		{link, "lib/gone.ex", "error: no such file or directory"},
		{link, "lib/big.ex", "error: 101 bytes, over the 100-byte limit (max_file_size)"},
		{"/", "/dev/zero", "error: not a regular file (a device)"},
		{"/dev/zero", "/dev/zero", "error: not a regular file (a device)"},
		{link + "/lib/outside.ex", "lib/outside.ex", "defmodule Secret do\nend\n"}, // a file root: read as named
	}
	if _, err := os.Lstat(filepath.Join(real, "lib", "null.ex")); err == nil {
		cases = append(cases, struct{ roots, path, want string }{link, "lib/null.ex", "error: not a regular file (a device)"})
	}
	for _, c := range cases {
		path := c.path
		if !filepath.IsAbs(path) {
			path = filepath.Join(link, path)
		}
		got, err := workspace.ReadSource([]string{c.roots}, path, 100)
		if err != nil {
			got = "error: " + err.Error()
		}
		if got != c.want {
			t.Errorf("ReadSource(%s, %s) = %q, want %q", c.roots, c.path, got, c.want)
		}
	}
	var tooLarge *workspace.TooLargeError
	if _, err := workspace.ReadSource([]string{real}, filepath.Join(real, "lib/big.ex"), 100); !errors.As(err, &tooLarge) || tooLarge.Size != 101 || tooLarge.Max != 100 {
		t.Errorf("too large: %v", err)
	}
}

// A file swapped, between the checks and the opening, for a named pipe (reading it would
// block), a symlink out of the workspace or a hard link to a file outside is not read: it is opened without
// blocking and without following a link, and checked again once open.
func TestReadSourceSwappedFile(t *testing.T) {
	real, _, outside := hostileTree(t)
	path := filepath.Join(real, "lib", "a.ex")
	swaps := map[string]func() error{
		"named pipe": func() error { return syscall.Mkfifo(path, 0o644) },
		"symlink":    func() error { return os.Symlink(filepath.Join(outside, "secret.ex"), path) },
		// A hard link to a file outside is a regular file like any other, but not the
		// one checked.
		"hard link": func() error { return os.Link(filepath.Join(outside, "secret.ex"), path) },
	}
	for name, swap := range swaps {
		write(t, real, "lib/a.ex", "defmodule A do\nend\n")
		swapped := 0
		restore := workspace.SetBeforeOpen(func(string) {
			swapped++
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
			if err := swap(); err != nil {
				t.Fatal(err)
			}
		})
		text, err := workspace.ReadSource([]string{real}, path, 1<<20)
		restore()
		if swapped != 1 || !errors.Is(err, workspace.ErrChanged) {
			t.Errorf("%s swapped in: %q, %v (swapped %d times), want %v", name, text, err, swapped, workspace.ErrChanged)
		}
		os.Remove(path)
	}
}

// A file listed by the walker that vanishes before it is read is reported as not
// analysed, with the reason; the others are analysed.
func TestAnalyzeSkipsVanishedFile(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "lib/a.ex", "defmodule A do\n  def go, do: spawn(fn -> :ok end)\nend\n")
	gone := write(t, dir, "lib/gone.ex", "defmodule Gone do\nend\n")
	files, err := workspace.Discover(dir, []string{dir}, nil, nil)
	if err != nil || len(files) != 2 {
		t.Fatalf("files %v, %v", files, err)
	}
	if err := os.Remove(gone); err != nil {
		t.Fatal(err)
	}
	res := workspace.Analyze(files, workspace.Options{Roots: []string{dir}})
	if err := res.Errors[gone]; len(res.Errors) != 1 || err == nil || err.Error() != "no such file or directory" {
		t.Errorf("errors = %v", res.Errors)
	}
	if ds := res.Diagnostics[filepath.Join(dir, "lib/a.ex")]; len(ds) != 1 || ds[0].Code != "OTP009" {
		t.Errorf("a.ex: %v", ds)
	}
}

// Past its TreeBudget a run drops the text of a file read from disk with its tree, and
// reads the file again for its rules: a file edited between the two reads is reported as
// not analysed, with the reason, rather than analysed against a summary of other text.
func TestTreeBudgetReadsFilesAgain(t *testing.T) {
	dir := t.TempDir()
	a := write(t, dir, "lib/a.ex", "defmodule A do\n  def go, do: spawn(fn -> :ok end)\nend\n")
	b := write(t, dir, "lib/b.ex", "defmodule B do\n  def go, do: spawn(fn -> :ok end)\nend\n")
	opens := map[string]int{}
	var mu sync.Mutex
	restore := workspace.SetBeforeOpen(func(real string) {
		mu.Lock()
		defer mu.Unlock()
		opens[filepath.Base(real)]++
		if filepath.Base(real) == "b.ex" && opens["b.ex"] == 2 {
			if err := os.WriteFile(real, []byte("defmodule B do\nend\n"), 0o644); err != nil {
				t.Error(err)
			}
		}
	})
	defer restore()
	res := workspace.Analyze([]string{a, b}, workspace.Options{Roots: []string{dir}, TreeBudget: 1})
	if opens["a.ex"] != 2 || opens["b.ex"] != 2 {
		t.Errorf("opens: %v, want each file read twice", opens)
	}
	if ds := res.Diagnostics[a]; len(ds) != 1 || ds[0].Code != "OTP009" {
		t.Errorf("a.ex: %v", ds)
	}
	if err := res.Errors[b]; !errors.Is(err, workspace.ErrChanged) || len(res.Errors) != 1 {
		t.Errorf("errors = %v, want b.ex's %v", res.Errors, workspace.ErrChanged)
	}
	if _, ok := res.Diagnostics[b]; ok {
		t.Errorf("b.ex analysed: %v", res.Diagnostics[b])
	}
	// Within the budget each file is read once.
	clear(opens)
	write(t, dir, "lib/b.ex", "defmodule B do\nend\n")
	res = workspace.Analyze([]string{a, b}, workspace.Options{Roots: []string{dir}})
	if opens["a.ex"] != 1 || opens["b.ex"] != 1 || len(res.Errors) != 0 {
		t.Errorf("opens: %v, errors %v; want each file read once", opens, res.Errors)
	}
}

// A file over the size limit is not parsed: it is indexed by name only (its modules are
// unknown to the others) and its one finding, an Information, says why; a text given to
// the batch (the fix loop's) is held to the same limit, and so is an entry analysed on
// its own (a document open in the editor).
func TestFileTooLarge(t *testing.T) {
	dir := t.TempDir()
	big := write(t, dir, "lib/big.ex", "defmodule Big do\n  def go, do: spawn(fn -> :ok end)\nend\n"+strings.Repeat("# padding\n", 20))
	small := write(t, dir, "lib/small.ex", "defmodule Small do\n  def go, do: spawn(fn -> :ok end)\nend\n")
	cfg, problems := config.Parse(".otpls.exs", "[max_file_size: 100]")
	if len(problems) != 0 {
		t.Fatal(problems)
	}
	res := workspace.Analyze([]string{big, small}, workspace.Options{Config: cfg, Roots: []string{dir}})
	want := "OTP093 file-too-large information 0:0 not analysed: the file is 256 bytes, over the 100-byte limit (max_file_size in .otpls.exs or the editor settings)"
	if got := describe(res.Diagnostics[big]); got != want {
		t.Errorf("big: %s\nwant %s", got, want)
	}
	if ds := res.Diagnostics[small]; len(ds) != 1 || ds[0].Code != "OTP009" {
		t.Errorf("small: %v", ds)
	}
	if _, parsed := res.Files[big]; parsed || res.Index.Module("Big") != nil || res.Index.Module("Small") == nil || len(res.Errors) != 0 {
		t.Errorf("big parsed %v, modules Big %v, Small %v, errors %v", parsed, res.Index.Module("Big"), res.Index.Module("Small"), res.Errors)
	}
	// The fix loop's texts.
	res = workspace.Analyze([]string{small}, workspace.Options{Config: cfg, Texts: map[string]string{small: strings.Repeat("x", 101)}})
	if got := describe(res.Diagnostics[small]); !strings.HasPrefix(got, "OTP093 file-too-large information 0:0 not analysed: the file is 101 bytes, over the 100-byte limit") {
		t.Errorf("text: %s", got)
	}
	// One entry: a document opened in the editor, or a file the server indexes.
	ws := index.NewWorkspace(allFacts...)
	doc := workspace.OpenDocument(ws, big, strings.Repeat("x", 101), cfg.FileSizeLimit())
	defer doc.Close()
	if got := describe(doc.Entry().Analyze(ws.Snapshot(), workspace.RunOptions{Config: cfg})); !strings.HasPrefix(got, "OTP093 file-too-large information 0:0 not analysed: the file is 101 bytes") {
		t.Errorf("document: %s", got)
	}
	doc.Close()
	testDocumentOverTheLimit(t, cfg)
	_, err := workspace.ReadSource([]string{dir}, big, cfg.FileSizeLimit())
	var tooLarge *workspace.TooLargeError
	if !errors.As(err, &tooLarge) {
		t.Fatalf("ReadSource: %v", err)
	}
	e := workspace.TooLargeEntry(big, tooLarge)
	ws.Update(e.Summary)
	if got := describe(e.Analyze(ws.Snapshot(), workspace.RunOptions{Config: cfg})); got != want || ws.Snapshot().Module("Big") != nil {
		t.Errorf("TooLargeEntry: %s", got)
	}
}

// describe is diagnostics one per line: code, rule, severity, start, message.
func describe(ds []analysis.Diagnostic) string {
	var out []string
	for _, d := range ds {
		out = append(out, fmt.Sprintf("%s %s %s %d:%d %s", d.Code, d.Rule, d.Severity, d.Range.Start.Line, d.Range.Start.Character, d.Message))
	}
	return strings.Join(out, "\n")
}

// A document the editor opens over the limit is not parsed either: indexed by name only
// until an edit brings it within the limit, when it is parsed and its findings come;
// an edit taking it over again drops its tree, and so does a lower limit (the setting
// changed) while a higher one parses it.
func testDocumentOverTheLimit(t *testing.T, cfg *config.Config) {
	ws := index.NewWorkspace(allFacts...)
	module := "defmodule Big do\n  def go, do: spawn(fn -> :ok end)\nend\n"
	padding := strings.Repeat("#", 60) + "\n"
	doc := workspace.OpenDocument(ws, "/p/lib/big.ex", module+padding, cfg.FileSizeLimit())
	defer doc.Close()
	analyse := func(e workspace.Entry) string {
		return describe(e.Analyze(ws.Snapshot(), workspace.RunOptions{Config: cfg}))
	}
	raised, problems := config.Parse(".otpls.exs", "[max_file_size: 1000]")
	if len(problems) != 0 {
		t.Fatal(problems)
	}
	over := "OTP093 file-too-large information 0:0 not analysed: the file is 117 bytes, over the 100-byte limit"
	if got := analyse(doc.Entry()); !strings.HasPrefix(got, over) || ws.Snapshot().Module("Big") != nil || len(doc.Entry().File.Forms) != 0 {
		t.Errorf("opened over the limit: %s; Big indexed %v, forms %d", got, ws.Snapshot().Module("Big") != nil, len(doc.Entry().File.Forms))
	}
	// Deleting the padding line: 55 bytes.
	cut := source.Change{Range: &source.Range{Start: source.Position{Line: 3}, End: source.Position{Line: 4}}}
	e, err := doc.Apply(ws, []source.Change{cut})
	if got := analyse(e); err != nil || !strings.HasPrefix(got, "OTP009") || ws.Snapshot().Module("Big") == nil {
		t.Errorf("edited within the limit: %s (%v); Big indexed %v", got, err, ws.Snapshot().Module("Big") != nil)
	}
	paste := source.Change{Range: &source.Range{Start: source.Position{Line: 3}, End: source.Position{Line: 3}}, Text: padding}
	if e, _ = doc.Apply(ws, []source.Change{paste}); !strings.HasPrefix(analyse(e), over) || ws.Snapshot().Module("Big") != nil {
		t.Errorf("edited over the limit again: %s; Big indexed %v", analyse(e), ws.Snapshot().Module("Big") != nil)
	}
	if e.File.Text != module+padding {
		t.Errorf("the text over the limit is %q, want %q", e.File.Text, module+padding)
	}
	if e, changed := doc.SetLimit(ws, raised.FileSizeLimit()); !changed || ws.Snapshot().Module("Big") == nil ||
		!strings.HasPrefix(describe(e.Analyze(ws.Snapshot(), workspace.RunOptions{Config: raised})), "OTP009") {
		t.Errorf("limit raised: changed %v, forms %d; Big indexed %v", changed, len(e.File.Forms), ws.Snapshot().Module("Big") != nil)
	}
	if _, changed := doc.SetLimit(ws, 2000); changed {
		t.Error("a limit raised further changed the entry")
	}
	if e, changed := doc.SetLimit(ws, 100); !changed || !strings.HasPrefix(analyse(e), over) || ws.Snapshot().Module("Big") != nil {
		t.Errorf("limit lowered: changed %v, %s; Big indexed %v", changed, analyse(e), ws.Snapshot().Module("Big") != nil)
	}
}

// A directory of the file's path swapped for a symlink between the checks and the
// opening is not followed, even where the link leads to a file of the same name: the open
// refuses the link (openat2), or the identity check after it refuses the other file.
func TestReadSourceSwappedDirectory(t *testing.T) {
	real, _, outside := hostileTree(t)
	write(t, outside, "lib/a.ex", "defmodule Outside do\nend\n")
	lib := filepath.Join(real, "lib")
	swapped := 0
	restore := workspace.SetBeforeOpen(func(string) {
		swapped++
		if err := os.Rename(lib, lib+".old"); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(filepath.Join(outside, "lib"), lib); err != nil {
			t.Fatal(err)
		}
	})
	text, err := workspace.ReadSource([]string{real}, filepath.Join(lib, "a.ex"), 1<<20)
	restore()
	if swapped != 1 || !errors.Is(err, workspace.ErrChanged) {
		t.Errorf("directory swapped for a link outside: %q, %v (swapped %d times), want %v", text, err, swapped, workspace.ErrChanged)
	}
}

// check resolves each directory once, and reads every file of it at that real path: a
// directory replaced by a link to a copy outside the workspace once resolved is not read
// through, for any of its files (each is skipped, as changed), where the kernel refuses
// links in a whole path on open (openat2, Linux 5.6). Elsewhere every file's path is
// resolved in full, and the second file is skipped as leading outside the workspace.
func TestAnalyzeDirectorySwappedDuringTheRun(t *testing.T) {
	real, _, outside := hostileTree(t)
	write(t, real, "lib/b.ex", "defmodule B do\nend\n")
	write(t, outside, "lib/a.ex", "defmodule OutsideA do\n  def go, do: spawn(fn -> :ok end)\nend\n")
	write(t, outside, "lib/b.ex", "defmodule OutsideB do\n  def go, do: spawn(fn -> :ok end)\nend\n")
	lib := filepath.Join(real, "lib")
	files := []string{filepath.Join(lib, "a.ex"), filepath.Join(lib, "b.ex")}
	swapped := 0
	restore := workspace.SetBeforeOpen(func(string) {
		if swapped++; swapped > 1 {
			return
		}
		// After the first file's checks, with lib/ resolved: lib becomes a link outside.
		if err := os.Rename(lib, lib+".old"); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(filepath.Join(outside, "lib"), lib); err != nil {
			t.Fatal(err)
		}
	})
	res := workspace.Analyze(files, workspace.Options{Roots: []string{real}, Parallelism: 1, KeepTexts: true})
	restore()
	for i, f := range files {
		want := workspace.ErrChanged
		if i == 1 && !workspace.NoSymlinkOpens() {
			want = workspace.ErrOutsideRoots
		}
		if err := res.Errors[f]; !errors.Is(err, want) {
			t.Errorf("%s: error %v, want %v", f, err, want)
		}
		if text := res.Texts[f]; strings.Contains(text, "Outside") {
			t.Errorf("%s: read outside the workspace: %q", f, text)
		}
		if d := res.Diagnostics[f]; len(d) > 0 {
			t.Errorf("%s: findings from a file outside the workspace: %v", f, d)
		}
	}
}
