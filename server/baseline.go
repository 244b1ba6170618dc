package server

import (
	"context"
	"path/filepath"

	"go.lsp.dev/protocol"
	"go.uber.org/zap"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/baseline"
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/workspace"
)

// baselineState is the baseline the settings name (`baseline`, a path relative to the
// first workspace root, the file `otpls check --baseline` reads) and how its findings
// are shown (`baselineFindings`: "hint", the default, or "hide").
type baselineState struct {
	path string // absolute; "" when no baseline is set
	b    *baseline.Baseline
	hide bool
	// watched is the path a file watcher was registered for.
	watched string
}

// loadBaseline reads the baseline the settings name. It is read as any workspace file is
// (workspace.ReadSource: a regular file inside the roots, symlinks resolved, bounded): a
// setting leading outside the workspace, or a file that cannot be read or parsed, is
// logged and leaves no baseline. The caller holds configMu.
func (s *Server) loadBaseline(settings map[string]any, roots []string) {
	var next baselineState
	rel, _ := settings["baseline"].(string)
	switch mode, _ := settings["baselineFindings"].(string); mode {
	case "", "hint":
	case "hide":
		next.hide = true
	default:
		s.log.Warn("invalid setting", zap.String("problem", `baselineFindings must be "hint" or "hide", not "`+mode+`"`))
	}
	if rel != "" && len(roots) > 0 {
		// Join, not IsAbs: even "/etc/x" names a file below the root, and ReadSource
		// refuses what ".." or a symlink leads out of it.
		next.path = filepath.Join(roots[0], rel)
		text, err := workspace.ReadSource(roots, next.path, baseline.MaxSize)
		if err == nil {
			next.b, err = baseline.Parse([]byte(text))
		}
		if err != nil {
			s.log.Warn("baseline not read", zap.String("path", next.path), zap.Error(err))
		}
	}
	s.mu.Lock()
	next.watched = s.baseline.watched
	s.baseline = next
	s.mu.Unlock()
}

// isBaselineFile reports whether path is the baseline the settings name.
func (s *Server) isBaselineFile(path string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.baseline.path != "" && s.baseline.path == path
}

// watchBaseline asks a client that registers watchers dynamically to watch the baseline
// file, once per path (called once the client is initialized): a baseline rewritten by `otpls check --update-baseline` is then
// read again.
func (s *Server) watchBaseline(ctx context.Context) {
	s.mu.Lock()
	path, dynamic := s.baseline.path, s.caps.Workspace.DidChangeWatchedFiles.DynamicRegistration
	register := dynamic && path != "" && path != s.baseline.watched
	if register {
		s.baseline.watched = path
	}
	s.mu.Unlock()
	if !register {
		return
	}
	params := protocol.RegistrationParams{Registrations: []protocol.Registration{{
		ID:     "otpls-watch-baseline:" + path,
		Method: "workspace/didChangeWatchedFiles",
		RegisterOptions: protocol.DidChangeWatchedFilesRegistrationOptions{Watchers: []protocol.FileSystemWatcher{
			// By name (the events of other files so named are ignored: isBaselineFile).
			{GlobPattern: "**/" + filepath.Base(path)},
		}},
	}}}
	if _, err := s.conn.Call(ctx, "client/registerCapability", params, nil); err != nil {
		s.log.Warn("baseline watcher registration failed", zap.Error(err))
	}
}

// withBaseline shows the findings of a file (its path, the text and summary they are of)
// that the baseline accepts as hints, or leaves them out; diags is not changed.
func (s *Server) withBaseline(path, text string, sum *index.FileSummary, diags []analysis.Diagnostic) []analysis.Diagnostic {
	s.mu.Lock()
	bs := s.baseline
	root := ""
	if len(s.roots) > 0 {
		root = s.roots[0]
	}
	s.mu.Unlock()
	if bs.b == nil || root == "" {
		return diags
	}
	rel, err := filepath.Rel(root, path)
	if err != nil || !filepath.IsLocal(rel) {
		return diags
	}
	m := bs.b.Matcher()
	out := make([]analysis.Diagnostic, 0, len(diags))
	for _, d := range diags {
		if baseline.Recordable(d) && m.Take(baseline.KeyOf(rel, text, sum, d)) {
			if bs.hide {
				continue
			}
			d.Severity = analysis.Hint
			d.Message += " (in the baseline)"
		}
		out = append(out, d)
	}
	return out
}
