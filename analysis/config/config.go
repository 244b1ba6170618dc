// Package config reads `.otpls.exs` as data (never evaluated) and editor settings into
// the options rules see. A malformed file yields problems and the defaults.
package config

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/source"
)

// FileName is the config file looked for at the workspace root.
const FileName = ".otpls.exs"

// Config is the effective configuration.
type Config struct {
	// Rules holds per-rule settings by code ("OTP003").
	Rules map[string]Rule
	// Exclude are doublestar globs, relative to the root, of files not analysed.
	Exclude []string
	// TaskSupervisor names the Task.Supervisor fixes start tasks under ("" = discover).
	TaskSupervisor string
	// MaxFileSize is the size in bytes past which a file is not parsed (0: the default;
	// see FileSizeLimit).
	MaxFileSize int64
	// schema checked the rules' settings when the config was read, and checks the editor
	// settings Override applies (nil: only their shape is checked).
	schema Schema
}

// Rule is one rule's settings.
type Rule struct {
	// Enabled is nil when not set (the rule's default applies).
	Enabled *bool
	// Severity overrides the default: "error", "warning", "information" or "hint".
	Severity string
	// Options by name: the option's Go value (int, bool, string, []string) when the config
	// was read with a schema, else as written.
	Options map[string]any
}

// The size limit of a source file (max_file_size): a larger file is not parsed, and is
// reported instead (analysis.FileTooLarge). Analysing one file peaks at about 75 bytes of
// memory per source byte (tree-sitter's own tree, while it parses), so the default keeps
// one file near 300 MB, and the ceiling, which no config can raise, near 1.2 GB.
const (
	DefaultMaxFileSize int64 = 4 << 20
	MaxFileSizeCeiling int64 = 16 << 20
)

// FileSizeLimit is the size in bytes past which a file is not parsed: MaxFileSize, or
// DefaultMaxFileSize when it is not set (or c is nil).
func (c *Config) FileSizeLimit() int64 {
	if c == nil || c.MaxFileSize <= 0 {
		return DefaultMaxFileSize
	}
	return c.MaxFileSize
}

// maxFileSizeMust says what max_file_size takes.
var maxFileSizeMust = fmt.Sprintf("max_file_size must be an integer number of bytes from 1 to %d (default %d)", MaxFileSizeCeiling, DefaultMaxFileSize)

// fileSize reads a max_file_size value, an integer from the file (int64) or JSON (float64).
func fileSize(v any) (int64, bool) {
	var n int64
	switch x := v.(type) {
	case int64:
		n = x
	case float64:
		if x != math.Trunc(x) || x < 1 || x > float64(MaxFileSizeCeiling) {
			return 0, false
		}
		n = int64(x)
	default:
		return 0, false
	}
	return n, n >= 1 && n <= MaxFileSizeCeiling
}

// Default is the configuration without a file.
func Default() *Config {
	return &Config{Rules: map[string]Rule{}}
}

// DefaultFor is the configuration without a file, checking editor settings against schema.
func DefaultFor(schema Schema) *Config {
	return &Config{Rules: map[string]Rule{}, schema: schema}
}

// Parse reads the text of a `.otpls.exs`, checking only the shape of the rules' settings:
// ParseWith the rules' schema checks their options too.
func Parse(path, text string) (*Config, []Problem) { return ParseWith(path, text, nil) }

