package workspace

import (
	"errors"
	"hash/maphash"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/config"
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/source"
)

// Result is the analysis of a set of files.
type Result struct {
	Files       map[string]*source.File
	Diagnostics map[string][]analysis.Diagnostic
	Index       *index.Snapshot
	// Errors holds the files that were not analysed, with the reason (vanished,
	// unreadable, not a regular file, a symlink leading outside Options.Roots): the CLI
	// reports them as skipped.
	Errors map[string]error
	// SyntaxErrors holds, for each analysed file that does not parse cleanly, the range
	// of its first syntax error (an ERROR or MISSING node): the rules saw only the parts
	// tree-sitter could read, so the CLI names these files.
	SyntaxErrors map[string]source.Range
	// Texts holds the text each analysed file was analysed as, when Options.KeepTexts
	// asks for it (a baseline hashes the text its findings flag).
	Texts map[string]string
}

// Options tune a batch run.
type Options struct {
	Config *config.Config
	// Texts overrides the disk content of some paths (the fix loop analyses edited text).
	Texts map[string]string
	// Parallelism is the number of workers; 0 means GOMAXPROCS.
	Parallelism int
	// OnPanic is told about rules that panicked.
	OnPanic func(path, code string, recovered any, stack []byte)
	// Analyzers to run; nil means all.
	Analyzers []*analysis.Analyzer
	// Context are files indexed but neither analysed nor reported: the mix.exs files that
	// say which Mix project each analysed file belongs to, when the paths asked about lie
	// below them (`otpls fix lib/`). See MixFiles. Each is read where it is, as named.
	Context []string
	// Roots are the directories (or files) the paths must lie in once their symlinks are
	// resolved (see ReadSource): the project root and the paths the run was given. Nil:
	// each path is read where it leads, as named.
	Roots []string
	// TreeBudget, when positive, is the total source size in bytes past which the run
	// keeps no syntax trees between its steps: each file is parsed and summarised and its
	// tree dropped, then parsed again for its rules, so that memory holds the summaries
	// and the text but one tree per worker, instead of every tree (about six bytes per
	// source byte, and as much again in the calls and clauses read from them). It costs
	// a second parse of every file; Result.Files is then empty. Zero: trees are kept.
	TreeBudget int64
	// IndexOnly: the run builds the index and analyses nothing (Result.Diagnostics and
	// Files are empty): what `otpls tree` reads. Only Facts are computed, each file's
	// tree dropped once it is summarised.
	IndexOnly bool
	// Facts are computed for every module besides the analyzers' (the only ones with
	// IndexOnly).
	Facts []*index.FactKind
	// Keep, when set, is asked about each file's text once it is read: a file it does not
	// keep is indexed as empty (never parsed). For IndexOnly runs that need few files.
	Keep func(text string) bool
	// WhileLarge, when set, is called as the run starts work on a text of
	// source.LargeText bytes or more (its parse, its summary, its rules), and the
	// function it returns when that work ends: check paces its collector tighter
	// meanwhile (gcpace.Lean), the work on such a text being most of its live heap.
	WhileLarge func() (done func())
	// KeepTexts fills Result.Texts.
	KeepTexts bool
	// DropAnalysed drops each file's tree once its rules have run, and leaves
	// Result.Files empty: for a caller that only reports findings, the trees then go
	// while the rules run instead of all staying to the end. What summarising derived
	// from a tree (its calls, its definitions) is dropped too, and derived again by the
	// rules: a third of what the trees hold at the rules' start, and pointers the
	// collector would scan at every cycle (measured on the 100k-line corpus, in check's
	// process: a peak a seventh lower, for no more processor time; one worker under Go's
	// default pacing, 3% more).
	DropAnalysed bool
}

