package supervisorstrategy

import (
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/source"
)

var aliasesKey = source.NewDerivedKey()

// referencesFact is every module name a module writes (aliases resolved, each once): a child
// that names a sibling depends on it (docs/rules/OTP005.md).
var referencesFact = index.NewFact("OTP005.references", func(ms index.ModuleSource) ([]string, bool) {
	// Gathered once per file: a file may hold thousands of modules.
	aliases := ms.File.Derived(aliasesKey, func() any { return ms.File.NodesOfType("alias") }).([]*source.Node)
	seen := map[string]bool{}
	var out []string
	for _, form := range ms.Forms {
		for _, n := range source.Within(aliases, source.Start, form) {
			if name := ms.Syntax.Resolve(ms.File.Slice(n)); !seen[name] {
				seen[name] = true
				out = append(out, name)
			}
		}
	}
	return out, len(out) > 0
})
