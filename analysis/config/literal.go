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
	return &Problem{Path: f.Path, Start: n.Start(), End: n.End(), Range: f.Range(n), Message: fmt.Sprintf(format, args...)}
}

// MaxDepth bounds how deeply lists and keyword lists of `.otpls.exs` may nest (the
// config's own shape needs four: [rules: [OTP003: [extra: ["A.f"]]]]). Reading is
// recursive, so without a bound a file of a million nested lists would exhaust the stack;
// a deeper value is refused as OTP091 and its entry ignored.
const MaxDepth = 32

// literal converts a syntax node holding Elixir data into Go values. Anything that would
// need evaluation (calls, variables, operators, interpolation) is refused. depth is the
// number of lists around n (1 for the value of a top-level entry).
func literal(f *source.File, n *source.Node, depth int) (any, *Problem) {
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
			if !c.Named() {
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
	case "list", "keywords":
		if depth >= MaxDepth {
			return nil, problem(f, n, "nested deeper than %d levels: the config is read as data of a few levels", MaxDepth)
		}
	}
	switch n.Type() {
	case "list":
		els := elixir.Elements(n)
		allPairs := len(els) > 0
		for _, el := range els {
			allPairs = allPairs && el.Type() == "pair"
		}
		if allPairs {
			return keyword(f, els, depth+1)
		}
		out := make([]any, 0, len(els))
		for _, el := range els {
			if el.Type() == "pair" {
				return nil, problem(f, el, "keywords must come last in a list")
			}
			v, p := literal(f, el, depth+1)
			if p != nil {
				return nil, p
			}
			out = append(out, v)
		}
		return out, nil
	case "keywords":
		return keyword(f, elixir.PairNodes(n), depth+1)
	}
	what := n.Type()
	if c, ok := elixir.AsCall(f, n); ok {
		what = "a call to " + c.Qualified()
	} else if n.Type() == "identifier" {
		what = "a variable"
	}
	return nil, problem(f, n, "%s is not allowed in .otpls.exs: it is read as data and never evaluated", what)
}

// keyword reads the pairs of a keyword list whose values are depth lists deep.
func keyword(f *source.File, pairs []*source.Node, depth int) (Keyword, *Problem) {
	out := make(Keyword, 0, len(pairs))
	for _, p := range pairs {
		key, val := p.Child("key"), p.Child("value")
		if key == nil || val == nil {
			return nil, problem(f, p, "malformed keyword entry")
		}
		k := strings.TrimSuffix(strings.TrimSpace(f.Slice(key)), ":")
		k = strings.Trim(k, `"`)
		v, prob := literal(f, val, depth)
		if prob != nil {
			return nil, prob
		}
		out = append(out, KV{Key: k, Value: v, Node: p})
	}
	return out, nil
}
