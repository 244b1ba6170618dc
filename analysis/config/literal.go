package config

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/source"
)

// Literal values of Elixir data, as read from `.otpls.exs` without evaluating anything.
type (
	// Atom is `:name` (and keyword keys).
	Atom string
	// Alias is a module name such as `MyApp.TaskSupervisor`.
	Alias string
	// Keyword is a keyword list, order kept.
	Keyword []KV
)

// KV is one keyword entry, with its node for error positions.
type KV struct {
	Key   string
	Value any
	Node  *source.Node
}

// Problem is a config error at a place in the file.
type Problem struct {
	Path    string
	Start   int
	End     int
	Range   source.Range
	Message string
}

func (p Problem) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", p.Path, p.Range.Start.Line+1, p.Range.Start.Character+1, p.Message)
}

func problem(f *source.File, n *source.Node, format string, args ...any) *Problem {
	return &Problem{Path: f.Path, Start: n.Start, End: n.End, Range: f.Range(n), Message: fmt.Sprintf(format, args...)}
}

// literal converts a syntax node holding Elixir data into Go values. Anything that would
// need evaluation (calls, variables, operators, interpolation) is refused.
func literal(f *source.File, n *source.Node) (any, *Problem) {
	n = elixir.Unwrap(n)
	switch n.Type() {
	case "atom", "quoted_atom":
		a, ok := elixir.AtomName(f, n)
		if !ok {
			return nil, problem(f, n, "interpolated atoms are not allowed: the config is read as data")
		}
		return Atom(a), nil
	case "boolean":
		return f.Slice(n) == "true", nil
	case "nil":
		return nil, nil
	case "integer":
		v, err := strconv.ParseInt(strings.ReplaceAll(f.Slice(n), "_", ""), 0, 64)
		if err != nil {
			return nil, problem(f, n, "invalid integer %s", f.Slice(n))
		}
		return v, nil
	case "float":
		v, err := strconv.ParseFloat(strings.ReplaceAll(f.Slice(n), "_", ""), 64)
		if err != nil {
			return nil, problem(f, n, "invalid float %s", f.Slice(n))
		}
		return v, nil
	case "string":
		var sb strings.Builder
		for c := range n.Children() {
			if !c.Named {
				continue // the quotes
			}
			switch c.Type() {
			case "quoted_content":
				sb.WriteString(f.Slice(c))
			case "escape_sequence":
				s, err := strconv.Unquote(`"` + f.Slice(c) + `"`)
				if err != nil {
					return nil, problem(f, c, "unsupported escape %s", f.Slice(c))
				}
				sb.WriteString(s)
			default:
				return nil, problem(f, c, "string interpolation is not allowed: the config is read as data")
			}
		}
		return sb.String(), nil
	case "alias":
		return Alias(elixir.ModuleName(f, n)), nil
	case "list":
		els := elixir.Elements(n)
		allPairs := len(els) > 0
		for _, el := range els {
			allPairs = allPairs && el.Type() == "pair"
		}
		if allPairs {
			return keyword(f, els)
		}
		out := make([]any, 0, len(els))
		for _, el := range els {
			if el.Type() == "pair" {
				return nil, problem(f, el, "keywords must come last in a list")
			}
			v, p := literal(f, el)
			if p != nil {
				return nil, p
			}
			out = append(out, v)
		}
		return out, nil
	case "keywords":
		return keyword(f, elixir.PairNodes(n))
	}
	what := n.Type()
	if c, ok := elixir.AsCall(f, n); ok {
		what = "a call to " + c.Qualified()
	} else if n.Type() == "identifier" {
		what = "a variable"
	}
	return nil, problem(f, n, "%s is not allowed in .otpls.exs: it is read as data and never evaluated", what)
}

func keyword(f *source.File, pairs []*source.Node) (Keyword, *Problem) {
	out := make(Keyword, 0, len(pairs))
	for _, p := range pairs {
		key, val := p.Child("key"), p.Child("value")
		if key == nil || val == nil {
			return nil, problem(f, p, "malformed keyword entry")
		}
		k := strings.TrimSuffix(strings.TrimSpace(f.Slice(key)), ":")
		k = strings.Trim(k, `"`)
		v, prob := literal(f, val)
		if prob != nil {
			return nil, prob
		}
		out = append(out, KV{Key: k, Value: v, Node: p})
	}
	return out, nil
}
