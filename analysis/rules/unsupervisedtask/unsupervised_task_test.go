package unsupervisedtask_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/rules/ruletest"
	"github.com/otpls/otpls/analysis/rules/unsupervisedtask"
	"github.com/otpls/otpls/analysis/workspace"
)

func TestFixtures(t *testing.T) { ruletest.Run(t, unsupervisedtask.Analyzer) }

func TestGoldensCompile(t *testing.T) { ruletest.CompileGoldens(t, "OTP009") }

// TestSeverities pins which findings are Warnings and which are Information only: a start
// whose lifecycle the code manages, or that cannot run under a supervisor, is a hint.
func TestSeverities(t *testing.T) {
	want := map[string]analysis.Severity{
		// managed/watchers.ex
		"guard/1":           analysis.Information, // monitors its captured owner
		"supervise_alone/1": analysis.Warning,     // monitors only a process of its own
		"ask/1":             analysis.Information, // the caller kills it when late
		"enforce/1":         analysis.Information, // the caller sends to it
		"announce/1":        analysis.Warning,     // the pid is only logged
		"halt_on_eof/0":     analysis.Information, // stops the VM
		"reboot_later/0":    analysis.Information, // stops it through the application
		"terminate/2":       analysis.Information, // started while shutting down
		"handle_cast/2":     analysis.Warning,     // the same fan-out from a callback
		"start/1":           analysis.Information, // Task.Beacon builds tasks itself
		"watched/1":         analysis.Information, // spawn_options: [:monitor]
		"unknown/2":         analysis.Information, // spawn_options: options not written
		"bare/1":            analysis.Warning,
		"bare_mfa/1":        analysis.Warning,
		"pick_and_forget/1": analysis.Information, // a lost task outside a process module
		"post_returning/1":  analysis.Warning,
	}
	seen := map[string]bool{}
	for _, dir := range []string{"managed", "spawn_options", "async_results", "fix_uses"} {
		root := filepath.Join(ruletest.Root(t), "testdata", "rules", "OTP009", dir)
		files, err := workspace.Discover(root, []string{root}, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		res := workspace.Analyze(files, workspace.Options{Analyzers: []*analysis.Analyzer{unsupervisedtask.Analyzer}})
		for _, diags := range res.Diagnostics {
			for _, d := range diags {
				hint := strings.Contains(d.Message, "left as a hint because")
				if hint != (d.Severity == analysis.Information) {
					t.Errorf("%s: severity %v for %q", dir, d.Severity, d.Message)
				}
				for fn, sev := range want {
					if strings.Contains(d.Message, " in "+fn+" ") {
						seen[fn] = true
						if d.Severity != sev {
							t.Errorf("%s: %s reported as %v, want %v: %s", dir, fn, d.Severity, sev, d.Message)
						}
					}
				}
			}
		}
	}
	for fn := range want {
		if !seen[fn] {
			t.Errorf("no finding in %s", fn)
		}
	}
}
