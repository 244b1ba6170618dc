package unsupervisedstart

import (
	"strings"

	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/source"
)

// startMFAFact: the functions a module's child specs name as their `start:` MFA
// (`start: {__MODULE__, :start_pooled, [ref, i]}`), as "Module.function", resolved. A
// supervisor calls such a function: the process it starts is supervised, wherever the
// spec is written (docs/rules/OTP004.md).
// A form's part is its MFAs as written.
var startMFAFact = index.NewFormFact("OTP004.start-mfas", func(fs index.FormSource) ([]string, bool) {
	if !strings.Contains(fs.File.Slice(fs.Form), "start:") {
		return nil, false // most forms: no walk
	}
	var out []string
	for n := range fs.Form.Subtree() {
		if mfa := startMFA(fs.File, n); mfa != "" {
			out = append(out, mfa)
		}
	}
	return out, len(out) > 0
}, func(ms index.ModuleSource, parts index.FormParts[[]string]) ([]string, bool) {
	var out []string
	for _, p := range parts.All() {
		for _, mfa := range p.Value {
			i := strings.LastIndexByte(mfa, '.') // "Mod.fun": the module may hold dots, the function not
			out = append(out, ms.Syntax.Resolve(mfa[:i])+mfa[i:])
		}
	}
	return out, len(out) > 0
})

// startMFA reads a `start: {Mod, :fun, args}` pair as "Mod.fun" (Mod as written), or "".
func startMFA(f *source.File, n *source.Node) string {
	if n.Type() != "pair" {
		return ""
	}
	key, v := n.Child("key"), elixir.Unwrap(n.Child("value"))
	if key == nil || v == nil || v.Type() != "tuple" || strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(f.Slice(key)), ":")) != "start" {
		return ""
	}
	els := elixir.Elements(v)
	if len(els) != 3 {
		return ""
	}
	mod := elixir.ModuleOrAtom(f, els[0])
	if fn, ok := elixir.AtomName(f, els[1]); ok && mod != "" && !strings.HasPrefix(mod, ":") {
		return mod + "." + fn
	}
	return ""
}

// startMFAView is every start MFA of the workspace, gathered once per snapshot.
var startMFAView = index.NewView("OTP004.start-mfas", func(s *index.Snapshot) map[string]bool {
	set := map[string]bool{}
	for _, h := range startMFAFact.In(s) {
		for _, mfa := range h.Value {
			set[mfa] = true
		}
	}
	return set
})
