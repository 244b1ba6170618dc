package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/server"
)

func serve(rules []*analysis.Analyzer, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	logFile := fs.String("log-file", "", "write logs to this file instead of stderr")
	logLevel := fs.String("log-level", "info", "log level: debug, info, warn or error")
	fs.Bool("stdio", true, "speak LSP on stdin/stdout (the only transport; accepted for editors that pass it)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: otpls [serve] [--log-file FILE] [--log-level LEVEL]\n\n"+
			"Runs the language server on stdin/stdout. Logs go to stderr or --log-file, never stdout.\n\nFlags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return flagExit(err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return server.Run(ctx, stdin, stdout, server.Options{Analyzers: rules, Version: version, LogFile: *logFile, LogLevel: *logLevel, Stderr: stderr})
}
