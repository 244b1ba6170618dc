package all_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/rules/all"
	"github.com/otpls/otpls/analysis/rules/ruletest"
	"github.com/otpls/otpls/analysis/source"
	"github.com/otpls/otpls/analysis/workspace"
)

// The language server runs a document's rules on several goroutines at once
// (analysis.Input.Workers); a batch run runs them one after another. On every fixture
// workspace of every rule, both give the same diagnostics in the same order: codes,
// ranges, severities, messages, related places and fix edits. `make test` runs this under
// the race detector too, which is what finds a rule or a shared table that is not safe to
// share between the rules of one file.
func TestRulesRunConcurrentlyAsInTurn(t *testing.T) {
	compared := 0
	for _, a := range all.Analyzers {
		for _, c := range ruletest.Cases(t, a.Code) {
			cfg, _, err := workspace.LoadConfig(c.Dir, "")
			if err != nil {
				t.Fatal(err)
			}
			res := workspace.Analyze(c.Files, workspace.Options{Config: cfg})
			for _, path := range c.Files {
				f := res.Files[path]
				in := analysis.Input{File: f, Summary: res.Index.File(path), Index: res.Index, Config: cfg,
					OnPanic: func(code string, r any, _ []byte) { t.Errorf("%s: %s panicked: %v", path, code, r) }}
				inTurn := render(f, analysis.Run(in))
				in.Workers = 8
				if together := render(f, analysis.Run(in)); together != inTurn {
					t.Errorf("%s/%s: rules run concurrently report\n%s\nin turn\n%s", a.Code, c.Name, together, inTurn)
				}
				compared++
			}
		}
	}
	if compared < 100 {
		t.Fatalf("only %d fixture files compared", compared)
	}
}

// A cancelled analysis stops between rules and returns nil, with workers as without.
func TestConcurrentRulesStopWhenCancelled(t *testing.T) {
	f := source.Parse("lib/w.ex", spawnModule)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, workers := range []int{1, 4} {
		if diags := analysis.Run(analysis.Input{File: f, Context: ctx, Workers: workers}); diags != nil {
			t.Errorf("workers %d: a cancelled run reported %v", workers, codes(diags))
		}
	}
	if diags := analysis.Run(analysis.Input{File: f, Workers: 4}); !strings.Contains(codes(diags), "OTP009") {
		t.Errorf("workers 4: the spawn is not reported: %s", codes(diags))
	}
}

// render is everything a user sees of diags, one line each.
func render(f *source.File, diags []analysis.Diagnostic) string {
	var b strings.Builder
	for _, d := range diags {
		fmt.Fprintf(&b, "%s %v %d-%d %q", d.Code, d.Severity, d.Start, d.End, d.Message)
		for _, r := range d.Related {
			fmt.Fprintf(&b, " related %s:%d-%d %q", r.Loc.Path, r.Loc.Start, r.Loc.End, r.Message)
		}
		for _, fx := range d.Fixes {
			fmt.Fprintf(&b, " fix %q safe=%v", fx.Title, fx.Safe)
			for _, e := range fx.Edits {
				fmt.Fprintf(&b, " [%s %d-%d %q]", e.Path, e.Start, e.End, e.NewText)
			}
		}
		b.WriteByte('\n')
	}
	return b.String()
}
