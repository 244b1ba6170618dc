package benchcorpus

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestDeterministicAndSized(t *testing.T) {
	a, b := Files(100_000, 1), Files(100_000, 1)
	if len(a) != len(b) {
		t.Fatal("same seed, different file count")
	}
	lines := 0
	for i := range a {
		if a[i].Path != b[i].Path || !bytes.Equal(a[i].Content, b[i].Content) {
			t.Fatalf("same seed, different %s", a[i].Path)
		}
		if len(a[i].Content) == 0 {
			t.Fatalf("%s is empty", a[i].Path)
		}
		lines += bytes.Count(a[i].Content, []byte("\n"))
	}
	if lines < 100_000 {
		t.Fatalf("%d lines, want >= 100000", lines)
	}
	c := Files(100_000, 2)
	same := len(a) == len(c)
	for i := 0; same && i < len(a); i++ {
		same = bytes.Equal(a[i].Content, c[i].Content)
	}
	if same {
		t.Fatal("different seeds gave the same corpus")
	}
	codes := map[string]int{}
	for _, p := range Manifest(100_000, 1) {
		codes[p.Code]++
	}
	for _, code := range []string{"OTP003", "OTP007", "OTP008", "OTP009", "OTP010"} {
		if codes[code] == 0 {
			t.Errorf("no %s planted", code)
		}
	}
}

// The generated code is real Elixir: it compiles.
func TestCompiles(t *testing.T) {
	elixirc, err := exec.LookPath("elixirc")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("elixirc is required under CI")
		}
		t.Skip("elixirc not on PATH")
	}
	dir := t.TempDir()
	paths, _, err := Generate(filepath.Join(dir, "src"), 3_000, 7)
	if err != nil {
		t.Fatal(err)
	}
	var srcs []string
	for _, p := range paths {
		if strings.HasSuffix(p, ".ex") {
			srcs = append(srcs, p)
		}
	}
	out, err := exec.Command(elixirc, append([]string{"-o", filepath.Join(dir, "ebin")}, srcs...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("elixirc: %v\n%s", err, out)
	}
}

func TestGenServerModule(t *testing.T) {
	m := GenServerModule("Bench.Big", 2000, 1)
	if n := bytes.Count(m, []byte("\n")); n < 1990 || n > 2030 {
		t.Fatalf("%d lines", n)
	}
}

// TestSessionModule: the session module is about the size asked, and AttributeLine is its
// `@timeout` attribute, which the big-workspace benchmark types at the end of.
func TestSessionModule(t *testing.T) {
	text := string(SessionModule("Corpus.Live.Session", 3500, 1))
	lines := strings.Split(text, "\n")
	if len(lines) < 3500 || len(lines) > 3600 {
		t.Errorf("%d lines, want about 3500", len(lines))
	}
	if got := lines[AttributeLine]; got != "  @timeout 30_000" {
		t.Errorf("line %d is %q, want the @timeout attribute", AttributeLine, got)
	}
}
