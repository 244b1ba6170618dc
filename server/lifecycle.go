package server

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"time"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
	"go.uber.org/zap"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/config"
	"github.com/otpls/otpls/analysis/workspace"
)

// clientCaps are the client capabilities otpls acts on.
type clientCaps struct {
	Workspace struct {
		WorkspaceEdit struct {
			DocumentChanges bool `json:"documentChanges"`
		} `json:"workspaceEdit"`
		DidChangeWatchedFiles struct {
			DynamicRegistration bool `json:"dynamicRegistration"`
		} `json:"didChangeWatchedFiles"`
		Configuration bool `json:"configuration"`
		Diagnostics   *struct {
			RefreshSupport bool `json:"refreshSupport"`
		} `json:"diagnostics"`
	} `json:"workspace"`
	TextDocument struct {
		Diagnostic *struct {
			DynamicRegistration bool `json:"dynamicRegistration"`
		} `json:"diagnostic"`
	} `json:"textDocument"`
	Window struct {
		WorkDoneProgress bool `json:"workDoneProgress"`
	} `json:"window"`
}

// initializeParams are the fields of protocol.InitializeParams otpls reads; protocol's
// ClientCapabilities (v0.12.0) lacks LSP 3.17's diagnostic capabilities, hence clientCaps.
type initializeParams struct {
	RootURI               string                     `json:"rootUri"`
	RootPath              string                     `json:"rootPath"`
	InitializationOptions json.RawMessage            `json:"initializationOptions"`
	Capabilities          clientCaps                 `json:"capabilities"`
	WorkspaceFolders      []protocol.WorkspaceFolder `json:"workspaceFolders"`
}

// serverCapabilities adds what protocol v0.12.0 lacks (pull diagnostics, LSP 3.17).
type serverCapabilities struct {
	protocol.ServerCapabilities
	DiagnosticProvider *diagnosticOptions `json:"diagnosticProvider,omitempty"`
}

type diagnosticOptions struct {
	Identifier            string `json:"identifier"`
	InterFileDependencies bool   `json:"interFileDependencies"`
	WorkspaceDiagnostics  bool   `json:"workspaceDiagnostics"`
}

type initializeResult struct {
	Capabilities serverCapabilities   `json:"capabilities"`
	ServerInfo   *protocol.ServerInfo `json:"serverInfo"`
}

// sourceFixAll is the code action kind of "fix everything safe" (editors' fix-on-save).
const sourceFixAll protocol.CodeActionKind = "source.fixAll.otpls"

func (s *Server) initialize(ctx context.Context, params json.RawMessage) (any, error) {
	p, err := decodeParams[initializeParams](params)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	if s.state != uninitialized {
		s.mu.Unlock()
		return nil, errAlreadyInitialized
	}
	s.state = initialized
	s.caps = p.Capabilities
	for _, f := range p.WorkspaceFolders {
		if path := uriToPath(f.URI); path != "" {
			s.roots = append(s.roots, path)
		}
	}
	if len(s.roots) == 0 {
		if path := uriToPath(p.RootURI); path != "" {
			s.roots = append(s.roots, path)
		} else if p.RootPath != "" {
			s.roots = append(s.roots, p.RootPath)
		}
	}
	s.mu.Unlock()
	settings, err := settingsObject(p.InitializationOptions)
	if err != nil {
		// The options are otpls's settings, an object; anything else is a client's
		// mistake that must not cost the user the server: said, and the defaults used.
		s.log.Warn("initializationOptions ignored", zap.Error(err))
		s.conn.Notify(ctx, "window/logMessage", protocol.LogMessageParams{Type: protocol.MessageTypeWarning,
			Message: "otpls: initializationOptions ignored: " + err.Error()})
	}
	s.mu.Lock()
	s.settings = settings
	s.mu.Unlock()
	s.loadConfig()
	caps := serverCapabilities{ServerCapabilities: protocol.ServerCapabilities{
		TextDocumentSync: protocol.TextDocumentSyncOptions{
			OpenClose: true,
			Change:    protocol.TextDocumentSyncKindIncremental,
			Save:      &protocol.SaveOptions{IncludeText: false},
		},
		HoverProvider:          true,
		ImplementationProvider: true,
		ReferencesProvider:     true,
		CodeLensProvider:       &protocol.CodeLensOptions{ResolveProvider: true},
		CodeActionProvider: protocol.CodeActionOptions{
			CodeActionKinds: []protocol.CodeActionKind{protocol.QuickFix, sourceFixAll},
		},
	}}
	if p.Capabilities.TextDocument.Diagnostic != nil {
		caps.DiagnosticProvider = &diagnosticOptions{Identifier: "otpls", InterFileDependencies: true}
	}
	return initializeResult{Capabilities: caps, ServerInfo: &protocol.ServerInfo{Name: "otpls", Version: s.version}}, nil
}

