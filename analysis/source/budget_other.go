//go:build !linux

package source

import (
	"time"

	sitter "github.com/smacker/go-tree-sitter"
)

// parseWatched parses input within budget of time on the clock: other systems than Linux
// are not read for a thread's processor time.
func parseWatched(p *sitter.Parser, old *sitter.Tree, input []byte, budget time.Duration) (*sitter.Tree, bool, error) {
	tree, err := parseTimed(p, old, input, budget)
	return tree, true, err
}
