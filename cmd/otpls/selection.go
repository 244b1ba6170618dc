package main

import (
	"flag"
	"fmt"
	"strings"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/config"
)

// selection is the --select and --ignore flags of check and fix: which rules run, for
// this run, whatever .otpls.exs turns on or off.
type selection struct {
	selected, ignored codeList
}

// codeList is a repeatable flag of comma-separated rule codes.
type codeList []string

func (l *codeList) String() string { return strings.Join(*l, ",") }

func (l *codeList) Set(v string) error {
	for _, c := range strings.Split(v, ",") {
		if c = strings.TrimSpace(c); c != "" {
			*l = append(*l, c)
		}
	}
	return nil
}

func addSelectionFlags(fs *flag.FlagSet) *selection {
	s := &selection{}
	fs.Var(&s.selected, "select", "run only these rules: codes, code prefixes (OTP01) or names, comma-separated, repeatable")
	fs.Var(&s.ignored, "ignore", "do not run these rules (same forms as --select; wins over it)")
	return s
}

// apply returns the rules of the run: those selected (all when nothing is), less those
// ignored. A selected rule runs even when the config turns it off (its options and
// severity still come from the config, and test files keep its default scope); an ignored
// one does not run even when the config turns it on. A pattern that matches no rule is an
// error, and so is a selection that leaves none: a typo would otherwise silently check
// nothing or everything.
func (s *selection) apply(rules []*analysis.Analyzer, cfg *config.Config) ([]*analysis.Analyzer, error) {
	for _, list := range []struct {
		flag     string
		patterns codeList
	}{{"--select", s.selected}, {"--ignore", s.ignored}} {
		for _, p := range list.patterns {
			if !matchesAny(rules, p) {
				return nil, fmt.Errorf("%s %s: no rule has this code, code prefix or name (`otpls rules` lists them)", list.flag, quoted(p))
			}
		}
	}
	if len(s.selected) == 0 && len(s.ignored) == 0 {
		return rules, nil
	}
	var out []*analysis.Analyzer
	for _, a := range rules {
		chosen := len(s.selected) == 0 || matchesOne(a, s.selected)
		if !chosen || matchesOne(a, s.ignored) {
			continue
		}
		if len(s.selected) > 0 {
			if r, ok := cfg.Rules[a.Code]; ok && r.Enabled != nil && !*r.Enabled {
				r.Enabled = nil // the rule's default scope, as if the config did not mention it
				cfg.Rules[a.Code] = r
			}
		}
		out = append(out, a)
	}
	if len(out) == 0 {
		// (and an empty list would read as "every rule" further down)
		return nil, fmt.Errorf("--select %s --ignore %s leaves no rule to run", quoted(s.selected.String()), quoted(s.ignored.String()))
	}
	return out, nil
}

// matches reports whether pattern names a: its code, a prefix of its code ("OTP01",
// case-insensitive), or its name.
func matches(a *analysis.Analyzer, pattern string) bool {
	p := strings.ToUpper(pattern)
	return a.Name == pattern || (strings.HasPrefix(p, "OTP") && strings.HasPrefix(a.Code, p))
}

func matchesOne(a *analysis.Analyzer, patterns []string) bool {
	for _, p := range patterns {
		if matches(a, p) {
			return true
		}
	}
	return false
}

func matchesAny(rules []*analysis.Analyzer, pattern string) bool {
	for _, a := range rules {
		if matches(a, pattern) {
			return true
		}
	}
	return false
}
