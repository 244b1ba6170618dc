package server

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"

	"go.uber.org/zap"

	"github.com/otpls/otpls/analysis/config"
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/source"
	"github.com/otpls/otpls/analysis/workspace"
)

// indexWorkspace summarises every Elixir file under the roots (excludes as in the CLI),
// reporting $/progress when the client supports it, then re-analyses the open documents.
func (s *Server) indexWorkspace(ctx context.Context) {
	defer s.indexedOnce.Do(func() { close(s.indexed) })
	s.mu.Lock()
	roots, exclude, progress := s.roots, s.cfg.Exclude, s.caps.Window.WorkDoneProgress
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
	token := "otpls-index"
	if progress {
		if _, err := s.conn.Call(ctx, "window/workDoneProgress/create", map[string]any{"token": token}, nil); err != nil {
			progress = false
		}
	}
	report := func(value map[string]any) {
		if progress {
			s.conn.Notify(ctx, "$/progress", map[string]any{"token": token, "value": value})
		}
	}
	report(map[string]any{"kind": "begin", "title": "otpls: indexing", "percentage": 0, "cancellable": false})
	for i, path := range files {
		if ctx.Err() != nil {
			return
		}
		s.indexFile(path)
		if (i+1)%200 == 0 {
			report(map[string]any{"kind": "report", "message": fmt.Sprintf("%d/%d files", i+1, len(files)), "percentage": (i + 1) * 100 / len(files)})
		}
	}
	report(map[string]any{"kind": "end", "message": fmt.Sprintf("indexed %d files", len(files))})
	s.log.Info("workspace indexed", zap.Int("files", len(files)))
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
	text, ok := readFile(path)
	if !ok {
		s.log.Info("skipping unreadable file", zap.String("path", path))
		s.ws.Remove(path)
		return
	}
	s.ws.Update(index.Summarize(source.Parse(path, text), nil))
}

// File change types of workspace/didChangeWatchedFiles.
const (
	fileCreated = 1
	fileChanged = 2
	fileDeleted = 3
)

func (s *Server) didChangeWatchedFiles(ctx context.Context, params json.RawMessage) {
	var p struct {
		Changes []struct {
			URI  string `json:"uri"`
			Type int    `json:"type"`
		} `json:"changes"`
	}
	if json.Unmarshal(params, &p) != nil {
		return
	}
	for _, c := range p.Changes {
		path := uriToPath(c.URI)
		switch {
		case path == "":
		case filepath.Base(path) == config.FileName:
			s.loadConfig()
		case !workspace.IsElixir(path):
		case c.Type == fileDeleted:
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
