package analysis

import (
	"fmt"
	"slices"
	"sort"
	"sync"
)

var (
	registryMu sync.Mutex
	// registry holds the analyzers ordered by code, kept sorted by Register: every file's
	// run asks for them in that order.
	registry []*Analyzer
)

// Register adds an analyzer to the process-wide set that Run uses when given none: the
// rule list (package analysis/rules/all) registers its Analyzers, and nothing else should
// (tests pass their analyzers explicitly). Codes and names are unique.
func Register(a *Analyzer) {
	registryMu.Lock()
	defer registryMu.Unlock()
	for _, b := range registry {
		if b.Code == a.Code {
			panic(fmt.Sprintf("analyzer %s registered twice", a.Code))
		}
		if b.Name == a.Name {
			panic(fmt.Sprintf("analyzer name %s used by %s and %s", a.Name, a.Code, b.Code))
		}
	}
	registry = append(registry, a)
	sort.Slice(registry, func(i, j int) bool { return registry[i].Code < registry[j].Code })
}

// All returns the registered analyzers ordered by code (a copy the caller may change).
func All() []*Analyzer {
	registryMu.Lock()
	defer registryMu.Unlock()
	return slices.Clone(registry)
}

// Lookup finds a registered analyzer by code ("OTP003", case-insensitive) or name.
func Lookup(codeOrName string) *Analyzer { return Find(All(), codeOrName) }

// Find finds an analyzer of list by code ("OTP003", case-insensitive) or name.
func Find(list []*Analyzer, codeOrName string) *Analyzer {
	for _, a := range list {
		if equalFold(a.Code, codeOrName) || a.Name == codeOrName {
			return a
		}
	}
	return nil
}

func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'a' <= x && x <= 'z' {
			x -= 32
		}
		if 'a' <= y && y <= 'z' {
			y -= 32
		}
		if x != y {
			return false
		}
	}
	return true
}
