package analysis

import (
	"fmt"
	"slices"
	"sort"
	"sync"
)

var (
	registryMu sync.Mutex
	registry   = map[string]*Analyzer{}
	// byCode is the registry ordered by code, kept sorted by Register: every file's run
	// asks for it.
	byCode []*Analyzer
)

// Register adds an analyzer; rule packages call it from init. Codes and names are unique.
func Register(a *Analyzer) {
	registryMu.Lock()
	defer registryMu.Unlock()
	if _, dup := registry[a.Code]; dup {
		panic(fmt.Sprintf("analyzer %s registered twice", a.Code))
	}
	for _, b := range registry {
		if b.Name == a.Name {
			panic(fmt.Sprintf("analyzer name %s used by %s and %s", a.Name, a.Code, b.Code))
		}
	}
	registry[a.Code] = a
	byCode = append(byCode, a)
	sort.Slice(byCode, func(i, j int) bool { return byCode[i].Code < byCode[j].Code })
}

// All returns the registered analyzers ordered by code (a copy the caller may change).
func All() []*Analyzer {
	registryMu.Lock()
	defer registryMu.Unlock()
	return slices.Clone(byCode)
}

// Lookup finds an analyzer by code ("OTP003", case-insensitive) or name.
func Lookup(codeOrName string) *Analyzer {
	for _, a := range All() {
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
