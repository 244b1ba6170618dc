package workspace

import (
	"context"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/config"
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/source"
)

// A file's text becomes findings in four steps: parse, summarise, enter the summary into
// the workspace index, run the rules against an index snapshot. This file is the one place
// that chains them, for the language server (open documents edited incrementally, closed
// files read from disk), the CLI (Analyze, which runs each step over all files in turn)
// and the tests.
//
// Entering the summary before any analysis can see the text is what keeps cross-file facts
// right: an analysis must never pair a file with an index snapshot older than it (facts
// such as OTP008's call sites carry positions in this text).

// Entry is one version of a file as the rules read it: its syntax tree and its summary,
// the facts the index holds about it.
type Entry struct {
	File    *source.File
	Summary *index.FileSummary
	// tooLarge is set for a file over the size limit: File and Summary are of no text.
	tooLarge *TooLargeError
}

// TooLargeEntry is the entry of a file over the size limit (ReadSource's *TooLargeError),
// without entering it: it is never parsed, and is indexed by name only (a summary of no
// modules, replacing the file's earlier entry once entered). Its analysis is the one
// analysis.FileTooLarge finding.
func TooLargeEntry(path string, err *TooLargeError) Entry {
	f := source.Parse(path, "")
	return Entry{File: f, Summary: index.Summarize(f, nil, nil), tooLarge: err}
}

// NewEntry parses text from scratch and summarises it with ws's facts, without entering
// it into ws (a closed file analysed against the index as it is).
func NewEntry(ws *index.Workspace, path, text string) Entry {
	f := source.Parse(path, text)
	return Entry{File: f, Summary: index.Summarize(f, nil, ws.Facts())}
}

// Enter parses and summarises text and enters it into ws, replacing the file's earlier
// entry: a closed file read from disk.
func Enter(ws *index.Workspace, path, text string) Entry {
	e := NewEntry(ws, path, text)
	ws.Update(e.Summary)
	return e
}

// RunOptions tune Entry.Analyze.
type RunOptions struct {
	Config *config.Config // nil: the defaults
	// Analyzers to run; nil means all.
	Analyzers []*analysis.Analyzer
	// OnPanic is told about a rule that panicked (for logging); may be nil.
	OnPanic func(code string, recovered any, stack []byte)
	// Context, when set, stops the analysis between two rules once done (see analysis.Input).
	Context context.Context
}

// Analyze runs the rules on the entry against snap, which must hold the entry's summary
// (or a later one of the same file): its diagnostics, sorted, suppressions applied.
func (e Entry) Analyze(snap *index.Snapshot, opts RunOptions) []analysis.Diagnostic {
	// A text over the limit is not analysed, however it came (a document the editor
	// opened is parsed before its size is known here).
	if size, limit := int64(len(e.File.Text)), opts.Config.FileSizeLimit(); e.tooLarge != nil || size > limit {
		if e.tooLarge != nil {
			size, limit = e.tooLarge.Size, e.tooLarge.Max
		}
		return []analysis.Diagnostic{analysis.FileTooLarge(e.File.Path, size, limit)}
	}
	if e.File.Abandoned != 0 {
		return []analysis.Diagnostic{analysis.ParseAbandoned(e.File.Path, len(e.File.Text), e.File.Abandoned)}
	}
	diags := analysis.Run(analysis.Input{File: e.File, Summary: e.Summary, Index: snap, Config: opts.Config,
		Analyzers: opts.Analyzers, OnPanic: opts.OnPanic, Context: opts.Context})
	if len(e.File.Text) >= source.LargeText {
		// What the rules derived from a large text (its calls, its clauses: 4 bytes per
		// source byte) is not kept until the next request that needs it; that request
		// derives it again.
		e.File.ForgetDerived()
	}
	return diags
}

// Check enters text into ws and analyses it against the index it is now part of: the
// whole chain for one file, for callers that do not keep the document open.
func Check(ws *index.Workspace, path, text string, opts RunOptions) (Entry, []analysis.Diagnostic) {
	e := Enter(ws, path, text)
	return e, e.Analyze(ws.Snapshot(), opts)
}

// Document is a file open in an editor: each edit is reparsed incrementally (only the
// edited form, when it can be; see source.Document), summarised again for the forms whose
// text changed (index.FormCache), and entered into the index. Not safe for concurrent use;
// the entries it returns are immutable and can be shared freely.
type Document struct {
	doc   *source.Document
	cache *index.FormCache
	entry Entry
}

// OpenDocument parses and summarises text and enters it into ws. A text over limit bytes
// (the config's FileSizeLimit; 0: none) is not parsed: indexed by name only, as a closed
// file that large is (TooLargeEntry), until an edit or SetLimit brings it within.
func OpenDocument(ws *index.Workspace, path, text string, limit int64) *Document {
	d := &Document{doc: source.OpenLimited(path, text, limit), cache: &index.FormCache{}}
	d.enter(ws)
	return d
}

// SetLimit applies a new size limit (the config changed). When that parses the text, or
// drops its tree, the new entry is entered into ws and returned with true.
func (d *Document) SetLimit(ws *index.Workspace, limit int64) (Entry, bool) {
	if !d.doc.SetLimit(limit) {
		return d.entry, false
	}
	return d.enter(ws), true
}

// Apply applies an editor's changes in order (see source.Document.Apply), then summarises
// the new text and enters it into ws. The error is source.Document.Apply's: the changes
// are applied clamped, and the entry is the new version all the same.
func (d *Document) Apply(ws *index.Workspace, changes []source.Change) (Entry, error) {
	err := d.doc.Apply(changes)
	return d.enter(ws), err
}

func (d *Document) enter(ws *index.Workspace) Entry {
	f := d.doc.File()
	// A large text is held lean: its forms' facts are summarised again at each version
	// rather than cached (a 5 MB module's cache held 39 MB), and its derived values are
	// dropped after each analysis (see Entry.Analyze). An edit then costs more, in a text
	// that large; the memory it holds is what check holds.
	switch large := len(f.Text) >= source.LargeText; {
	case large:
		d.cache = nil
	case d.cache == nil:
		d.cache = &index.FormCache{}
	}
	d.entry = Entry{File: f, Summary: index.Summarize(f, d.cache, ws.Facts())}
	if d.doc.TooLarge() {
		d.entry.tooLarge = &TooLargeError{Size: int64(len(f.Text)), Max: d.doc.Limit()}
	}
	ws.Update(d.entry.Summary)
	return d.entry
}

// Entry returns the current version.
func (d *Document) Entry() Entry { return d.entry }

// Close releases the document's syntax tree; its entry stays in the index (the caller
// decides what the index should hold once the editor no longer does).
func (d *Document) Close() { d.doc.Close() }
