package source

// punctuation lists anonymous tokens that are never operators: the flattener skips the
// field lookup for them.
var punctuation = map[string]bool{
	"(": true, ")": true, "[": true, "]": true, "{": true, "}": true, ",": true,
	"do": true, "end": true, "fn": true, "%": true, "<<": true, ">>": true, "#{": true,
	`"`: true, "'": true, `"""`: true, `'''`: true, "after": true, "else": true,
	"catch": true, "rescue": true, "~": true, "\n": true, ";": true,
}