// initialized registers file watchers and indexes the workspace in the background.
func (s *Server) initialized(ctx context.Context) {
	s.mu.Lock()
	caps := s.caps
	s.mu.Unlock()
	if caps.Workspace.DidChangeWatchedFiles.DynamicRegistration {
		go func() {
			params := protocol.RegistrationParams{Registrations: []protocol.Registration{{
				ID:     "otpls-watch",
				Method: "workspace/didChangeWatchedFiles",
				RegisterOptions: protocol.DidChangeWatchedFilesRegistrationOptions{Watchers: []protocol.FileSystemWatcher{
					{GlobPattern: "**/*.{ex,exs}"},
					{GlobPattern: "**/" + config.FileName},
				}},
			}}}
			if _, err := s.conn.Call(ctx, "client/registerCapability", params, nil); err != nil {
				s.log.Warn("file watcher registration failed", zap.Error(err))
			}
		}()
	}
	// The config was read by initialize; its problems are published only now, since a
	// server sends no notification before the client has the initialize result.
	s.configMu.Lock()
	s.publishConfigProblems()
	s.configMu.Unlock()
	if caps.Workspace.Configuration {
		s.background(func() { s.fetchConfiguration(ctx) })
	}
	go s.watchBaseline(ctx)
	s.mu.Lock()
	s.indexing = true
	s.mu.Unlock()
	s.background(func() { s.indexWorkspace(ctx, true) })
}

// background runs fn, which may schedule analyses, on its own goroutine, counted as
// pending by the scheduler until it returns (see scheduler.quiet).
func (s *Server) background(fn func()) {
	s.analyses.hold()
	go func() {
		defer s.analyses.finished()
		fn()
	}()
}

// reloadConfig reads the config again (.otpls.exs changed, or the editor settings) and
// publishes the file's problems; the caller re-analyses.
func (s *Server) reloadConfig() {
	s.configMu.Lock()
	defer s.configMu.Unlock()
	s.loadConfig()
	s.publishConfigProblems()
}

// configPath is the .otpls.exs the server reads ("" without a workspace root).
func (s *Server) configPath() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.roots) == 0 {
		return ""
	}
	return filepath.Join(s.roots[0], config.FileName)
}

// isConfigFile reports whether uri names a config file. It is data, not Elixir source:
// the server neither indexes nor analyses it when the editor opens it (as the CLI never
// does), so its only diagnostics are its problems, which publishConfigProblems owns.
func isConfigFile(uri string) bool { return filepath.Base(pathOf(uri)) == config.FileName }

// publishConfigProblems pushes the problems of .otpls.exs (as the CLI reports them:
// OTP091 errors) on the file, or clears them once they are gone. They are pushed even to
// a client that pulls diagnostics: they come from the file on disk when it is read, not
// from a buffer's analysis (and textDocument/diagnostic answers nothing for the file, so
// such a client does not show them twice). The caller holds configMu.
func (s *Server) publishConfigProblems() {
	path := s.configPath()
	if path == "" {
		return
	}
	uri := pathToURI(path)
	s.mu.Lock()
	problems := s.configErrs
	s.mu.Unlock()
	diags := toProtocol(uri, nil, -1, analysis.ConfigDiagnostics(problems))
	for i := range diags {
		diags[i].Data = nil // no fixes to find again
	}
	shown := ""
	if len(diags) > 0 {
		data, _ := json.Marshal(diags)
		shown = string(data)
	}
	if shown == s.configShown {
		return
	}
	s.configShown = shown
	s.publish(uri, nil, nil, diags)
}