// WhileLarge calls begin when work on a text of size bytes starts, if the text is of
// source.LargeText bytes or more and begin is not nil, and returns the function that ends
// that work (begin's, or one that does nothing): the bracket check's batch and the server
// put around the work on a large text (see Options.WhileLarge).
func WhileLarge(size int, begin func() (done func())) (done func()) {
	if begin == nil || size < source.LargeText {
		return func() {}
	}
	return begin()
}

// Analyze parses every file, then summarises every file, builds the index, then analyses
// every file against it (Entry.Analyze); each step runs in parallel. Each file is parsed
// once (twice past Options.TreeBudget). The steps run one after another over all files,
// not file by file: tree-sitter's tables, the summariser's buffers and maps and the rules'
// stay in the cache while a step runs over the files, which made summaries a third
// cheaper than summarising each file right after parsing it. A file over the config's
// max_file_size is not parsed: indexed by name only, its one finding says why.
func Analyze(paths []string, opts Options) *Result {
	workers := opts.Parallelism
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	res := &Result{
		Files:        make(map[string]*source.File, len(paths)),
		Diagnostics:  make(map[string][]analysis.Diagnostic, len(paths)),
		Errors:       map[string]error{},
		SyntaxErrors: map[string]source.Range{},
	}
	type parsed struct {
		path string
		text string // "" once dropped with the tree, when the file can be read again
		// reread is set when the text was dropped: the rules read the file again, and
		// hash is the dropped text's, to tell whether it changed in between.
		reread   bool
		hash     uint64
		file     *source.File // nil once dropped (TreeBudget)
		sum      *index.FileSummary
		err      error
		tooLarge *TooLargeError // not parsed, indexed by name only: file and sum are of ""
	}
	analysed := len(paths)
	paths = withContext(paths, opts.Context)
	summaries := make([]parsed, len(paths))
	roots := resolveRoots(opts.Roots)
	limit := opts.Config.FileSizeLimit()
	dirs := newDirResolver()
	read := func(i int) (string, error) {
		within := roots
		if len(roots) == 0 || i >= analysed {
			within = resolveRoots([]string{paths[i]})
		}
		return readSource(within, paths[i], limit, dirs)
	}
	parallel(len(paths), workers, func(i int) {
		p := paths[i]
		text, ok := opts.Texts[p]
		var err error
		if !ok {
			text, err = read(i)
		} else if int64(len(text)) > limit {
			err = &TooLargeError{Size: int64(len(text)), Max: limit}
		}
		var tooLarge *TooLargeError
		switch {
		case errors.As(err, &tooLarge):
			summaries[i] = parsed{path: p, tooLarge: tooLarge}
		case err != nil:
			summaries[i] = parsed{path: p, err: err}
		case opts.Keep != nil && !opts.Keep(text):
			summaries[i] = parsed{path: p}
		default:
			summaries[i] = parsed{path: p, text: text}
		}
	})
	total := int64(0)
	for _, s := range summaries {
		total += int64(len(s.text))
	}
	dropTrees := opts.IndexOnly || opts.TreeBudget > 0 && total > opts.TreeBudget
	analyzers := opts.Analyzers
	if analyzers == nil {
		analyzers = analysis.All()
	}
	facts := opts.Facts
	if !opts.IndexOnly {
		facts = append(analysis.FactKinds(analyzers), facts...)
	}
	ws := index.NewWorkspace(facts...)
	whileLarge := func(text string) (done func()) { return WhileLarge(len(text), opts.WhileLarge) }
	summarise := func(i int) {
		if s := &summaries[i]; s.err == nil {
			defer whileLarge(s.text)()
			s.sum = index.Summarize(s.file, nil, ws.Facts())
			if opts.DropAnalysed {
				s.file.ForgetDerived()
			}
		}
	}
	parse := func(i int) {
		if s := &summaries[i]; s.err == nil {
			defer whileLarge(s.text)()
			s.file = source.Parse(s.path, s.text)
		}
	}
	seed := maphash.MakeSeed()
	if dropTrees {
		parallel(len(paths), workers, func(i int) {
			parse(i)
			summarise(i)
			s := &summaries[i]
			s.file = nil
			// A text read from disk goes with its tree, and is read again for the rules:
			// in a workspace past the budget the texts were a third of what a run
			// holds while its rules run.
			if _, given := opts.Texts[s.path]; !given && !opts.KeepTexts && s.text != "" {
				s.reread, s.hash, s.text = i < analysed && !opts.IndexOnly, maphash.String(seed, s.text), ""
			}
		})
	} else {
		parallel(len(paths), workers, parse)
		parallel(len(paths), workers, summarise)
	}
	for i, s := range summaries {
		switch {
		case s.err != nil && i < analysed:
			res.Errors[s.path] = s.err
		case s.err == nil:
			ws.Update(s.sum)
			if i < analysed && s.tooLarge == nil && !dropTrees && !opts.DropAnalysed {
				res.Files[s.path] = s.file
			}
		}
	}
	res.Index = ws.Snapshot()
	if opts.IndexOnly {
		return res
	}
	paths, summaries = paths[:analysed], summaries[:analysed]
	diags := make([][]analysis.Diagnostic, len(paths))
	syntaxErrors := make([]*source.Range, len(paths))
	rereadErrors := make([]error, len(paths))
	parallel(len(paths), workers, func(j int) {
		// Last parsed, first analysed: the files parsed last are still in the cache.
		i := len(paths) - 1 - j
		s := summaries[i]
		if s.err != nil {
			return
		}
		if s.reread {
			text, err := read(i)
			if err == nil && maphash.String(seed, text) != s.hash {
				err = ErrChanged
			}
			if err != nil {
				rereadErrors[i] = err
				return
			}
			s.text = text
		}
		defer whileLarge(s.text)()
		if s.file == nil {
			s.file = source.Parse(s.path, s.text) // the same text gives the same tree
		}
		if errs := s.file.Errors; len(errs) > 0 && s.tooLarge == nil {
			r := s.file.Lines.Range(errs[0].Start(), errs[0].End()) // the first in the text: pre-order
			syntaxErrors[i] = &r
		}
		run := RunOptions{Config: opts.Config, Analyzers: opts.Analyzers}
		if opts.OnPanic != nil {
			run.OnPanic = func(code string, r any, stack []byte) { opts.OnPanic(s.path, code, r, stack) }
		}
		diags[i] = Entry{File: s.file, Summary: s.sum, tooLarge: s.tooLarge}.Analyze(res.Index, run)
		if opts.DropAnalysed {
			summaries[i].file = nil
		}
	})
	for i, s := range summaries {
		if err := rereadErrors[i]; err != nil {
			res.Errors[s.path] = err
		} else if s.err == nil {
			res.Diagnostics[s.path] = diags[i]
		}
		if opts.KeepTexts && s.err == nil && s.tooLarge == nil {
			if res.Texts == nil {
				res.Texts = map[string]string{}
			}
			res.Texts[s.path] = s.text
		}
		if r := syntaxErrors[i]; r != nil {
			res.SyntaxErrors[s.path] = *r
		}
	}
	return res
}

// withContext is paths followed by the context files not among them.
func withContext(paths, context []string) []string {
	if len(context) == 0 {
		return paths
	}
	seen := make(map[string]bool, len(paths))
	for _, p := range paths {
		seen[p] = true
	}
	out := paths[:len(paths):len(paths)]
	for _, c := range context {
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	return out
}

// parallel runs fn(0..n-1) on workers goroutines. Workers take the next index from a
// shared counter rather than a channel: a handoff per file would wake a sleeping goroutine
// per file, and with one worker the calling goroutine does the work itself.
func parallel(n, workers int, fn func(i int)) {
	if workers <= 1 {
		for i := 0; i < n; i++ {
			fn(i)
		}
		return
	}
	var wg sync.WaitGroup
	var next atomic.Int64
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				fn(i)
			}
		}()
	}
	wg.Wait()
}
