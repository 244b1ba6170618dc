package source

import (
	"context"
	"errors"
	"time"

	sitter "github.com/smacker/go-tree-sitter"
)

// parseTimed parses input with tree-sitter's own time limit, which counts time on the
// clock: where a thread's processor time cannot be read (see parseWatched).
func parseTimed(p *sitter.Parser, old *sitter.Tree, input []byte, budget time.Duration) (*sitter.Tree, error) {
	p.SetOperationLimit(int(budget.Microseconds()))
	tree, err := p.ParseCtx(context.Background(), old, input)
	if errors.Is(err, sitter.ErrOperationLimit) {
		return nil, errParseBudget
	}
	return tree, err
}