// ParseWith reads the text of a `.otpls.exs`; each rule's settings must name a rule of
// schema and its options, with values of their types. On problems it returns them with a
// config that keeps every valid part (defaults elsewhere).
func ParseWith(path, text string, schema Schema) (*Config, []Problem) {
	cfg := DefaultFor(schema)
	f := source.Parse(path, text)
	var problems []Problem
	add := func(p *Problem) {
		if p != nil {
			problems = append(problems, *p)
		}
	}
	for _, e := range f.Errors {
		add(problem(f, e, "syntax error"))
		return cfg, problems
	}
	var exprs []*source.Node
	for c := range f.Root.Children() {
		if c.Type() != "comment" {
			exprs = append(exprs, c)
		}
	}
	if len(exprs) == 0 {
		return cfg, nil
	}
	if len(exprs) > 1 {
		add(problem(f, exprs[1], "the config must be a single keyword list"))
		return cfg, problems
	}
	// Entries are read one by one so that one bad entry does not lose the others.
	top := elixir.Unwrap(exprs[0])
	if top.Type() != "list" {
		add(problem(f, top, "the config must be a keyword list like [rules: [...], exclude: [...]]"))
		return cfg, problems
	}
	var kw Keyword
	for _, el := range elixir.Elements(top) {
		if el.Type() != "pair" {
			add(problem(f, el, "the config must be a keyword list like [rules: [...], exclude: [...]]"))
			continue
		}
		entry, p := keyword(f, []*source.Node{el}, 1)
		if p != nil {
			add(p)
			continue
		}
		kw = append(kw, entry...)
	}
	for _, e := range kw {
		switch e.Key {
		case "rules":
			rules, ok := e.Value.(Keyword)
			if l, isList := e.Value.([]any); isList && len(l) == 0 {
				ok = true
			}
			if !ok {
				add(problem(f, e.Node, "rules must be a keyword list of rule codes, e.g. [OTP005: false]"))
				continue
			}
			for _, r := range rules {
				rule, ok := parseRule(f, r, schema, add)
				if ok {
					cfg.Rules[r.Key] = rule
				}
			}
		case "exclude":
			globs, ok := stringList(e.Value)
			if !ok {
				add(problem(f, e.Node, "exclude must be a list of glob strings"))
				continue
			}
			cfg.Exclude = globs
		case "task_supervisor":
			if name, ok := e.Value.(Alias); ok && IsModuleName(string(name)) {
				cfg.TaskSupervisor = string(name)
			} else {
				add(problem(f, e.Node, "%s, not %s", taskSupervisorMust, excerpt(f.Slice(e.Node.Child("value")))))
			}
		case "max_file_size":
			n, ok := fileSize(e.Value)
			if !ok {
				add(problem(f, e.Node, "%s, not %s", maxFileSizeMust, excerpt(f.Slice(e.Node.Child("value")))))
				continue
			}
			cfg.MaxFileSize = n
		default:
			add(problem(f, e.Node, "unknown key %q (known: rules, exclude, task_supervisor, max_file_size)", e.Key))
		}
	}
	return cfg, problems
}

// taskSupervisorMust says what task_supervisor takes, and why it matters: the fixes write
// the name into code as it is (codeactions.TaskSupervisor).
const taskSupervisorMust = "task_supervisor must be a module name such as MyApp.TaskSupervisor " +
	"(the fixes of OTP003 blocking-callback, OTP008 call-chain and OTP009 unsupervised-task write it into code)"

// modulePattern is an Elixir alias: ASCII segments, each starting with a capital letter.
var modulePattern = regexp.MustCompile(`^[A-Z][A-Za-z0-9_]*(\.[A-Z][A-Za-z0-9_]*)*$`)

// IsModuleName reports whether s is a module name as Elixir code writes it
// (MyApp.TaskSupervisor): alias segments, without the `Elixir.` prefix code never writes.
func IsModuleName(s string) bool {
	return modulePattern.MatchString(s) && s != "Elixir" && !strings.HasPrefix(s, "Elixir.")
}

// excerpt is s for a message: its first 60 bytes when it is longer (a value can be
// megabytes long).
func excerpt(s string) string {
	if len(s) <= 60 {
		return s
	}
	return strings.ToValidUTF8(s[:60], "") + "..."
}