// loadConfig reads .otpls.exs from the first root and applies the editor settings on top.
func (s *Server) loadConfig() {
	s.mu.Lock()
	roots, settings := s.roots, s.settings
	s.mu.Unlock()
	// Without a file, the editor settings are still checked against the rules.
	fileCfg, problems := config.DefaultFor(analysis.ConfigSchema(s.analyzers)), []config.Problem(nil)
	if len(roots) > 0 {
		cfg, probs, err := workspace.LoadConfig(roots[0], "", s.analyzers...)
		if err != nil {
			s.log.Warn("cannot read config", zap.Error(err))
		} else {
			fileCfg, problems = cfg, probs
		}
	}
	for _, p := range problems {
		s.log.Warn("invalid config", zap.String("problem", p.Error()))
	}
	effective, bad := fileCfg.Override(settings)
	for _, b := range bad {
		s.log.Warn("invalid setting", zap.String("problem", b))
	}
	delay, scope := 50*time.Millisecond, "openFiles"
	if v, ok := settings["diagnosticDelay"].(float64); ok && v >= 0 {
		delay = time.Duration(v) * time.Millisecond
	}
	if v, ok := settings["diagnosticsScope"].(string); ok && (v == "workspace" || v == "openFiles") {
		scope = v
	}
	lenses := true
	if v, ok := settings["codeLens"].(bool); ok {
		lenses = v
	}
	s.mu.Lock()
	limitChanged := s.cfg != nil && s.cfg.FileSizeLimit() != effective.FileSizeLimit()
	s.fileConfig, s.configErrs, s.cfg, s.delay, s.scope = fileCfg, problems, effective, delay, scope
	s.codeLenses = lenses
	s.mu.Unlock()
	s.loadBaseline(settings, roots)
	if limitChanged {
		s.applyFileSizeLimit(effective.FileSizeLimit())
	}
}

// applyFileSizeLimit puts a new max_file_size into effect: open documents now within it
// are parsed and those now over it lose their trees at once, and the closed files are
// indexed again from disk in the background (quietly: no progress is shown for it).
func (s *Server) applyFileSizeLimit(limit int64) {
	s.sourcing.Lock()
	s.mu.Lock()
	for _, d := range s.docs {
		if e, changed := d.text.SetLimit(s.ws, limit); changed {
			d.entry = e
			s.seqs++
			d.seq = s.seqs
		}
	}
	indexing := s.indexing
	s.mu.Unlock()
	s.sourcing.Unlock()
	if indexing {
		s.background(func() { s.indexWorkspace(context.Background(), false) })
	}
}

// settingsObject decodes otpls's settings: a JSON object, or nothing (absent or null).
func settingsObject(raw json.RawMessage) (map[string]any, error) {
	var settings map[string]any
	if err := json.Unmarshal(raw, &settings); len(raw) > 0 && err != nil {
		return nil, fmt.Errorf("otpls's settings are an object, not %s", truncated(raw, 40))
	}
	return settings, nil
}

// truncated is text cut to at most n bytes, for messages that quote what a client sent.
func truncated(raw []byte, n int) string {
	if len(raw) <= n {
		return string(raw)
	}
	return string(raw[:n]) + "..."
}

// fetchConfiguration asks the client for the `otpls` section and applies it.
func (s *Server) fetchConfiguration(ctx context.Context) {
	var result []map[string]any
	params := protocol.ConfigurationParams{Items: []protocol.ConfigurationItem{{Section: "otpls"}}}
	if _, err := s.conn.Call(ctx, "workspace/configuration", params, &result); err != nil {
		s.log.Warn("workspace/configuration failed", zap.Error(err))
		return
	}
	if len(result) == 1 && result[0] != nil {
		s.applySettings(result[0])
	}
}

func (s *Server) applySettings(settings map[string]any) {
	s.mu.Lock()
	s.settings = settings
	s.mu.Unlock()
	s.reloadConfig()
	go s.watchBaseline(context.Background())
	s.analyses.all()
}

// didChangeConfigurationParams is protocol.DidChangeConfigurationParams with the settings
// typed as the object otpls reads (protocol has interface{}).
type didChangeConfigurationParams struct {
	Settings map[string]any `json:"settings"`
}

func (s *Server) didChangeConfiguration(ctx context.Context, params json.RawMessage) {
	p, ok := notificationParams[didChangeConfigurationParams](s, "workspace/didChangeConfiguration", params)
	if !ok {
		return
	}
	if section, ok := p.Settings["otpls"].(map[string]any); ok {
		s.applySettings(section)
		return
	}
	s.mu.Lock()
	pull := s.caps.Workspace.Configuration
	s.mu.Unlock()
	if pull {
		s.background(func() { s.fetchConfiguration(ctx) })
	}
}

func uriToPath(u string) string {
	if u == "" {
		return ""
	}
	parsed := uri.URI(u)
	if len(u) < 7 || u[:7] != "file://" {
		return ""
	}
	return filepath.Clean(parsed.Filename())
}

// pathToURI is the file URI of an absolute path.
func pathToURI(path string) string { return string(uri.File(path)) }
