package main

import (
	"flag"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/otpls/otpls/analysis"
)

func listRules(rules []*analysis.Analyzer, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("rules", flag.ContinueOnError)
	fs.SetOutput(stderr)
	options := fs.Bool("options", false, "list every rule's options with their type, default and description")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: otpls rules [--options]\n\nLists every rule with its code, name, default severity and title;\n"+
			"with --options, the options each rule takes in .otpls.exs.\n\nFlags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return flagExit(err)
	}
	if *options {
		listOptions(rules, stdout)
		return exitClean
	}
	w := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "CODE\tNAME\tSEVERITY\tTITLE")
	for _, a := range rules {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", a.Code, a.Name, a.Severity, a.Title)
	}
	w.Flush()
	return exitClean
}

// listOptions prints one line per option of every rule, as declared by the rule.
func listOptions(rules []*analysis.Analyzer, stdout io.Writer) {
	w := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "CODE\tNAME\tOPTION\tTYPE\tDEFAULT\tDESCRIPTION")
	for _, a := range rules {
		for _, o := range a.Options {
			d := o.Declaration()
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", a.Code, a.Name, d.Name, d.Type, d.Literal(d.Default), d.Doc)
		}
	}
	w.Flush()
	fmt.Fprintln(stdout, "\nEvery rule also takes enabled (true or false) and severity (:error, :warning, :information or :hint).")
}

func explain(rules []*analysis.Analyzer, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("explain", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: otpls explain CODE\n\nPrints a rule's documentation (the same text as docs/rules/CODE.md).")
	}
	if err := fs.Parse(args); err != nil {
		return flagExit(err)
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitUsage
	}
	a := analysis.Find(rules, fs.Arg(0))
	if a == nil {
		fmt.Fprintf(stderr, "otpls: no rule %q; run \"otpls rules\" for the list\n", fs.Arg(0))
		return exitUsage
	}
	fmt.Fprint(stdout, analysis.Markdown(a))
	return exitClean
}

// flagExit maps a flag parse error to an exit code (-h is not an error).
func flagExit(err error) int {
	if err == flag.ErrHelp {
		return exitClean
	}
	return exitUsage
}
