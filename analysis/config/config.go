// Package config reads `.otpls.exs` as data (never evaluated) and editor settings into
// the options rules see. A malformed file yields problems and the defaults.
package config

import (
	"fmt"
	"regexp"
	"sort"

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
}

// Rule is one rule's settings.
type Rule struct {
	// Enabled is nil when not set (the rule's default applies).
	Enabled *bool
	// Severity overrides the default: "error", "warning", "information" or "hint".
	Severity string
	Options  map[string]any
}

// Default is the configuration without a file.
func Default() *Config {
	return &Config{Rules: map[string]Rule{}}
}

var codePattern = regexp.MustCompile(`^OTP\d{3}$`)

// Parse reads the text of a `.otpls.exs`. On problems it returns them with a config that
// keeps every valid part (defaults elsewhere).
func Parse(path, text string) (*Config, []Problem) {
	cfg := Default()
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
		entry, p := keyword(f, []*source.Node{el})
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
				rule, p := parseRule(f, r)
				if p != nil {
					add(p)
					continue
				}
				cfg.Rules[r.Key] = rule
			}
		case "exclude":
			globs, ok := stringList(e.Value)
			if !ok {
				add(problem(f, e.Node, "exclude must be a list of glob strings"))
				continue
			}
			cfg.Exclude = globs
		case "task_supervisor":
			switch s := e.Value.(type) {
			case Alias:
				cfg.TaskSupervisor = string(s)
			case Atom:
				cfg.TaskSupervisor = ":" + string(s)
			default:
				add(problem(f, e.Node, "task_supervisor must be a module name such as MyApp.TaskSupervisor"))
			}
		default:
			add(problem(f, e.Node, "unknown key %q (known: rules, exclude, task_supervisor)", e.Key))
		}
	}
	return cfg, problems
}

func parseRule(f *source.File, r KV) (Rule, *Problem) {
	if !codePattern.MatchString(r.Key) {
		return Rule{}, problem(f, r.Node, "unknown rule %q: rules are named by code, e.g. OTP003", r.Key)
	}
	switch v := r.Value.(type) {
	case bool:
		return Rule{Enabled: &v}, nil
	case Keyword:
		rule := Rule{Options: map[string]any{}}
		for _, o := range v {
			switch o.Key {
			case "enabled":
				b, ok := o.Value.(bool)
				if !ok {
					return Rule{}, problem(f, o.Node, "enabled must be true or false")
				}
				rule.Enabled = &b
			case "severity":
				a, ok := o.Value.(Atom)
				if !ok || !validSeverity(string(a)) {
					return Rule{}, problem(f, o.Node, "severity must be :error, :warning, :information or :hint")
				}
				rule.Severity = string(a)
			default:
				rule.Options[o.Key] = plain(o.Value)
			}
		}
		return rule, nil
	}
	return Rule{}, problem(f, r.Node, "%s must be false, true or a keyword list of options", r.Key)
}

func validSeverity(s string) bool {
	switch s {
	case "error", "warning", "information", "info", "hint":
		return true
	}
	return false
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
	out := &Config{Rules: map[string]Rule{}, Exclude: c.Exclude, TaskSupervisor: c.TaskSupervisor}
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
		switch k {
		case "rules":
			rules, ok := v.(map[string]any)
			if !ok {
				problems = append(problems, "rules must be an object of rule codes")
				continue
			}
			for code, rv := range rules {
				if !codePattern.MatchString(code) {
					problems = append(problems, fmt.Sprintf("unknown rule %q", code))
					continue
				}
				switch x := rv.(type) {
				case bool:
					out.Rules[code] = Rule{Enabled: &x}
				case map[string]any:
					rule := Rule{Options: map[string]any{}}
					for ok, ov := range x {
						switch ok {
						case "enabled":
							if b, isBool := ov.(bool); isBool {
								rule.Enabled = &b
							}
						case "severity":
							if s, isStr := ov.(string); isStr && validSeverity(s) {
								rule.Severity = s
							} else {
								problems = append(problems, fmt.Sprintf("%s.severity must be error, warning, information or hint", code))
							}
						default:
							rule.Options[ok] = ov
						}
					}
					out.Rules[code] = rule
				default:
					problems = append(problems, fmt.Sprintf("rules.%s must be a boolean or an object", code))
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
		case "task_supervisor", "taskSupervisor":
			if s, ok := v.(string); ok {
				out.TaskSupervisor = s
			}
		}
	}
	return out, problems
}
