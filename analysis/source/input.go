package source

// What tree-sitter reads is the text with two byte-for-byte substitutions, so that every
// offset still means the same place in the user's text (the syntax tree's nodes are
// offsets; lines and columns are computed from the real text, see LineIndex):
//
//   - A lone carriage return (not followed by a line feed) is read as a line feed. Editors
//     and LSP count it as a line break; tree-sitter's Elixir grammar would not, and would
//     read a file with CR-only line endings as one line (wrong functions named in every
//     message). Elixir itself rejects the character, so no valid program changes.
//   - In a run of whitespace holding longQuietLines line breaks or more, every space, tab
//     and carriage return is read as a line feed. The grammar's scanner rescans such a run
//     from each of its whitespace bytes: 80 KB of blank lines with spaces or CRs took
//     seconds to parse, quadratically. Inside a run that already breaks the line, Elixir
//     gives horizontal whitespace no meaning (only a string's content changes, which no
//     rule reads), so the tree has the same shape.
//
// Text with neither is passed as it is, without a copy.

// longQuietLines is the number of line breaks from which a whitespace run is read as
// line feeds only: far more blank lines than code has in a row.
const longQuietLines = 8

// parserInput returns the bytes tree-sitter parses for text.
func parserInput(text string) []byte {
	if !needsRewrite(text) {
		return bytesOf(text)
	}
	b := []byte(text)
	for i := 0; i < len(b); {
		if !isSpace(b[i]) {
			i++
			continue
		}
		j, breaks := i, 0
		for ; j < len(b) && isSpace(b[j]); j++ {
			if b[j] == '\n' || b[j] == '\r' && (j+1 == len(b) || b[j+1] != '\n') {
				breaks++
			}
		}
		for k := i; k < j; k++ {
			if breaks >= longQuietLines && b[k] != '\n' || b[k] == '\r' && (k+1 == len(b) || b[k+1] != '\n') {
				b[k] = '\n'
			}
		}
		i = j
	}
	return b
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// needsRewrite reports whether text has a lone carriage return or a long whitespace run,
// in one pass that allocates nothing.
func needsRewrite(text string) bool {
	run := 0 // line breaks in the current whitespace run
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\r':
			if i+1 == len(text) || text[i+1] != '\n' {
				return true
			}
		case '\n':
			if run++; run >= longQuietLines {
				return true
			}
		case ' ', '\t':
		default:
			run = 0
		}
	}
	return false
}
