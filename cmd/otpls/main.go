// Command otpls finds OTP anti-patterns in Elixir code: a language server (`otpls serve`,
// the default) and a command-line linter and fixer (`otpls check`, `otpls fix`).
package main

import (
	"fmt"
	"io"
	"os"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/rules/all"
	"github.com/otpls/otpls/server/gcpace"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

// Exit codes of check and fix.
const (
	exitClean    = 0
	exitFindings = 1
	exitUsage    = 2
	exitInternal = 3
)

const usage = `otpls finds OTP anti-patterns in Elixir code and rewrites them toward the right OTP form.

Usage:
  otpls [serve] [--log-file FILE] [--log-level LEVEL]   language server on stdio (default)
  otpls check [--format text|json|sarif|github] [--select CODES] [--ignore CODES]
              [--baseline FILE [--update-baseline]] [--config FILE] [paths...]
  otpls fix [--unsafe] [--diff] [--select CODES] [--ignore CODES] [--config FILE] [paths...]
  otpls tree [--format text|json|mermaid|dot] [--config FILE] [paths...]
                                                        print the supervision trees
  otpls rules [--options]                               list the rules (or their options)
  otpls explain CODE                                    print a rule's documentation
  otpls version                                         print the version
  otpls help [COMMAND]

check exits 0 when clean, 1 with findings, 2 on a usage or config error, 3 on an
internal error. Run "otpls COMMAND -h" for a command's flags.
`

func main() {
	os.Exit(run(all.Analyzers, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is main without the process: tests call it, with the rules they need (every command,
// the language server too, uses exactly those).
func run(rules []*analysis.Analyzer, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		return serve(rules, nil, stdin, stdout, stderr)
	}
	cmd, rest := args[0], args[1:]
	if cmd == "check" || cmd == "fix" || cmd == "tree" {
		// A batch run wants a low peak of memory more than few collections.
		defer gcpace.Start(gcpace.Batch)()
	}
	switch cmd {
	case "serve":
		return serve(rules, rest, stdin, stdout, stderr)
	case "check":
		return check(rules, rest, stdout, stderr)
	case "fix":
		return fix(rules, rest, stdout, stderr)
	case "tree":
		return tree(rules, rest, stdout, stderr)
	case "rules":
		return listRules(rules, rest, stdout, stderr)
	case "explain":
		return explain(rules, rest, stdout, stderr)
	case "version", "--version", "-v":
		fmt.Fprintf(stdout, "otpls %s\n", version)
		return exitClean
	case "help", "-h", "--help":
		if len(rest) > 0 && rest[0] != "help" {
			return run(rules, []string{rest[0], "-h"}, stdin, stdout, stderr)
		}
		fmt.Fprint(stdout, usage)
		return exitClean
	}
	if len(cmd) > 0 && cmd[0] == '-' {
		// `otpls --log-file x` is serve with flags.
		return serve(rules, args, stdin, stdout, stderr)
	}
	fmt.Fprintf(stderr, "otpls: unknown command %q\n\n%s", cmd, usage)
	return exitUsage
}
