package server

import (
	"context"

	"go.uber.org/zap"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/config"
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/source"
	"github.com/otpls/otpls/analysis/workspace"
)

// An open document's analysis is shared by everyone who asks for the same text against the
// same index generation and config while it runs: the debounced publishing and every request (hover,
// code actions, pulled diagnostics). Each request used to run its own, and 200 hovers on a
// 2 MB document peaked at 5.3 GB. A request that is cancelled stops waiting at once, and
// the analysis itself is cancelled (it stops between two rules) when nobody waits for it
// any more.

// flight is one running analysis of a document's text seq against index generation gen
// and config cfg.
type flight struct {
	seq, gen uint64
	cfg      *config.Config
	cancel   context.CancelFunc
	waiters  int // callers waiting for it, under Server.mu; at zero it is cancelled
	done     chan struct{}
	result   analysisResult // set before done is closed
}

// analysisResult is one analysis of an open document's text.
type analysisResult struct {
	diags    []analysis.Diagnostic
	version  int32 // the client's version of the text
	seq, gen uint64
	cfg      *config.Config
	file     *source.File
	summary  *index.FileSummary // the file's, for the baseline's keys
}

// testAnalysisHooks, when set by tests, are told when an analysis of an open document
// starts, with its context (to count analyses, hold one, see it cancelled), and when a
// caller starts waiting for one. Always nil in production.
var testAnalysisHooks *analysisHooks

type analysisHooks struct {
	started func(ctx context.Context, uri string)
	waiting func(uri string)
}

// result returns the analysis of d's current text against the current index and config:
// the last one while it is current, else the one running for it, else a new one. ctx ends the
// caller's wait (with ctx's error); the analysis goes on for the others waiting for it.
func (s *Server) result(ctx context.Context, d *document) (analysisResult, error) {
	var snap *index.Snapshot
	for {
		s.mu.Lock()
		seq := d.seq
		s.mu.Unlock()
		// Taken after text seq's summary entered the index (didChange enters it before it
		// makes the text current), so that the analysis never pairs the text with an
		// older index; an edit in between means the same again for the newer text.
		snap = s.ws.Snapshot()
		s.mu.Lock()
		if d.seq == seq {
			break
		}
		s.mu.Unlock()
	}
	if r := d.result; d.hasResult && r.seq == d.seq && r.gen == snap.Generation && r.cfg == s.cfg {
		s.mu.Unlock()
		return r, nil
	}
	f := d.flight
	if f == nil || f.seq != d.seq || f.gen != snap.Generation || f.cfg != s.cfg {
		f = s.startFlight(d, snap)
	}
	f.waiters++
	s.mu.Unlock()
	if testAnalysisHooks != nil {
		testAnalysisHooks.waiting(d.uri)
	}
	select {
	case <-f.done:
		return f.result, nil
	case <-ctx.Done():
		s.mu.Lock()
		f.waiters--
		if f.waiters == 0 {
			f.cancel()
			if d.flight == f {
				d.flight = nil // whoever asks next starts afresh
			}
		}
		s.mu.Unlock()
		return analysisResult{}, ctx.Err()
	}
}

// startFlight starts analysing d's current text against snap. The caller holds s.mu.
func (s *Server) startFlight(d *document, snap *index.Snapshot) *flight {
	ctx, cancel := context.WithCancel(context.Background())
	entry, version, cfg := d.entry, d.version, s.cfg
	f := &flight{seq: d.seq, gen: snap.Generation, cfg: cfg, cancel: cancel, done: make(chan struct{})}
	d.flight = f
	go func() {
		defer close(f.done)
		defer cancel()
		if testAnalysisHooks != nil {
			testAnalysisHooks.started(ctx, d.uri)
		}
		var diags []analysis.Diagnostic
		defer leanFor(len(entry.File.Text))()
		panicked := s.safely("analysis", func() {
			diags = entry.Analyze(snap, workspace.RunOptions{Config: cfg, Analyzers: s.analyzers, Context: ctx,
				OnPanic: func(code string, r any, stack []byte) {
					s.log.Error("rule panicked", zap.String("rule", code), zap.String("uri", d.uri), zap.Any("panic", r), zap.ByteString("stack", stack))
				},
			})
		})
		f.result = analysisResult{diags: diags, version: version, seq: f.seq, gen: f.gen, cfg: cfg, file: entry.File, summary: entry.Summary}
		s.mu.Lock()
		defer s.mu.Unlock()
		if d.flight == f {
			d.flight = nil
		}
		// Kept for the next asker unless cancelled (partial) or older than what is kept.
		newer := !d.hasResult || f.seq > d.result.seq || f.seq == d.result.seq && f.gen >= d.result.gen
		if ctx.Err() == nil && !panicked && newer {
			d.result, d.hasResult = f.result, true
		}
	}()
	return f
}