// parseRule reads one entry of `rules:`; ok is false when nothing of it applies.
func parseRule(f *source.File, r KV, schema Schema, add func(*Problem)) (rule Rule, ok bool) {
	if msg := schema.unknownRule(r.Key); msg != "" {
		add(problem(f, r.Node, "%s", msg))
		return Rule{}, false
	}
	var keys []setting
	switch v := r.Value.(type) {
	case bool:
	case Keyword:
		for _, o := range v {
			keys = append(keys, setting{key: o.Key, value: o.Value, node: o.Node})
		}
	default:
		add(problem(f, r.Node, "%s must be false, true or a keyword list of options", r.Key))
		return Rule{}, false
	}
	rule, issues := schema.readRule(r.Key, r.Value, keys, inFile, plain)
	for _, is := range issues {
		add(problem(f, is.node, "%s", is.msg))
	}
	return rule, true
}

// plain turns keyword lists into maps so options look the same from the file and from
// editor settings (JSON).
func plain(v any) any {
	switch x := v.(type) {
	case Keyword:
		m := map[string]any{}
		for _, e := range x {
			m[e.Key] = plain(e.Value)
		}
		return m
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = plain(e)
		}
		return out
	case Atom:
		return string(x)
	case Alias:
		return string(x)
	}
	return v
}

func stringList(v any) ([]string, bool) {
	l, ok := v.([]any)
	if !ok {
		return nil, false
	}
	out := make([]string, 0, len(l))
	for _, e := range l {
		s, ok := e.(string)
		if !ok {
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

// Override applies editor settings (decoded JSON, same keys as the file) on top of c and
// returns the result; c is not changed. Problems name the offending key.
func (c *Config) Override(settings map[string]any) (*Config, []string) {
	out := &Config{Rules: map[string]Rule{}, Exclude: c.Exclude, TaskSupervisor: c.TaskSupervisor, MaxFileSize: c.MaxFileSize, schema: c.schema}
	for k, v := range c.Rules {
		out.Rules[k] = v
	}
	var problems []string
	keys := make([]string, 0, len(settings))
	for k := range settings {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := settings[k]
		if v == nil || v == "" {
			// Unset: an editor that answers workspace/configuration with its whole
			// section sends every setting, the ones nobody set as null or "".
			continue
		}
		switch k {
		case "rules":
			rules, ok := v.(map[string]any)
			if !ok {
				problems = append(problems, "rules must be an object of rule codes")
				continue
			}
			for _, code := range slices.Sorted(maps.Keys(rules)) {
				rule, ok, bad := c.schema.settingsRule(code, rules[code])
				problems = append(problems, bad...)
				if ok {
					out.Rules[code] = rule
				}
			}
		case "exclude":
			l, _ := v.([]any)
			globs, ok := stringList(l)
			if !ok {
				problems = append(problems, "exclude must be a list of strings")
				continue
			}
			out.Exclude = globs
		case "max_file_size", "maxFileSize":
			if n, ok := fileSize(v); ok {
				out.MaxFileSize = n
			} else {
				written, _ := json.Marshal(v)
				problems = append(problems, fmt.Sprintf("%s, not %s", maxFileSizeMust, excerpt(string(written))))
			}
		case "task_supervisor", "taskSupervisor":
			if s, ok := v.(string); ok && IsModuleName(s) {
				out.TaskSupervisor = s
			} else {
				written, _ := json.Marshal(v)
				problems = append(problems, fmt.Sprintf("%s, not %s", taskSupervisorMust, excerpt(string(written))))
			}
		}
	}
	return out, problems
}

// settingsRule reads one rule of the editor settings' `rules` object; ok is false when
// nothing of it applies.
func (s Schema) settingsRule(code string, value any) (rule Rule, ok bool, problems []string) {
	if msg := s.unknownRule(code); msg != "" {
		return Rule{}, false, []string{msg}
	}
	var keys []setting
	switch v := value.(type) {
	case bool:
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(v)) {
			keys = append(keys, setting{key: k, value: v[k]})
		}
	default:
		return Rule{}, false, []string{fmt.Sprintf("rules.%s must be a boolean or an object", code)}
	}
	rule, issues := s.readRule(code, value, keys, inSettings, func(v any) any { return v })
	for _, is := range issues {
		problems = append(problems, is.msg)
	}
	return rule, true, problems
}
