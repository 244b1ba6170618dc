package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"runtime/debug"

	"go.lsp.dev/protocol"
	"go.uber.org/zap"

	"github.com/otpls/otpls/analysis/config"
	"github.com/otpls/otpls/analysis/workspace"
	"github.com/otpls/otpls/server/gcpace"
)

// indexWorkspace summarises every Elixir file under the roots (excludes as in the CLI),
// reporting $/progress when announce is set and the client supports it, then re-analyses
// the open documents.
func (s *Server) indexWorkspace(ctx context.Context, announce bool) {
	s.mu.Lock()
	roots, exclude, progress := s.roots, s.cfg.Exclude, announce && s.caps.Window.WorkDoneProgress
	s.mu.Unlock()
	if len(roots) == 0 {
		return
	}
	var files []string
	for _, root := range roots {
		found, err := workspace.Discover(root, []string{root}, exclude, func(p string, reason error) {
			s.log.Info("skipping file", zap.String("path", p), zap.Error(reason))
		})
		if err != nil {
			s.log.Warn("cannot index workspace folder", zap.String("root", root), zap.Error(err))
			continue
		}
		files = append(files, found...)
	}
	// The params go by pointer: ProgressToken's MarshalJSON has a pointer receiver, so a
	// token inside a params value went on the wire as {} (clients keyed begin and end by
	// two different objects: Neovim reported an end without a begin).
	token := *protocol.NewProgressToken("otpls-index")
	if progress {
		if _, err := s.conn.Call(ctx, "window/workDoneProgress/create", &protocol.WorkDoneProgressCreateParams{Token: token}, nil); err != nil {
			progress = false
		}
	}
	report := func(value any) {
		if progress {
			s.conn.Notify(ctx, "$/progress", &protocol.ProgressParams{Token: token, Value: value})
		}
	}
	report(protocol.WorkDoneProgressBegin{Kind: protocol.WorkDoneProgressKindBegin, Title: "otpls: indexing"})
	for i, path := range files {
		if ctx.Err() != nil {
			return
		}
		s.indexFile(path)
		if (i+1)%200 == 0 {
			report(protocol.WorkDoneProgressReport{Kind: protocol.WorkDoneProgressKindReport, Message: fmt.Sprintf("%d/%d files", i+1, len(files)), Percentage: uint32((i + 1) * 100 / len(files))})
		}
	}
	report(protocol.WorkDoneProgressEnd{Kind: protocol.WorkDoneProgressKindEnd, Message: fmt.Sprintf("indexed %d files", len(files))})
	s.log.Info("workspace indexed", zap.Int("files", len(files)))
	// Indexing parsed every file of the workspace, and all but the summaries is garbage
	// now: returned to the system at once, instead of being kept by the process for
	// minutes (a third of its memory in a 1.5M-line workspace).
	debug.FreeOSMemory()
	s.analyses.all()
}

// indexFile (re)summarises a closed file from disk; open documents are indexed from
// their buffers instead.
func (s *Server) indexFile(path string) {
	s.sourcing.Lock()
	defer s.sourcing.Unlock()
	s.mu.Lock()
	for _, d := range s.docs {
		if d.path == path {
			s.mu.Unlock()
			return
		}
	}
	s.mu.Unlock()
	s.enterFromDisk(path)
}

// enterFromDisk indexes a closed file as it is on disk; the caller holds s.sourcing.
func (s *Server) enterFromDisk(path string) {
	if e, ok := s.entryFromDisk(path); ok {
		s.ws.Update(e.Summary)
	} else {
		s.ws.Remove(path)
	}
}

// entryFromDisk reads a closed file and makes its entry, without entering it; false when
// it cannot be read. A file over the config's max_file_size is not read: its entry is by
// name only, as check makes it (an editor's setting must not let the server parse a 20 MB
// file check refuses).
func (s *Server) entryFromDisk(path string) (workspace.Entry, bool) {
	text, tooLarge, ok := s.readAnalysable(path)
	switch {
	case !ok:
		return workspace.Entry{}, false
	case tooLarge != nil:
		return workspace.TooLargeEntry(path, tooLarge), true
	default:
		defer leanFor(len(text))()
		return workspace.NewEntry(s.ws, path, text), true
	}
}

// leanFor paces the collector as check does while the server works on a text of size
// bytes, from source.LargeText up (gcpace.Lean); the function it returns ends that.
func leanFor(size int) (done func()) { return workspace.WhileLarge(size, gcpace.Lean) }

// readAnalysable reads a closed file to index or analyse it: tooLarge, and no text, for a
// file over the config's max_file_size, which is not read.
func (s *Server) readAnalysable(path string) (text string, tooLarge *workspace.TooLargeError, ok bool) {
	text, err := s.read(path, min(s.fileSizeLimit(), maxReadBytes))
	if errors.As(err, &tooLarge) {
		return "", tooLarge, true
	}
	return text, nil, err == nil
}

// fileSizeLimit is the config's max_file_size.
func (s *Server) fileSizeLimit() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cfg.FileSizeLimit()
}

// maxReadBytes caps the size of a file the server reads from disk, as maxMessageBytes caps
// a document the client sends.
const maxReadBytes = maxMessageBytes

// readSource reads a file from disk for the index, if it is one the server may read: a
// regular file inside the workspace roots (workspace.ReadSource). A watched-file event
// names any path the client likes; a FIFO there blocked the server for good, and a link
// to /dev/zero grew it without bound.
func (s *Server) readSource(path string) (string, bool) {
	text, err := s.read(path, maxReadBytes)
	return text, err == nil
}

// read reads path, within the workspace roots and up to maxBytes, logging why it could not.
func (s *Server) read(path string, maxBytes int64) (string, error) {
	s.mu.Lock()
	roots := s.roots
	s.mu.Unlock()
	text, err := workspace.ReadSource(roots, path, maxBytes)
	var tooLarge *workspace.TooLargeError
	switch {
	case errors.As(err, &tooLarge):
		s.log.Info("file not read: over the size limit", zap.String("path", path), zap.Error(err))
	case errors.Is(err, fs.ErrNotExist):
		s.log.Info("file not read", zap.String("path", path), zap.Error(err))
	case err != nil:
		s.log.Warn("file not read", zap.String("path", path), zap.Error(err))
	}
	return text, err
}

func (s *Server) didChangeWatchedFiles(ctx context.Context, params json.RawMessage) {
	p, ok := notificationParams[protocol.DidChangeWatchedFilesParams](s, "workspace/didChangeWatchedFiles", params)
	if !ok {
		return
	}
	for _, c := range p.Changes {
		if c == nil {
			continue
		}
		path := uriToPath(string(c.URI))
		switch {
		case path == "":
		case filepath.Base(path) == config.FileName, s.isBaselineFile(path):
			s.reloadConfig()
		case !workspace.IsElixir(path):
		case c.Type == protocol.FileChangeTypeDeleted:
			s.sourcing.Lock()
			s.mu.Lock()
			open := false
			for _, d := range s.docs {
				open = open || d.path == path
			}
			s.mu.Unlock()
			if !open {
				s.ws.Remove(path)
			}
			s.sourcing.Unlock()
		default:
			s.indexFile(path)
		}
	}
	s.analyses.all()
}
