package config

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/otpls/otpls/analysis/source"
)

// Type is the type of a rule option's value.
type Type int

const (
	TypeInt     Type = iota + 1 // an integer: 4 (Go int)
	TypeBool                    // true or false (Go bool)
	TypeString                  // "text" (Go string)
	TypeStrings                 // ["a", "B.c"]: strings (module names and atoms read as their names) (Go []string)
	TypeAtom                    // :name, or "name" in editor settings (Go string, without the colon)
)

// String is the type as the docs and messages name it.
func (t Type) String() string {
	switch t {
	case TypeInt:
		return "integer"
	case TypeBool:
		return "boolean"
	case TypeString:
		return "string"
	case TypeStrings:
		return "list of strings"
	case TypeAtom:
		return "atom"
	}
	return "unknown type"
}

// article is "an integer", "a boolean"...: the type in a sentence.
func (t Type) article() string {
	if s := t.String(); strings.IndexByte("aeiou", s[0]) >= 0 {
		return "an " + s
	}
	return "a " + t.String()
}

// Option declares one rule option: what `.otpls.exs` and the editor settings may set, and
// the value a rule sees when they do not.
type Option struct {
	Name    string
	Type    Type
	Default any    // the Go value of Type (nil for an empty list)
	Doc     string // one line for `otpls rules --options` and the rule's docs
}

// Convert reads v, a value from `.otpls.exs` or decoded JSON settings, as the option's Go
// value (int, bool, string or []string); ok is false when v is of another type. A value
// already converted is returned as it is.
func (o *Option) Convert(v any) (any, bool) {
	switch o.Type {
	case TypeInt:
		switch n := v.(type) {
		case int:
			return n, true
		case int64:
			return int(n), true
		case float64: // JSON numbers
			if n == math.Trunc(n) && math.Abs(n) < 1<<53 {
				return int(n), true
			}
		}
	case TypeBool:
		b, ok := v.(bool)
		return b, ok
	case TypeString:
		s, ok := v.(string)
		return s, ok
	case TypeAtom:
		switch a := v.(type) {
		case Atom:
			return string(a), true
		case string:
			return a, true
		}
	case TypeStrings:
		switch l := v.(type) {
		case []string:
			return l, true
		case []any:
			out := make([]string, 0, len(l))
			for _, e := range l {
				switch s := e.(type) {
				case string:
					out = append(out, s)
				case Alias:
					out = append(out, string(s))
				case Atom:
					out = append(out, string(s))
				default:
					return nil, false
				}
			}
			return out, true
		}
	}
	return nil, false
}

// Literal writes a value of the option as `.otpls.exs` would: 3, true, "x", ["a", "b"], :name.
func (o *Option) Literal(v any) string {
	switch o.Type {
	case TypeAtom:
		return ":" + fmt.Sprint(v)
	case TypeString:
		return strconv.Quote(fmt.Sprint(v))
	case TypeStrings:
		l, _ := v.([]string)
		quoted := make([]string, len(l))
		for i, s := range l {
			quoted[i] = strconv.Quote(s)
		}
		return "[" + strings.Join(quoted, ", ") + "]"
	}
	return fmt.Sprint(v)
}

// RuleSchema is what a config may set for one rule besides enabled and severity.
type RuleSchema struct {
	Name    string // the rule's name, for messages: "god-genserver"
	Options []*Option
}

// Schema maps rule codes to what a config may set for them. A config read without one
// checks only the shape: a code like OTP003, enabled and severity; options go unchecked.
type Schema map[string]RuleSchema

var codePattern = regexp.MustCompile(`^OTP\d{3}$`)

// IsCode reports whether s is written like a rule code, "OTP003".
func IsCode(s string) bool { return codePattern.MatchString(s) }

// severities are the severity names a config may use, with the LSP number of each.
var severities = map[string]int{"error": 1, "warning": 2, "information": 3, "info": 3, "hint": 4}

