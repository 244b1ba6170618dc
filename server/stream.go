package server

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

	"go.lsp.dev/jsonrpc2"
)

// stream frames LSP messages (Content-Length headers) like jsonrpc2.NewStream, but a body
// that is not valid JSON-RPC gets a JSON-RPC error response and the connection goes on,
// where the library's stream would fail the whole connection. Broken framing (a header
// that cannot be read) still ends the connection: the byte stream cannot be trusted after it.
type stream struct {
	in  *bufio.Reader
	out io.Writer
	c   io.Closer
	mu  sync.Mutex // serialises writes
}

func newStream(r io.Reader, w io.Writer, c io.Closer) *stream {
	return &stream{in: bufio.NewReader(r), out: w, c: c}
}

func (s *stream) Read(ctx context.Context) (jsonrpc2.Message, int64, error) {
	for {
		if err := ctx.Err(); err != nil {
			return nil, 0, err
		}
		data, n, err := s.readFrame()
		if err != nil {
			return nil, n, err
		}
		msg, err := jsonrpc2.DecodeMessage(data)
		if _, isResponse := msg.(*jsonrpc2.Response); err == nil && isResponse && !hasResultOrError(data) {
			// An id with no method, result or error is neither a request nor a response
			// (the library would take it for a response and drop it silently).
			err = fmt.Errorf("message has an id but no method, result or error")
		}
		if err == nil {
			return msg, n, nil
		}
		code, text := jsonrpc2.ParseError, "parse error: "+err.Error()
		var probe struct {
			ID json.RawMessage `json:"id"`
		}
		id := json.RawMessage("null")
		if json.Unmarshal(data, &probe) == nil {
			code, text = jsonrpc2.InvalidRequest, "invalid request: "+err.Error()
			if len(probe.ID) > 0 {
				id = probe.ID
			}
		}
		if err := s.writeRaw(errorResponse{JSONRPC: "2.0", ID: id, Error: jsonrpc2.Error{Code: code, Message: text}}); err != nil {
			return nil, n, err
		}
	}
}

// errorResponse is a JSON-RPC error response to a message the library could not decode,
// whose id (or null) is kept as the client wrote it.
type errorResponse struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Error   jsonrpc2.Error  `json:"error"`
}

func (s *stream) readFrame() ([]byte, int64, error) {
	var total, length int64
	for {
		line, err := s.in.ReadString('\n')
		total += int64(len(line))
		if err != nil {
			return nil, total, fmt.Errorf("reading header: %w", err)
		}
		line = strings.TrimSpace(line)
		if line == "" {
			if length == 0 {
				continue // tolerate blank lines between messages
			}
			break
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			return nil, total, fmt.Errorf("invalid header line %q", line)
		}
		if strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			length, err = strconv.ParseInt(strings.TrimSpace(value), 10, 32)
			if err != nil || length <= 0 {
				return nil, total, fmt.Errorf("invalid Content-Length %q", value)
			}
		}
	}
	data := make([]byte, length)
	if _, err := io.ReadFull(s.in, data); err != nil {
		return nil, total, fmt.Errorf("reading body: %w", err)
	}
	return data, total + length, nil
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

func hasResultOrError(data []byte) bool {
	var keys map[string]json.RawMessage
	if json.Unmarshal(data, &keys) != nil {
		return false
	}
	_, result := keys["result"]
	_, failure := keys["error"]
	return result || failure
}
