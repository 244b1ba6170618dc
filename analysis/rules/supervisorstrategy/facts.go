package supervisorstrategy

import (
	"strings"

	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/source"
)

var aliasesKey = source.NewDerivedKey()

// referencesFact is every module name a module writes (aliases resolved, each once): a child
// that names a sibling depends on it (docs/rules/OTP005.md). A form's part is the names it
// writes, as written, joined by NUL (which no name holds): most forms write one name, maybe
// several times, kept as the form's own text with nothing allocated.
var referencesFact = index.NewFormFact("OTP005.references", func(fs index.FormSource) (string, bool) {
	// Gathered once per file: a file may hold thousands of modules.
	aliases := fs.File.Derived(aliasesKey, func() any { return fs.File.NodesOfType("alias") }).([]*source.Node)
	written := source.Within(aliases, source.Start, fs.Form)
	if len(written) == 0 {
		return "", false
	}
	first := fs.File.Slice(written[0])
	one := true
	for _, n := range written[1:] {
		one = one && fs.File.Slice(n) == first
	}
	if one {
		return first, true
	}
	var b strings.Builder
	size := len(written) - 1
	for _, n := range written {
		size += n.Len()
	}
	b.Grow(size)
	for i, n := range written {
		if i > 0 {
			b.WriteByte(0)
		}
		b.WriteString(fs.File.Slice(n))
	}
	return b.String(), true
}, func(ms index.ModuleSource, parts index.FormParts[string]) ([]string, bool) {
	seen := map[string]bool{}
	var out []string
	for _, p := range parts.All() {
		for rest, more := p.Value, true; more; {
			var written string
			written, rest, more = strings.Cut(rest, "\x00")
			if name := ms.Syntax.Resolve(written); !seen[name] {
				seen[name] = true
				out = append(out, name)
			}
		}
	}
	return out, len(out) > 0
})
