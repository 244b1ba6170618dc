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
// differences (SECURITY.md states them for users). A body that is not valid JSON-RPC gets
// a JSON-RPC error response and the connection goes on, where the library's stream would
// fail the whole connection. A message past the limits above is refused before it is
// decoded. And bytes that are not a header (a stray byte between two frames) are logged
// and skipped up to the next Content-Length header, so that the stream resynchronises
// instead of reading every later message as a header line.
type stream struct {
	in  *bufio.Reader
	out io.Writer
	c   io.Closer
	mu  sync.Mutex // serialises writes
	// log receives what the stream skips or refuses (the server sets it; see serve).
	log *zap.Logger
	// maxBytes is maxMessageBytes (tests lower it, to send a message past it quickly).
	maxBytes int64
	// skipped counts the bytes skipped since the last header that could be read.
	skipped int64
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
		data = withEmptyIDReplaced(data, shape)
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
		if decodeID(id, &rid) != nil {
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
		// Said now, not once the body is read: a Content-Length of terabytes would
		// otherwise keep the server silently reading.
		s.log.Warn("discarding a message larger than the limit as it arrives", zap.Int64("bytes", length), zap.Int64("limit", s.maxBytes))
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

// readHeader reads a frame's header block and returns its Content-Length. Bytes that are
// not a header (a stray byte between two frames, the rest of a body whose Content-Length
// was too short) are logged and skipped up to the next Content-Length header, found even
// inside a line ("xContent-Length: 52"): one bad byte costs at most the frame it is in,
// where it used to make every later message, shutdown and exit included, read as headers.
func (s *stream) readHeader() (length, n int64, err error) {
	length = -1
	var carry []byte // the end of a line too long for the buffer (see below)
	for {
		piece, err := s.in.ReadSlice('\n')
		n += int64(len(piece))
		cut := err == bufio.ErrBufferFull
		if err != nil && !cut {
			if s.skipped > 0 || len(carry) > 0 {
				s.log.Warn("stream ended in bytes that are not an LSP header", zap.Int64("skipped", s.skipped+int64(len(carry))))
			}
			return 0, n, fmt.Errorf("reading header: %w", err)
		}
		line := piece
		if carry != nil {
			line, carry = append(carry, piece...), nil
		}
		if cut {
			// No header is this long: skip the line, but keep its last bytes, which may
			// begin a Content-Length header that the next piece completes.
			keep := min(len(line), headerCarry)
			s.skip(line[:len(line)-keep])
			carry = bytes.Clone(line[len(line)-keep:])
			continue
		}
		text := bytes.TrimSpace(line)
		if len(text) == 0 {
			if length >= 0 {
				s.resynchronised()
				return length, n, nil
			}
			continue // blank lines between messages are tolerated
		}
		if at := indexFold(text, contentLength); at >= 0 {
			if v, ok := parseContentLength(text[at:]); ok {
				s.skip(text[:at])
				length = v // a later Content-Length wins: the earlier frame was cut short
				continue
			}
		} else if isHeaderField(text) {
			continue // Content-Type, or another header otpls has no use for
		}
		s.skip(text)
	}
}

// headerCarry is how many bytes of an over-long line are kept to be read again with the
// rest of it: more than any "Content-Length: n" header.
const headerCarry = 64

var contentLength = []byte("content-length")

// skip logs bytes that are not a header: the first ones of a run (truncated) when the run
// begins, and how many there were once a header is found again (resynchronised).
func (s *stream) skip(garbage []byte) {
	if len(garbage) == 0 {
		return
	}
	if s.skipped == 0 {
		shown := bytes.Clone(garbage[:min(len(garbage), 64)]) // garbage is the reader's buffer
		s.log.Warn("skipping bytes that are not an LSP header, up to the next Content-Length", zap.ByteString("bytes", shown))
		s.notifyClient(fmt.Sprintf("otpls: skipping bytes that are not an LSP header (%q...) up to the next Content-Length", shown))
	}
	s.skipped += int64(len(garbage))
}

func (s *stream) resynchronised() {
	if s.skipped > 0 {
		s.log.Warn("found a Content-Length header again", zap.Int64("skipped", s.skipped))
		s.skipped = 0
	}
}

// indexFold is bytes.Index ignoring ASCII case.
func indexFold(s, sub []byte) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if bytes.EqualFold(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

// parseContentLength reads a "Content-Length: n" header line.
func parseContentLength(line []byte) (int64, bool) {
	name, value, ok := bytes.Cut(line, []byte(":"))
	if !ok || !bytes.EqualFold(bytes.TrimSpace(name), contentLength) {
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
	if r, ok := msg.(*jsonrpc2.Response); ok && r.ID() == emptyStringID {
		return s.writeEmptyIDResponse(r)
	}
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

// The id "" is a valid JSON-RPC id, but jsonrpc2.ID cannot hold it: it takes an empty
// name for the number 0, so a request with id "" was answered with id 0. The stream gives
// such a request emptyStringID instead, and writes its response with "" again. The
// stand-in is a string no client sends by accident.
var emptyStringID = jsonrpc2.NewStringID("\x00otpls-empty-string-id")

// withEmptyIDReplaced returns data with a top-level id "" replaced by emptyStringID.
func withEmptyIDReplaced(data []byte, shape *jsonShape) []byte {
	if string(shape.rawID()) != `""` {
		return data
	}
	stand, _ := json.Marshal(&emptyStringID)
	out := make([]byte, 0, len(data)+len(stand))
	out = append(out, data[:shape.idStart]...)
	out = append(out, stand...)
	return append(out, data[shape.idEnd:]...)
}

// decodeID decodes a raw JSON-RPC id as the stream hands it to the connection (an id ""
// becomes emptyStringID, see above).
func decodeID(raw json.RawMessage, id *jsonrpc2.ID) error {
	if string(bytes.TrimSpace(raw)) == `""` {
		*id = emptyStringID
		return nil
	}
	if len(raw) == 0 {
		return fmt.Errorf("no id")
	}
	return json.Unmarshal(raw, id)
}

func (s *stream) writeEmptyIDResponse(r *jsonrpc2.Response) (int64, error) {
	out := struct {
		JSONRPC string           `json:"jsonrpc"`
		ID      string           `json:"id"`
		Result  *json.RawMessage `json:"result,omitempty"`
		Error   *jsonrpc2.Error  `json:"error,omitempty"`
	}{JSONRPC: "2.0"}
	if err := r.Err(); err != nil {
		e, ok := err.(*jsonrpc2.Error)
		if !ok {
			e = jsonrpc2.NewError(jsonrpc2.InternalError, err.Error())
		}
		out.Error = e
	} else {
		result := r.Result()
		if result == nil {
			result = json.RawMessage("null")
		}
		out.Result = &result
	}
	data, err := json.Marshal(out)
	if err != nil {
		return 0, fmt.Errorf("marshaling message: %w", err)
	}
	return s.writeBytes(data)
}
