// Package baseline records the findings a project has accepted for now, so that a check
// reports only new ones: `otpls check --baseline FILE` and the language server's
// `baseline` setting read the same file.
//
// A finding is known by its code, its file (relative to the workspace root), the function
// (or else the module) around it, and a hash of the text it flags with its whitespace
// left out: not by its line, so that edits above it, or to other functions, leave it
// known. Identical findings in one function share a key; the file counts them.
//
// The file is JSON, sorted by file, code, scope and hash, one finding per object, with a
// format version:
//
//	{
//	  "version": 1,
//	  "findings": [
//	    {"file": "lib/shop/mailer.ex", "code": "OTP009", "scope": "Shop.Mailer.send_receipt/1", "hash": "9f2c...", "count": 1}
//	  ]
//	}
package baseline

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/index"
)

// Version is the format version this package reads and writes.
const Version = 1

// MaxSize bounds a baseline file: a finding takes about 150 bytes, so this is tens of
// thousands of them.
const MaxSize = 16 << 20

// Key is what identifies a finding across edits.
type Key struct {
	File  string `json:"file"`  // slash-separated, relative to the workspace root
	Code  string `json:"code"`  // "OTP009"
	Scope string `json:"scope"` // "Shop.Mailer.send_receipt/1", "Shop.Mailer", or "" (outside any module)
	Hash  string `json:"hash"`  // of the flagged text without whitespace (16 hex digits of SHA-256)
}

// entry is one line of the file: a key and how many findings have it.
type entry struct {
	Key
	Count int `json:"count"`
}

type file struct {
	Version  int     `json:"version"`
	Findings []entry `json:"findings"`
}

// Baseline is a read baseline: how many findings of each key it accepts.
type Baseline struct {
	counts map[Key]int
}

// Recordable reports whether d may go into a baseline: an internal error (OTP000) never
// does, and neither does a config problem, which is not a finding in source.
func Recordable(d analysis.Diagnostic) bool {
	return d.Code != analysis.InternalErrorCode && d.Code != analysis.InvalidConfigCode
}

// KeyOf is the key of d, a diagnostic of the file whose text and summary are given; rel is
// the file's path relative to the workspace root.
func KeyOf(rel, text string, sum *index.FileSummary, d analysis.Diagnostic) Key {
	flagged := ""
	if 0 <= d.Start && d.Start <= d.End && d.End <= len(text) {
		flagged = text[d.Start:d.End]
	}
	// Without any whitespace: re-indenting, re-wrapping or `mix format` leaves the key.
	h := sha256.Sum256([]byte(strings.Join(strings.Fields(flagged), "")))
	return Key{File: filepath.ToSlash(rel), Code: d.Code, Scope: scope(sum, d.Start, d.End), Hash: hex.EncodeToString(h[:8])}
}

// scope names the innermost function clause holding start..end ("Mod.fun/2"), else the
// module declared last before start ("Mod"), else "".
func scope(sum *index.FileSummary, start, end int) string {
	if sum == nil {
		return ""
	}
	best, bestLen, module, moduleAt := "", -1, "", -1
	for _, m := range sum.Modules {
		if m.NameSpan.Start() <= start && m.NameSpan.Start() > moduleAt {
			module, moduleAt = m.Name, m.NameSpan.Start()
		}
		for _, fn := range m.Functions {
			for _, c := range fn.Clauses {
				if c.Start() <= start && end <= c.End() && (bestLen < 0 || c.End()-c.Start() < bestLen) {
					best, bestLen = fmt.Sprintf("%s.%s/%d", m.Name, fn.Name, fn.Arity), c.End()-c.Start()
				}
			}
		}
	}
	if best != "" {
		return best
	}
	return module
}

// Parse reads a baseline file.
func Parse(data []byte) (*Baseline, error) {
	var f file
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("not a baseline file: %v", err)
	}
	if f.Version != Version {
		return nil, fmt.Errorf("baseline format version %d, this otpls reads version %d", f.Version, Version)
	}
	b := &Baseline{counts: make(map[Key]int, len(f.Findings))}
	for _, e := range f.Findings {
		if e.Count < 1 {
			return nil, fmt.Errorf("baseline entry %s %s in %s has count %d: each entry counts at least one finding", e.Code, e.Scope, e.File, e.Count)
		}
		b.counts[e.Key] += e.Count
	}
	return b, nil
}

// Matcher takes findings against the baseline, each accepted entry once per count.
type Matcher struct {
	left map[Key]int
}

// Matcher starts matching findings against b (a nil b accepts none).
func (b *Baseline) Matcher() *Matcher {
	m := &Matcher{left: map[Key]int{}}
	if b != nil {
		for k, n := range b.counts {
			m.left[k] = n
		}
	}
	return m
}

// Take reports whether the baseline accepts a finding of key k, using up one of its count.
func (m *Matcher) Take(k Key) bool {
	if m.left[k] == 0 {
		return false
	}
	m.left[k]--
	return true
}

// Keep returns the entries of b that keep returns true for, as keys repeated by count:
// what an update carries over for files or rules the run did not look at.
func (b *Baseline) Keep(keep func(Key) bool) []Key {
	var out []Key
	if b == nil {
		return nil
	}
	for k, n := range b.counts {
		if keep(k) {
			for range n {
				out = append(out, k)
			}
		}
	}
	return out
}

// Marshal writes a baseline of keys (one per finding; repeated keys are counted), sorted
// so that it diffs well from one update to the next.
func Marshal(keys []Key) []byte {
	counts := map[Key]int{}
	for _, k := range keys {
		counts[k]++
	}
	f := file{Version: Version, Findings: make([]entry, 0, len(counts))}
	for k, n := range counts {
		f.Findings = append(f.Findings, entry{Key: k, Count: n})
	}
	slices.SortFunc(f.Findings, func(a, b entry) int {
		return cmp.Or(strings.Compare(a.File, b.File), strings.Compare(a.Code, b.Code),
			strings.Compare(a.Scope, b.Scope), strings.Compare(a.Hash, b.Hash))
	})
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "{\n  \"version\": %d,\n  \"findings\": [", f.Version)
	for i, e := range f.Findings {
		line, _ := json.Marshal(e)
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.WriteString("\n    ")
		buf.Write(line)
	}
	if len(f.Findings) > 0 {
		buf.WriteString("\n  ")
	}
	buf.WriteString("]\n}\n")
	return buf.Bytes()
}
