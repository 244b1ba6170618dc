package main

import (
	"cmp"
	"errors"
	"flag"
	"fmt"
	"github.com/otpls/otpls/codeactions"
	"io"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/pmezard/go-difflib/difflib"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/fixall"
)

func fix(rules []*analysis.Analyzer, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("fix", flag.ContinueOnError)
	fs.SetOutput(stderr)
	unsafe := fs.Bool("unsafe", false, "also apply unsafe fixes (they change an API's semantics)")
	diff := fs.Bool("diff", false, "print a unified diff instead of writing files")
	configPath := fs.String("config", "", "config file (default: .otpls.exs at the project root)")
	sel := addSelectionFlags(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: otpls fix [--unsafe] [--diff] [--select CODES] [--ignore CODES] [--config FILE] [paths...]\n\n"+
			"Applies safe fixes (and unsafe ones with --unsafe) to the files under paths, repeating\n"+
			"until none applies. A file is written atomically, only if it still parses cleanly and\n"+
			"still holds the text that was fixed; its owner and mode are kept, links are written\n"+
			"through, and when any file cannot be written, none is.\n"+
			"Fixes may edit other files of the project (e.g. adding a child to the Application).\n"+
			"Exit status: 0 nothing left to report, 1 findings remain, 2 usage or config error,\n3 internal error or nothing could be written.\n\nFlags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return flagExit(err)
	}
	proj, err := loadProject(rules, fs.Args(), *configPath, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "otpls fix: %v\n", err)
		return exitUsage
	}
	if len(proj.problems) > 0 {
		writeText(stderr, proj.configDiagnostics())
		return exitUsage
	}
	if rules, err = sel.apply(rules, proj.cfg); err != nil {
		fmt.Fprintf(stderr, "otpls fix: %v\n", err)
		return exitUsage
	}
	res := fixall.Run(proj.files, proj.options(rules, stderr), codeactions.Policy{Unsafe: *unsafe}, 10)
	reportSkipped(stderr, res.Remaining)
	paths := make([]string, 0, len(res.Fixed))
	for p := range res.Fixed {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for p, reason := range res.Rejected {
		fmt.Fprintf(stderr, "otpls fix: skipped %s: %s\n", shownPath(p), shownText(reason))
	}
	unusable := slices.SortedFunc(maps.Keys(res.Unusable), func(a, b fixall.UnusableFix) int {
		return cmp.Or(strings.Compare(a.Path, b.Path), strings.Compare(a.Title, b.Title))
	})
	for _, u := range unusable {
		fmt.Fprintf(stderr, "otpls fix: not applied in %s: %q (the result would not parse)\n", shownPath(u.Path), u.Title)
	}
	if *diff {
		for _, p := range paths {
			text, _ := difflib.GetUnifiedDiffString(difflib.UnifiedDiff{
				A: difflib.SplitLines(res.Original[p]), B: difflib.SplitLines(res.Fixed[p]),
				FromFile: quoted("a/" + display(p)), ToFile: quoted("b/" + display(p)), Context: 3,
			})
			fmt.Fprint(stdout, text)
		}
	} else if err := fixall.Write(res.Original, res.Fixed); err != nil {
		var we *fixall.WriteError
		if errors.As(err, &we) {
			fmt.Fprintf(stderr, "otpls fix: nothing written: %s %s\n", shownPath(we.Path), shownText(we.Reason))
		} else {
			fmt.Fprintf(stderr, "otpls fix: %v\n", err)
		}
		return exitInternal
	}
	total := 0
	codes := make([]string, 0, len(res.Applied))
	for c, n := range res.Applied {
		total += n
		codes = append(codes, c)
	}
	sort.Strings(codes)
	verb := "Fixed"
	if *diff {
		verb = "Would fix"
	}
	fmt.Fprintf(stderr, "%s %d problem%s in %d file%s", verb, total, plural(total), len(paths), plural(len(paths)))
	for i, c := range codes {
		sep := ", "
		if i == 0 {
			sep = " ("
		}
		fmt.Fprintf(stderr, "%s%s: %d", sep, c, res.Applied[c])
	}
	if len(codes) > 0 {
		fmt.Fprint(stderr, ")")
	}
	fmt.Fprintln(stderr, ".")
	remaining := 0
	var internal bool
	for _, ds := range res.Remaining.Diagnostics {
		remaining += len(ds)
		for _, d := range ds {
			internal = internal || d.Code == "OTP000"
		}
	}
	switch {
	case internal:
		return exitInternal
	case *diff && len(paths) > 0, remaining > 0:
		return exitFindings
	}
	return exitClean
}
