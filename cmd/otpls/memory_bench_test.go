package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/otpls/otpls/analysis/benchcorpus"
	"github.com/otpls/otpls/analysis/rules/all"
)

// BenchmarkCheckMemory measures `otpls check`'s peak memory (the resident set's high-water
// mark, tree-sitter's C memory included) per byte of source, each in a process of its own
// (this test binary run as otpls, see TestMain): on the generated 100k-line corpus as check
// runs it (it keeps every file's tree between its steps below checkTreeBudget, and the
// corpus is below it), on the same corpus with the trees dropped and every file parsed a
// second time for its rules (what check does past checkTreeBudget), with that mode's CPU
// time over the first's, and on one 5 MB GenServer module (max_file_size raised to let it
// be parsed). The figures include the process's fixed cost, also reported (a one-line
// project). The target is 30 bytes per source byte.
func BenchmarkCheckMemory(b *testing.B) {
	dir := b.TempDir()
	corpusDir := filepath.Join(dir, "corpus")
	_, corpusBytes, err := benchcorpus.Generate(corpusDir, 100_000, 1)
	if err != nil {
		b.Fatal(err)
	}
	single := filepath.Join(dir, "single")
	module := benchcorpus.GenServerModule("Big.Server", 173_000, 1) // about 5 MB
	writeFiles(b, single, map[string][]byte{"lib/big.ex": module, ".otpls.exs": []byte("[max_file_size: 16_000_000]")})
	tiny := filepath.Join(dir, "tiny")
	writeFiles(b, tiny, map[string][]byte{"lib/a.ex": []byte("defmodule A do\nend\n")})
	var kept, dropped, one, base measured
	for i := 0; i < b.N; i++ {
		base = measure(b, tiny, "")
		kept = measure(b, corpusDir, "")
		dropped = measure(b, corpusDir, "1")
		one = measure(b, single, "")
	}
	b.ReportMetric(float64(kept.peak)/float64(corpusBytes), "corpus-peak-B/source-B")
	b.ReportMetric(float64(dropped.peak)/float64(corpusBytes), "corpus-trees-dropped-peak-B/source-B")
	b.ReportMetric(dropped.cpu/kept.cpu, "trees-dropped/kept-CPU")
	b.ReportMetric(float64(one.peak)/float64(len(module)), "5MB-file-peak-B/source-B")
	b.ReportMetric(float64(base.peak)/1e6, "fixed-MB")
	b.ReportMetric(float64(corpusBytes)/1e6, "corpus-MB")
	b.ReportMetric(0, "ns/op")
}

// measured is one run's peak resident memory in bytes and its CPU seconds.
type measured struct {
	peak int64
	cpu  float64
}

// measure runs `otpls check dir` in a process of its own; treeBudget, when not "", sets
// check's tree budget there (OTPLS_TEST_TREE_BUDGET). The peak is the one the process
// reads of itself as it exits (VmHWM): the rusage of a child counts the parent's resident
// set at the fork as the child's.
func measure(b *testing.B, dir, treeBudget string) measured {
	b.Helper()
	peakFile := filepath.Join(b.TempDir(), "peak")
	cmd := exec.Command(os.Args[0], "check", dir)
	cmd.Env = append(os.Environ(), "OTPLS_TEST_MAIN=1", "OTPLS_TEST_TREE_BUDGET="+treeBudget, "OTPLS_TEST_PEAK_FILE="+peakFile)
	if err := cmd.Run(); err != nil {
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() > exitFindings {
			b.Fatalf("check %s: %v", dir, err)
		}
	}
	data, err := os.ReadFile(peakFile)
	if err != nil {
		b.Fatal(err)
	}
	kb, err := strconv.ParseInt(string(data), 10, 64)
	if err != nil {
		b.Fatal(err)
	}
	return measured{peak: kb * 1024, cpu: (cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()).Seconds()}
}

// childMain runs otpls in a child process of a test, with the settings of its environment.
func childMain() int {
	treeBudgetFromEnv()
	code := run(all.Analyzers, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	if p := os.Getenv("OTPLS_TEST_PEAK_FILE"); p != "" {
		status, _ := os.ReadFile("/proc/self/status")
		for _, line := range strings.Split(string(status), "\n") {
			if kb, ok := strings.CutPrefix(line, "VmHWM:"); ok {
				os.WriteFile(p, []byte(strings.TrimSpace(strings.TrimSuffix(kb, "kB"))), 0o644)
			}
		}
	}
	return code
}

func writeFiles(b *testing.B, dir string, files map[string][]byte) {
	b.Helper()
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
}

// treeBudgetFromEnv sets checkTreeBudget from OTPLS_TEST_TREE_BUDGET, for the child
// processes of BenchmarkCheckMemory.
func treeBudgetFromEnv() {
	if v := os.Getenv("OTPLS_TEST_TREE_BUDGET"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			panic(err)
		}
		checkTreeBudget = n
	}
}

// Past its tree budget check drops each tree after the summary and parses the file again
// for its rules: it prints the same findings.
func TestCheckPastTheTreeBudget(t *testing.T) {
	dir := writeTree(t, map[string]string{"mix.exs": mixExs, "lib/shop/application.ex": app, "lib/shop/mailer.ex": mailer})
	code, want, _ := runIn(t, dir, "check", "--format", "json")
	defer func(b int64) { checkTreeBudget = b }(checkTreeBudget)
	checkTreeBudget = 1
	if code2, got, _ := runIn(t, dir, "check", "--format", "json"); code2 != code || got != want || !strings.Contains(got, "OTP009") {
		t.Errorf("trees dropped: exit %d\n%s\nwant exit %d\n%s", code2, got, code, want)
	}
}
