// Command briefbot is a Discord bot that briefs the news its members share.
// main only wires the process to the CLI; everything else lives in cli.go and
// the packages it calls, so the whole command is testable in-process.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	_ "time/tzdata" // servers pick IANA zones; a scratch container has no zoneinfo of its own
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// The first Ctrl-C cancels the work in flight (runCLI then exits 130,
	// or run shuts down gracefully); a second one kills the process.
	go func() {
		<-ctx.Done()
		stop()
	}()
	code := runCLI(ctx, os.Args[1:], env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv})
	stop()
	os.Exit(code)
}
