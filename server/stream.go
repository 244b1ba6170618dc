package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"sync"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.uber.org/zap"
)

// Limits on one message. Past them the message is not decoded: a request is answered with
// an error to its id, a response to one of the server's requests fails that request, a
// notification is dropped; each is logged, and the connection goes on.
const (
	// maxJSONDepth bounds how deeply a message's arrays and objects nest. LSP messages
	// nest a few levels (settings a few more); the decoders recurse once per level, and a
	// message nested millions deep overflowed the stack and killed the server.
	maxJSONDepth = 256
	// maxMessageBytes bounds a message's body (Content-Length): a larger body is scanned
	// for its id as it is read and discarded, never held. It is far above any document the
	// server analyses (larger files are not analysed; see SECURITY.md).
	maxMessageBytes = 64 << 20
)

// stream frames LSP messages (Content-Length headers) like jsonrpc2.NewStream, with three
// differences. A body that is not valid JSON-RPC gets a JSON-RPC error response and the
// connection goes on, where the library's stream would fail the whole connection. A
// message past the limits above is refused before it is decoded. And bytes that are not a
// header (a stray byte between two frames) are logged and skipped up to the next
// Content-Length header, so that the stream resynchronises instead of reading every later
// message as a header line.
type stream struct {
	in  *bufio.Reader
	out io.Writer
	c   io.Closer
	mu  sync.Mutex // serialises writes
	// log receives what the stream skips or refuses (the server sets it; see serve).
	log *zap.Logger
	// maxBytes is maxMessageBytes (tests lower it, to send a message past it quickly).
	maxBytes int64
}

func newStream(r io.Reader, w io.Writer, c io.Closer) *stream {
	return &stream{in: bufio.NewReader(r), out: w, c: c, log: zap.NewNop(), maxBytes: maxMessageBytes}
}

func (s *stream) Read(ctx context.Context) (jsonrpc2.Message, int64, error) {
	for {
		if err := ctx.Err(); err != nil {
			return nil, 0, err
		}
		data, shape, n, err := s.readFrame()
		if err != nil {
			return nil, n, err
		}
		if problem := s.pastLimits(shape); problem != "" {
			msg, err := s.refuse(shape, problem)
			if msg != nil || err != nil {
				return msg, n, err
			}
			continue
		}
		msg, err := jsonrpc2.DecodeMessage(data)
		if _, isResponse := msg.(*jsonrpc2.Response); err == nil && isResponse && !shape.hasResult {
			// An id with no method, result or error is neither a request nor a response
			// (the library would take it for a response and drop it silently).
			err = fmt.Errorf("message has an id but no method, result or error")
		}
		if err == nil {
			return msg, n, nil
		}
		code, text := jsonrpc2.ParseError, "parse error: "+err.Error()
		id := json.RawMessage("null")
		if json.Valid(data) {
			code, text = jsonrpc2.InvalidRequest, "invalid request: "+err.Error()
			if raw := shape.rawID(); raw != nil {
				id = raw
			}
		}
		if err := s.writeRaw(errorResponse{JSONRPC: "2.0", ID: id, Error: jsonrpc2.Error{Code: code, Message: text}}); err != nil {
			return nil, n, err
		}
	}
}

// pastLimits says which limit a message is past ("" when none).
func (s *stream) pastLimits(shape *jsonShape) string {
	switch {
	case int64(shape.offset) > s.maxBytes:
		return fmt.Sprintf("message of %d bytes is larger than the %d bytes otpls reads", shape.offset, s.maxBytes)
	case shape.deepest > maxJSONDepth:
		return fmt.Sprintf("message nests arrays and objects %d levels deep, more than the %d otpls reads", shape.deepest, maxJSONDepth)
	}
	return ""
}

// refuse answers a message that is not decoded: an error to a request's id, or, for a
// response to one of the server's own requests, that request's failure (returned as the
// message to deliver, so that the call waiting for it ends).
func (s *stream) refuse(shape *jsonShape, problem string) (jsonrpc2.Message, error) {
	id := shape.rawID()
	s.log.Warn("message refused", zap.String("problem", problem), zap.ByteString("id", id))
	if shape.isResponse() {
		var rid jsonrpc2.ID
		if len(id) == 0 || json.Unmarshal(id, &rid) != nil {
			return nil, nil // not an id the server gave: nothing waits for it
		}
		return jsonrpc2.NewResponse(rid, nil, fmt.Errorf("the client's answer was refused: %s", problem))
	}
	s.notifyClient("otpls: " + problem + "; it was ignored")
	if shape.hasMethod && !shape.hasID {
		return nil, nil // a notification: nothing to answer
	}
	code := jsonrpc2.InvalidRequest
	if id == nil {
		id, code = json.RawMessage("null"), jsonrpc2.ParseError
	}
	return nil, s.writeRaw(errorResponse{JSONRPC: "2.0", ID: id, Error: jsonrpc2.Error{Code: code, Message: problem}})
}

