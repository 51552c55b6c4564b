package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/briefbot/briefbot/briefing/fetch"
)

// version is set at link time (-ldflags "-X main.version=...") by the Dockerfile.
var version = "dev"

// env is the process's outside world, passed in so tests run the CLI in-process.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	// allowLoopback lets tests fetch from httptest servers; main never sets it.
	allowLoopback bool
}

// fetchOptions are the fetcher's settings for a command.
func (e env) fetchOptions(timeout time.Duration) fetch.Options {
	return fetch.Options{Timeout: timeout, UserAgent: userAgent(), AllowLoopback: e.allowLoopback}
}

// errUsage marks a mistake in how the command was called: exit 2, not 1.
var errUsage = errors.New("usage")

type subcommand struct {
	name    string
	summary string
	run     func(ctx context.Context, e env, args []string) error
}

func subcommands() []subcommand {
	return []subcommand{
		{"run", "connect to Discord and serve slash commands, pasted links and daily digests", cmdRun},
		{"brief", "fetch or read one article and print its briefing", cmdBrief},
		{"extract", "fetch or read one HTML page and print its main text and metadata", cmdExtract},
		{"digest", "print the digest a server would get, from the database", cmdDigest},
		{"backup", "write a consistent copy of the database to a new file", cmdBackup},
		{"version", "print the version", cmdVersion},
	}
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "briefbot: a Discord bot that briefs the news its members share.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Usage: briefbot COMMAND [flags] [args]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commands:")
	for _, c := range subcommands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Run 'briefbot COMMAND --help' for a command's flags.")
}

// exitInterrupted is the exit status after Ctrl-C (128 + SIGINT), as shells
// report a command killed by it.
const exitInterrupted = 130

// runCLI runs one command line and returns the process exit code: 0 success,
// 1 failure (one line on stderr saying why), 2 wrong usage, 130 interrupted
// (ctx ended: Ctrl-C or SIGTERM) before the work was done.
func runCLI(ctx context.Context, args []string, e env) int {
	if len(args) == 0 {
		usage(e.stderr)
		return 2
	}
	name := args[0]
	if name == "-h" || name == "--help" || name == "help" {
		usage(e.stdout)
		return 0
	}
	for _, c := range subcommands() {
		if c.name != name {
			continue
		}
		err := c.run(ctx, e, args[1:])
		switch {
		case err == nil, errors.Is(err, flag.ErrHelp):
			return 0
		case ctx.Err() != nil:
			// Whatever the work in flight said about being cancelled,
			// the reason is the interrupt.
			fmt.Fprintf(e.stderr, "briefbot %s: interrupted\n", name)
			return exitInterrupted
		case errors.Is(err, errUsage):
			fmt.Fprintf(e.stderr, "briefbot %s: %s (see 'briefbot %s --help')\n", name, oneLine(err.Error()), name)
			return 2
		default:
			fmt.Fprintf(e.stderr, "briefbot %s: %s\n", name, oneLine(err.Error()))
			return 1
		}
	}
	fmt.Fprintf(e.stderr, "briefbot: unknown command %q; run 'briefbot --help' for the list\n", name)
	return 2
}

// oneLine keeps failure reasons to the single line the CLI contract promises.
func oneLine(s string) string {
	s = strings.ReplaceAll(s, "\r", " ")
	s = strings.ReplaceAll(s, "\n", " ")
	return strings.TrimSpace(strings.TrimSuffix(s, ": usage"))
}

// newFlagSet makes a flag set that prints its help to stdout and reports
// parse errors through the returned error instead of exiting. The flag
// package's own printing is silenced: runCLI says a usage error in one line.
func newFlagSet(e env, name, argsUsage, about string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		out := fs.Output()
		fmt.Fprintf(out, "Usage: briefbot %s [flags] %s\n\n%s\n\nFlags:\n", name, argsUsage, about)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args, printing help to stdout for --help and turning
// parse failures into usage errors. Flags may follow positional arguments.
func parseFlags(fs *flag.FlagSet, e env, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.SetOutput(e.stdout)
				fs.Usage()
				return nil, flag.ErrHelp
			}
			return nil, fmt.Errorf("%w: %w", err, errUsage)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// logOptions are the flags every long-running or storing command shares.
type logOptions struct {
	format string
	level  string
}

func (o *logOptions) register(fs *flag.FlagSet, e env) {
	fs.StringVar(&o.format, "log-format", envOr(e, "BRIEFBOT_LOG_FORMAT", "text"), "log format: text or json (env BRIEFBOT_LOG_FORMAT)")
	fs.StringVar(&o.level, "log-level", envOr(e, "BRIEFBOT_LOG_LEVEL", "info"), "log level: debug, info, warn or error (env BRIEFBOT_LOG_LEVEL)")
}

func (o logOptions) logger(w io.Writer) (*slog.Logger, error) {
	var level slog.Level
	if err := level.UnmarshalText([]byte(o.level)); err != nil {
		return nil, fmt.Errorf("--log-level %q: want debug, info, warn or error: %w", o.level, errUsage)
	}
	opts := &slog.HandlerOptions{Level: level}
	switch o.format {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		opts.ReplaceAttr = readableDurations
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("--log-format %q: want text or json: %w", o.format, errUsage)
}

// readableDurations writes durations in JSON logs as "1.5s", not as a count
// of nanoseconds.
func readableDurations(_ []string, a slog.Attr) slog.Attr {
	if a.Value.Kind() == slog.KindDuration {
		a.Value = slog.StringValue(a.Value.Duration().String())
	}
	return a
}

func envOr(e env, key, def string) string {
	if v := e.getenv(key); v != "" {
		return v
	}
	return def
}

func defaultDBPath(e env) string { return envOr(e, "BRIEFBOT_DB", "briefbot.db") }

func cmdVersion(_ context.Context, e env, args []string) error {
	fs := newFlagSet(e, "version", "", "Prints the version of this build.")
	if _, err := parseFlags(fs, e, args); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "briefbot %s\n", version)
	return nil
}
