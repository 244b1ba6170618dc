package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The report is what a developer judges the rules by: per-rule tallies of Warning/Error
// findings against their verdicts, Information findings counted apart, every unjudged
// finding shown with its code, and a judged finding that is gone listed (a lost true
// positive marked).
func TestReport(t *testing.T) {
	cache := t.TempDir()
	src := filepath.Join(cache, "shop@0123456789ab", "lib")
	if err := os.MkdirAll(src, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(src, "a.ex"), []byte("defmodule A do\n  def go do\n    spawn(fn -> :ok end)\n  end\nend\n"), 0o644)
	verdicts := []verdict{
		{Repo: "shop", Path: "lib/a.ex", Line: 1, Code: "OTP003", Verdict: "FP"},
		{Repo: "shop", Path: "lib/a.ex", Line: 2, Code: "OTP009", Verdict: "TP"},
		{Repo: "shop", Path: "lib/a.ex", Line: 9, Code: "OTP009", Verdict: "TP"},  // no longer reported
		{Repo: "other", Path: "lib/b.ex", Line: 1, Code: "OTP009", Verdict: "TP"}, // repository not run
	}
	findings := []finding{
		{repo: "shop", Path: "lib/a.ex", Line: 1, Code: "OTP003", Severity: "warning"},
		{repo: "shop", Path: "lib/a.ex", Line: 2, Code: "OTP009", Severity: "error"},
		{repo: "shop", Path: "lib/a.ex", Line: 3, Code: "OTP009", Severity: "warning", Message: "spawn/1 in go/0 starts a process"},
		{repo: "shop", Path: "lib/a.ex", Line: 4, Code: "OTP009", Severity: "information"},
	}
	var out bytes.Buffer
	report(&out, findings, verdicts, map[string]bool{"shop": true}, cache, false)
	got := out.String()
	for _, want := range []string{
		"OTP003     0    1    0         0         0%     0\n",
		"OTP009     1    0    0         1       100%     1\n",
		"all        1    1    0         1        50%     1\n",
		"shop lib/a.ex:9 OTP009 (TP, )  <-- LOST TRUE POSITIVE",
		"shop\tlib/a.ex\t3\tOTP009\twarning\t?\t?\tspawn/1 in go/0 starts a process\n",
		">     3      spawn(fn -> :ok end)\n",
		"1 true positives lost",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("report lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "other lib/b.ex") {
		t.Errorf("a repository that was not run lists its verdicts as gone:\n%s", got)
	}
}

func TestReadVerdictsRejectsUnknownVerdicts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v.tsv")
	os.WriteFile(path, []byte("repo\tpath\tline\tcode\tseverity\tverdict\tcause\treason\nshop\tlib/a.ex\t3\tOTP009\twarning\tMAYBE\tR01\twhy\n"), 0o644)
	if _, err := readVerdicts(path); err == nil || !strings.Contains(err.Error(), "verdict must be TP, FP or DEB") {
		t.Fatalf("err = %v", err)
	}
}
