package server

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/otpls/otpls/analysis"
)

// The baseline the settings name (the file `otpls check --baseline` reads) shows its
// findings as hints, or hides them with baselineFindings "hide"; it is read again when the
// watched file changes; a baseline outside the workspace (by "..", or a symlink leading
// out) is never read.
func TestBaselinedFindingsOnTheWire(t *testing.T) {
	// The key of the OTP009 finding in mailer: its file, code, enclosing function, and the
	// hash of the flagged text without whitespace (the documented format, written by hand).
	sum := sha256.Sum256([]byte("spawn(fn->deliver(order)end)"))
	accepted := fmt.Sprintf(`{"version": 1, "findings": [{"file": "lib/shop/mailer.ex", "code": "OTP009", "scope": "Shop.Mailer.send_receipt/1", "hash": "%s", "count": 1}]}`, hex.EncodeToString(sum[:8]))
	empty := `{"version": 1, "findings": []}`
	dir := project(t, map[string]string{"lib/shop/mailer.ex": mailer, "otpls-baseline.json": accepted})
	outside := filepath.Join(t.TempDir(), "outside.json")
	if err := os.WriteFile(outside, []byte(accepted), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "linked.json")); err != nil {
		t.Fatal(err)
	}
	basePath := filepath.Join(dir, "otpls-baseline.json")
	c := newTestClient(t, nil)
	c.initialize(map[string]any{"rootUri": pathToURI(dir), "capabilities": map[string]any{
		"workspace": map[string]any{"didChangeWatchedFiles": map[string]any{"dynamicRegistration": true}}},
		"initializationOptions": map[string]any{"diagnosticDelay": 0, "baseline": "otpls-baseline.json"}})
	uri := fileURI(dir, "lib/shop/mailer.ex")
	shownAs := func(severity int) func(published) bool {
		return func(p published) bool {
			if severity == 0 {
				return len(p.Diagnostics) == 0
			}
			return len(p.Diagnostics) == 1 && p.Diagnostics[0].Code == "OTP009" && p.Diagnostics[0].Severity == severity
		}
	}

	m := c.mark()
	c.open(uri, mailer)
	p := c.waitDiagnostics(m, uri, func(published) bool { return true })
	if !shownAs(int(analysis.Hint))(p) || !strings.HasSuffix(p.Diagnostics[0].Message, " (in the baseline)") || codes(p) != "OTP009@2:4-2:35" {
		t.Fatalf("baselined finding: %+v", p.Diagnostics)
	}
	c.waitAsked("client/registerCapability", "client/registerCapability") // the files, then the baseline

	m = c.mark()
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"otpls": map[string]any{
		"diagnosticDelay": 0, "baseline": "otpls-baseline.json", "baselineFindings": "hide"}}})
	c.waitDiagnostics(m, uri, shownAs(0))

	// `otpls check --update-baseline` rewrote it without the finding: shown again as itself.
	changed := func(content string, severity int) {
		t.Helper()
		if err := os.WriteFile(basePath, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		m := c.mark()
		c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []map[string]any{{"uri": pathToURI(basePath), "type": 2}}})
		c.waitDiagnostics(m, uri, shownAs(severity))
	}
	changed(empty, int(analysis.Warning))
	changed(accepted, 0)

	// Outside the workspace: not read, so the finding is a Warning again.
	rel, err := filepath.Rel(dir, outside)
	if err != nil || !strings.HasPrefix(rel, "..") {
		t.Fatalf("rel %q %v", rel, err)
	}
	for _, base := range []string{rel, "linked.json", "/" + filepath.Base(outside)} {
		m = c.mark()
		c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"otpls": map[string]any{
			"diagnosticDelay": 0, "baseline": base, "baselineFindings": "hide"}}})
		c.waitDiagnostics(m, uri, shownAs(int(analysis.Warning)))
		m = c.mark()
		c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"otpls": map[string]any{
			"diagnosticDelay": 0, "baseline": "otpls-baseline.json", "baselineFindings": "hide"}}})
		c.waitDiagnostics(m, uri, shownAs(0))
	}
}
