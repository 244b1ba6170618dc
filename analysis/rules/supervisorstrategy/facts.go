package supervisorstrategy

import (
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/source"
)

var aliasesKey = source.NewDerivedKey()

// referencesFact is every module name a module writes (aliases resolved, each once): a child
// that names a sibling depends on it (docs/rules/OTP005.md). A form's part is the names it
// writes, as written.
var referencesFact = index.NewFormFact("OTP005.references", func(fs index.FormSource) ([]string, bool) {
	// Gathered once per file: a file may hold thousands of modules.
	aliases := fs.File.Derived(aliasesKey, func() any { return fs.File.NodesOfType("alias") }).([]*source.Node)
	var out []string
	for _, n := range source.Within(aliases, source.Start, fs.Form) {
		out = append(out, fs.File.Slice(n))
	}
	return out, len(out) > 0
}, func(ms index.ModuleSource, parts func() []index.FormPart[[]string]) ([]string, bool) {
	seen := map[string]bool{}
	var out []string
	for _, p := range parts() {
		for _, written := range p.Value {
			if name := ms.Syntax.Resolve(written); !seen[name] {
				seen[name] = true
				out = append(out, name)
			}
		}
	}
	return out, len(out) > 0
})
