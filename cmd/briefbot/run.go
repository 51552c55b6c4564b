package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/storage"
)

// runOptions are the settings of `briefbot run`; each flag has an
// environment variable so a container needs no command line.
type runOptions struct {
	dbPath string
	check  bool
	logs   logOptions
	bot    bot.Config
}

func (o *runOptions) register(fs *flag.FlagSet, e env) error {
	fs.StringVar(&o.dbPath, "db", defaultDBPath(e), "SQLite database file (env BRIEFBOT_DB)")
	fs.BoolVar(&o.check, "check", false, "validate the configuration and the database, then exit")
	fs.StringVar(&o.bot.GuildID, "guild", e.getenv("BRIEFBOT_GUILD"), "register slash commands in this one server only, instantly (for development; env BRIEFBOT_GUILD)")
	fs.StringVar(&o.bot.DefaultDigestSchedule, "digest-schedule", envOr(e, "BRIEFBOT_DIGEST_SCHEDULE", "0 8 * * *"),
		"default digest schedule, a 5-field cron spec in each server's time zone (env BRIEFBOT_DIGEST_SCHEDULE)")
	o.logs.register(fs, e)
	ints := []struct {
		p    *int
		name string
		env  string
		def  int
		help string
	}{
		{&o.bot.Workers, "workers", "BRIEFBOT_WORKERS", bot.DefaultWorkers, "articles fetched and briefed at once"},
		{&o.bot.LinksPerMinute, "links-per-minute", "BRIEFBOT_LINKS_PER_MINUTE", bot.DefaultLinksPerMinute, "links one server may submit per minute"},
	}
	for _, f := range ints {
		// A flag and its variable take the same values and fail the same
		// way: a usage error naming both.
		fs.Func(f.name, fmt.Sprintf("%s (env %s; default %d)", f.help, f.env, f.def), func(v string) error {
			n, err := positiveInt(f.env, v)
			*f.p = n
			return err // the flag package names the flag and the value
		})
		*f.p = f.def
		if v := e.getenv(f.env); v != "" {
			n, err := positiveInt("--"+f.name, v)
			if err != nil {
				return fmt.Errorf("invalid value %q for %s: %w: %w", v, f.env, err, errUsage)
			}
			*f.p = n
		}
	}
	content := true
	if v := e.getenv("BRIEFBOT_MESSAGE_CONTENT"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return fmt.Errorf("BRIEFBOT_MESSAGE_CONTENT=%q: want true or false: %w", v, errUsage)
		}
		content = b
	}
	fs.BoolVar(&o.bot.MessageContent, "message-content", content,
		"read pasted links (needs the privileged Message Content intent; env BRIEFBOT_MESSAGE_CONTENT)")
	fs.DurationVar(&o.bot.JobTimeout, "job-timeout", bot.DefaultJobTimeout, "give up on one article after this long")
	fs.DurationVar(&o.bot.ShutdownGrace, "shutdown-grace", bot.DefaultShutdownGrace, "on SIGINT/SIGTERM, wait this long for work in flight")
	return nil
}

// positiveInt parses a count setting; other names the setting's other form
// (the variable for a flag, the flag for a variable) for the message, so
// --workers -3 and BRIEFBOT_WORKERS=abc fail alike.
func positiveInt(other, v string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 1 {
		return 0, fmt.Errorf("want a whole number of 1 or more (also settable as %s)", other)
	}
	return n, nil
}

func cmdRun(ctx context.Context, e env, args []string) error {
	var o runOptions
	fs := newFlagSet(e, "run", "",
		"Connects to Discord with the bot token from the DISCORD_TOKEN environment variable and serves\n"+
			"/brief, /articles, /quotes, /actor, /forget and /digest, pasted links and daily digests until\n"+
			"interrupted (SIGINT or SIGTERM).")
	if err := o.register(fs, e); err != nil {
		return err
	}
	pos, err := parseFlags(fs, e, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return fmt.Errorf("run takes no arguments, only flags: %w", errUsage)
	}
	// The token comes only from the environment: a flag would show in `ps`.
	o.bot.Token = e.getenv("DISCORD_TOKEN")
	logger, err := o.logs.logger(e.stderr)
	if err != nil {
		return err
	}
	if err := bot.Check(ctx, o.bot, nil); err != nil {
		return fmt.Errorf("check configuration: %s", oneLine(strings.ReplaceAll(err.Error(), "\n", "; ")))
	}
	if o.check {
		return checkDatabase(ctx, e, o)
	}
	db, err := storage.Open(ctx, o.dbPath)
	if err != nil {
		return err // storage's error already names the database and the cause
	}
	defer db.Close()
	// Digests then include articles an older build stored without a
	// briefing (killed between its two writes).
	db.SetBriefer(newBriefer())
	b, err := bot.New(o.bot, bot.Deps{Store: db, Logger: logger, Now: time.Now})
	if err != nil {
		return fmt.Errorf("start bot: %w", err)
	}
	logger.Info("briefbot starting", "version", version, "db", o.dbPath)
	// The bot logs "briefbot stopped" itself when Run returns.
	if err := b.Run(ctx); err != nil && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("run bot: %w", err)
	}
	return nil
}

// checkDatabase is run --check: the database is opened read-only (it may
// not exist yet, and a running bot may be writing it), nothing is migrated.
func checkDatabase(ctx context.Context, e env, o runOptions) error {
	db, err := storage.OpenReadOnly(ctx, o.dbPath)
	if errors.Is(err, storage.ErrNoDatabase) {
		fmt.Fprintf(e.stdout, "configuration ok; no database at %s yet: briefbot run creates it\n", o.dbPath)
		return nil
	}
	if err != nil {
		return err
	}
	defer db.Close()
	if err := bot.Check(ctx, o.bot, db); err != nil {
		return err
	}
	v, err := db.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	if known := storage.KnownSchemaVersion(); v < known {
		fmt.Fprintf(e.stdout, "configuration ok; database %s at schema version %d: briefbot run upgrades it to %d\n", o.dbPath, v, known)
		return nil
	}
	fmt.Fprintf(e.stdout, "configuration ok; database %s at schema version %d\n", o.dbPath, v)
	return nil
}
