package server

import (
	"encoding/json"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.uber.org/zap"
)

// The protocol's error answers. Codes come from jsonrpc2 (JSON-RPC's own) and protocol
// (LSP's); none is written as a number here.
var (
	errNotInitialized     = jsonrpc2.NewError(jsonrpc2.ServerNotInitialized, "server not initialized")
	errShutDown           = jsonrpc2.NewError(jsonrpc2.InvalidRequest, "server is shutting down")
	errAlreadyInitialized = jsonrpc2.NewError(jsonrpc2.InvalidRequest, "initialize was already received")
	errCancelled          = jsonrpc2.NewError(protocol.CodeRequestCancelled, "request cancelled")
)

// decodeParams decodes a message's params into a T: a go.lsp.dev/protocol type where
// protocol has one, else a small local type that says why. Every request and notification
// decodes its params here, so a malformed params object is always an InvalidParams error
// (answered to the request's id), never a zero value taken for the client's intent.
func decodeParams[T any](params json.RawMessage) (T, error) {
	var v T
	if err := json.Unmarshal(params, &v); err != nil {
		return v, jsonrpc2.NewError(jsonrpc2.InvalidParams, "invalid params: "+err.Error())
	}
	return v, nil
}

// notificationParams is decodeParams for a notification, which has no answer to carry the
// error: it is logged, and ok is false.
func notificationParams[T any](s *Server, method string, params json.RawMessage) (v T, ok bool) {
	v, err := decodeParams[T](params)
	if err != nil {
		s.log.Warn("malformed notification ignored", zap.String("method", method), zap.Error(err))
		return v, false
	}
	return v, true
}
