package supervisorstrategy

import (
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/source"
)

// referencesFact is every module name a module writes (aliases resolved, each once): a child
// that names a sibling depends on it (docs/rules/OTP005.md).
var referencesFact = index.NewFact("OTP005.references", func(ms index.ModuleSource) ([]string, bool) {
	aliases := ms.File.NodesOfType("alias")
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
