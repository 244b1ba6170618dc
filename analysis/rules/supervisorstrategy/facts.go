package supervisorstrategy

import (
	"slices"
	"strings"

	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/source"
)

var aliasesKey = source.NewDerivedKey()

// referencesFact is every module name a module writes (aliases resolved, each once): a child
// that names a sibling depends on it (docs/rules/OTP005.md). A form's part is the names it
// writes, as written, each once (past the first eight, names may repeat: combining drops
// what resolves to a name already seen), joined by NUL, which no name holds. Most forms
// write one name: the part is the form's own text, nothing allocated.
var referencesFact = index.NewFormFact("OTP005.references", func(fs index.FormSource) (string, bool) {
	// Gathered once per file: a file may hold thousands of modules.
	aliases := fs.File.Derived(aliasesKey, func() any { return fs.File.NodesOfType("alias") }).([]*source.Node)
	var buf [8]string
	names, size := buf[:0], -1
	for _, n := range source.Within(aliases, source.Start, fs.Form) {
		if name := fs.File.Slice(n); len(names) > len(buf) || !slices.Contains(names, name) {
			names, size = append(names, name), size+1+len(name)
		}
	}
	switch len(names) {
	case 0:
		return "", false
	case 1:
		return names[0], true
	}
	var b strings.Builder
	b.Grow(size)
	for i, name := range names {
		if i > 0 {
			b.WriteByte(0)
		}
		b.WriteString(name)
	}
	return b.String(), true
}, func(ms index.ModuleSource, parts index.FormParts[string]) ([]string, bool) {
	// A module writes a few names, mostly again and again (its own, a Repo): each is
	// resolved and looked for among those kept, and only a new one is copied out of the
	// text (ms.Resolve's copy); a set is made only for a module that writes many.
	var out []string
	var seen map[string]bool
	for _, p := range parts.All() {
		for rest, more := p.Value, true; more; {
			var written string
			written, rest, more = strings.Cut(rest, "\x00")
			name := ms.Syntax.Resolve(written)
			if seen != nil && seen[name] || seen == nil && slices.Contains(out, name) {
				continue
			}
			name = strings.Clone(name)
			out = append(out, name)
			if seen != nil {
				seen[name] = true
			} else if len(out) == manyNames {
				seen = make(map[string]bool, 2*manyNames)
				for _, n := range out {
					seen[n] = true
				}
			}
		}
	}
	return out, len(out) > 0
})

// manyNames is the number of names past which a module's are deduplicated by a set
// rather than by a look along the list.
const manyNames = 16