// SeverityLevel returns the LSP severity (1 error, 2 warning, 3 information, 4 hint) that a
// severity name in config stands for.
func SeverityLevel(name string) (int, bool) {
	n, ok := severities[name]
	return n, ok
}

// spelling is where a setting comes from, which decides how a name is written: :error in
// .otpls.exs, "error" in JSON editor settings.
type spelling int

const (
	inFile spelling = iota
	inSettings
)

// name reads a name written as an atom in the file, a string in settings.
func (sp spelling) name(v any) (string, bool) {
	if sp == inFile {
		a, ok := v.(Atom)
		return string(a), ok
	}
	s, ok := v.(string)
	return s, ok
}

// write spells a name as the source would.
func (sp spelling) write(name string) string {
	if sp == inFile {
		return ":" + name
	}
	return strconv.Quote(name)
}

// setting is one key of a rule's settings; node places it in `.otpls.exs` (nil for
// editor settings).
type setting struct {
	key   string
	value any
	node  *source.Node
}

// issue is a problem with one setting, placed at node (nil: at the rule's entry).
type issue struct {
	node *source.Node
	msg  string
}

// readRule reads a rule's settings: value is true or false, or its keys. Every bad key is
// an issue and is left out; the others apply. Without a schema, options are kept as given
// (plain turns file literals into the values editor settings would give).
func (s Schema) readRule(code string, value any, keys []setting, sp spelling, plain func(any) any) (Rule, []issue) {
	if b, ok := value.(bool); ok {
		return Rule{Enabled: &b}, nil
	}
	rs, known := s[code]
	prefix := code + ": "
	if known {
		prefix = fmt.Sprintf("%s (%s): ", code, rs.Name)
	}
	rule := Rule{Options: map[string]any{}}
	var issues []issue
	bad := func(st setting, format string, args ...any) {
		issues = append(issues, issue{node: st.node, msg: prefix + fmt.Sprintf(format, args...)})
	}
	for _, st := range keys {
		switch st.key {
		case "enabled":
			b, ok := st.value.(bool)
			if !ok {
				bad(st, "enabled must be true or false")
				continue
			}
			rule.Enabled = &b
		case "severity":
			name, ok := sp.name(st.value)
			if _, known := SeverityLevel(name); !ok || !known {
				bad(st, "severity must be %s, %s, %s or %s", sp.write("error"), sp.write("warning"), sp.write("information"), sp.write("hint"))
				continue
			}
			rule.Severity = name
		default:
			if s == nil {
				rule.Options[st.key] = plain(st.value)
				continue
			}
			i := slices.IndexFunc(rs.Options, func(o *Option) bool { return o.Name == st.key })
			if i < 0 {
				bad(st, "unknown option %q (%s)", st.key, knownKeys(rs))
				continue
			}
			o := rs.Options[i]
			v, ok := o.Convert(st.value)
			if !ok {
				bad(st, "%s must be %s", o.Name, o.Type.article())
				continue
			}
			rule.Options[o.Name] = v
		}
	}
	return rule, issues
}

// knownKeys lists what a rule's settings may contain, for a message about an unknown one.
func knownKeys(rs RuleSchema) string {
	var names []string
	for _, o := range rs.Options {
		names = append(names, o.Name)
	}
	if len(names) == 0 {
		return "it takes only enabled and severity"
	}
	return "its options: " + strings.Join(names, ", ") + "; and enabled, severity"
}

// unknownRule says a code names no rule, or "" when it does (or no schema is known).
func (s Schema) unknownRule(code string) string {
	if !IsCode(code) {
		return fmt.Sprintf("unknown rule %q: rules are named by code, e.g. OTP003", code)
	}
	if _, ok := s[code]; s != nil && !ok {
		codes := make([]string, 0, len(s))
		for c := range s {
			codes = append(codes, c)
		}
		slices.Sort(codes)
		return fmt.Sprintf("unknown rule %s (rules: %s)", code, strings.Join(codes, ", "))
	}
	return ""
}