// notifyClient shows text in the client's log (window/logMessage, which LSP allows at any
// time, even before initialize), so that the user sees why a message had no effect.
func (s *stream) notifyClient(text string) {
	err := s.writeRaw(struct {
		JSONRPC string                    `json:"jsonrpc"`
		Method  string                    `json:"method"`
		Params  protocol.LogMessageParams `json:"params"`
	}{"2.0", "window/logMessage", protocol.LogMessageParams{Type: protocol.MessageTypeWarning, Message: text}})
	if err != nil {
		s.log.Warn("window/logMessage failed", zap.Error(err))
	}
}

// errorResponse is a JSON-RPC error response to a message the library could not decode,
// whose id (or null) is kept as the client wrote it.
type errorResponse struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Error   jsonrpc2.Error  `json:"error"`
}

// readFrame reads the next frame and scans its shape (jsonShape). A body over the size
// limit is scanned as it is discarded, and data is nil.
func (s *stream) readFrame() (data []byte, shape *jsonShape, n int64, err error) {
	length, n, err := s.readHeader()
	if err != nil {
		return nil, nil, n, err
	}
	shape = newJSONShape()
	if length > s.maxBytes {
		m, err := io.CopyN(shape, s.in, length)
		if err != nil {
			return nil, nil, n + m, fmt.Errorf("reading body: %w", err)
		}
		return nil, shape, n + m, nil
	}
	data = make([]byte, length)
	if _, err := io.ReadFull(s.in, data); err != nil {
		return nil, nil, n, fmt.Errorf("reading body: %w", err)
	}
	shape.Write(data)
	return data, shape, n + length, nil
}

// readHeader reads a frame's header block and returns its Content-Length.
func (s *stream) readHeader() (length, n int64, err error) {
	var total int64
	length = -1
	for {
		line, err := s.in.ReadSlice('\n')
		total += int64(len(line))
		if err != nil && err != bufio.ErrBufferFull {
			return 0, total, fmt.Errorf("reading header: %w", err)
		}
		text := bytes.TrimSpace(line)
		if len(text) == 0 {
			if length >= 0 {
				return length, total, nil
			}
			continue // blank lines between messages are tolerated
		}
		if length < 0 {
			if v, ok := parseContentLength(text); ok {
				length = v
				continue
			}
		}
		if isHeaderField(text) && err == nil {
			continue // Content-Type, or another header otpls has no use for
		}
		return 0, total, fmt.Errorf("invalid header line %q", line)
	}
}

// parseContentLength reads a "Content-Length: n" header line.
func parseContentLength(line []byte) (int64, bool) {
	name, value, ok := bytes.Cut(line, []byte(":"))
	if !ok || !bytes.EqualFold(bytes.TrimSpace(name), []byte("Content-Length")) {
		return 0, false
	}
	v, err := strconv.ParseInt(string(bytes.TrimSpace(value)), 10, 64)
	return v, err == nil && v >= 0
}

// isHeaderField reports whether line has the form of a header field ("Name: value", the
// name a token).
func isHeaderField(line []byte) bool {
	name, _, ok := bytes.Cut(line, []byte(":"))
	if !ok || len(name) == 0 {
		return false
	}
	for _, c := range name {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

func (s *stream) Write(ctx context.Context, msg jsonrpc2.Message) (int64, error) {
	data, err := json.Marshal(msg)
	if err != nil {
		return 0, fmt.Errorf("marshaling message: %w", err)
	}
	return s.writeBytes(data)
}

func (s *stream) writeRaw(v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = s.writeBytes(data)
	return err
}

func (s *stream) writeBytes(data []byte) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n, err := fmt.Fprintf(s.out, "Content-Length: %d\r\n\r\n", len(data))
	if err != nil {
		return int64(n), err
	}
	m, err := s.out.Write(data)
	return int64(n + m), err
}

func (s *stream) Close() error {
	if s.c != nil {
		return s.c.Close()
	}
	return nil
}
