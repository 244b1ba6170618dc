package server

import (
	"context"
	"encoding/json"

	"github.com/otpls/otpls/analysis/supervision"
)

// supervisionTree answers the custom request otpls/supervisionTree (params `{}`): the
// supervision forest of the workspace as indexed now, open documents' unsaved text
// included, in the JSON `otpls tree --format json` prints (docs/tree.md). It is answered
// at once from the current snapshot: while the workspace is being indexed the forest
// holds the files indexed so far, and a client asks again when the indexing progress
// ends or files change.
func (s *Server) supervisionTree(_ context.Context, _ json.RawMessage) (any, error) {
	return supervision.Build(s.ws.Snapshot()), nil
}
