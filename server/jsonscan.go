package server

import (
	"bytes"
	"encoding/json"
)

// jsonShape is what one pass over a message's bytes tells before anything decodes them:
// how deeply its arrays and objects nest, and the members of its top-level object that say
// what it is (an "id", a "method", a "result" or "error"). The JSON decoders recurse once
// per level of nesting, so a message of two million "[" overflows the stack and kills the
// process; this scan keeps a counter instead of a stack, reads its input in any number of
// pieces (a message too large to keep is scanned as it is discarded) and holds at most a
// few hundred bytes, so it is safe on any input. It does not validate: the decoder does
// that, once the shape is known to be safe to decode.
type jsonShape struct {
	depth, deepest int
	inString       bool
	escaped        bool
	offset         int // bytes scanned so far

	member  memberState
	name    []byte // the top-level member name being read (capped at maxNameBytes)
	current string // the top-level member whose value is being read

	// id is the raw value of the top-level "id" member (capped at maxIDBytes; idCut when
	// longer); idStart and idEnd are its offsets in the message.
	id             []byte
	idStart, idEnd int
	idCut          bool
	hasID          bool
	hasMethod      bool
	hasResult      bool
}

type memberState int

const (
	outside   memberState = iota // not in the top-level object (or it is not an object)
	nameNext                     // a member name comes next
	inName                       // reading a member name
	colonNext                    // the name was read; its ":" comes next
	inValue                      // reading the value of member current
)

const (
	maxNameBytes = 16  // longer names are none otpls looks for
	maxIDBytes   = 256 // a longer id is not one otpls can answer to
)

func newJSONShape() *jsonShape { return &jsonShape{idStart: -1, idEnd: -1} }

// Write scans the next piece of the message (it never fails: io.Writer for io.Copy).
func (s *jsonShape) Write(p []byte) (int, error) {
	// The next quote and backslash at or after i (len(p): none), found again only once i
	// has passed them, so that each byte is searched once.
	quote, backslash := -1, -1
	for i := 0; i < len(p); i++ {
		if s.inString && !s.escaped && !s.capturing() {
			// Most of a message's bytes are inside strings (a document's text): only a
			// quote or a backslash matters there, and IndexByte finds them many bytes
			// at a time.
			if quote < i {
				quote = indexFrom(p, i, '"')
			}
			if backslash < i {
				backslash = indexFrom(p, i, '\\')
			}
			if i = min(quote, backslash); i == len(p) {
				break
			}
		}
		s.scan(s.offset+i, p[i])
	}
	s.offset += len(p)
	return len(p), nil
}

// indexFrom is the index of the first c in p at or after from, or len(p).
func indexFrom(p []byte, from int, c byte) int {
	if i := bytes.IndexByte(p[from:], c); i >= 0 {
		return from + i
	}
	return len(p)
}

// capturing reports whether the bytes being scanned are kept (a top-level member name, or
// the id's value).
func (s *jsonShape) capturing() bool {
	return s.member == inName && s.depth == 1 || s.member == inValue && s.current == "id"
}

func (s *jsonShape) scan(pos int, b byte) {
	if s.inString {
		switch {
		case s.escaped:
			s.escaped = false
		case b == '\\':
			s.escaped = true
		case b == '"':
			s.inString = false
			if s.depth == 1 && s.member == inName {
				s.member = colonNext
				return
			}
		}
		s.capture(pos, b)
		return
	}
	switch b {
	case '"':
		s.inString = true
		if s.depth == 1 && s.member == nameNext {
			s.member, s.name = inName, s.name[:0]
			return
		}
	case '{', '[':
		s.depth++
		s.deepest = max(s.deepest, s.depth)
		if s.depth == 1 {
			if b == '{' {
				s.member = nameNext
			}
			return
		}
	case '}', ']', ',':
		if s.depth != 1 {
			s.capture(pos, b)
		} else {
			s.endValue()
			if b == ',' {
				s.member = nameNext
			}
		}
		if b != ',' && s.depth > 0 {
			s.depth--
			if s.depth == 0 {
				s.member = outside
			}
		}
		return
	case ':':
		if s.depth == 1 && s.member == colonNext {
			s.startValue()
			return
		}
	}
	s.capture(pos, b)
}

// capture keeps the bytes of a top-level member name, and of the id's value.
func (s *jsonShape) capture(pos int, b byte) {
	switch {
	case s.member == inName && s.depth == 1:
		if s.inString && len(s.name) <= maxNameBytes {
			s.name = append(s.name, b)
		}
	case s.member == inValue && s.current == "id":
		if s.idStart < 0 {
			if isJSONSpace(b) {
				return
			}
			s.idStart, s.hasID = pos, true
		}
		if len(s.id) < maxIDBytes {
			s.id = append(s.id, b)
		} else {
			s.idCut = true
		}
	}
}

func (s *jsonShape) startValue() {
	s.member, s.current = inValue, memberName(s.name)
	switch s.current {
	case "method":
		s.hasMethod = true
	case "result", "error":
		s.hasResult = true
	}
}

func (s *jsonShape) endValue() {
	if s.member == inValue && s.current == "id" && s.idStart >= 0 && s.idEnd < 0 {
		s.id = bytes.TrimRight(s.id, " \t\r\n")
		s.idEnd = s.idStart + len(s.id)
	}
	s.current = ""
}

// memberName decodes a member name's raw bytes (escapes are rare: decode only then).
func memberName(raw []byte) string {
	if len(raw) > maxNameBytes {
		return ""
	}
	if bytes.IndexByte(raw, '\\') < 0 {
		return string(raw)
	}
	var name string
	if json.Unmarshal(append(append([]byte{'"'}, raw...), '"'), &name) != nil {
		return ""
	}
	return name
}

func isJSONSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\r' || b == '\n' }

// rawID is the message's id as written (nil when it has none otpls can answer to: none at
// all, cut short, or not a JSON string or number).
func (s *jsonShape) rawID() json.RawMessage {
	if !s.hasID || s.idCut || s.idEnd < 0 || len(s.id) == 0 {
		return nil
	}
	if c := s.id[0]; c != '"' && c != '-' && (c < '0' || c > '9') {
		return nil
	}
	if !json.Valid(s.id) {
		return nil
	}
	return json.RawMessage(s.id)
}

// isResponse reports whether the message is a response to one of the server's requests.
func (s *jsonShape) isResponse() bool { return s.hasID && !s.hasMethod && s.hasResult }
