package main

import (
	"context"
	"fmt"
	"runtime"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/schedule"
	"github.com/briefbot/briefbot/briefing/digest"
)

func cmdDigest(ctx context.Context, e env, args []string) error {
	var (
		dbPath string
		guild  string
		since  time.Duration
		asJSON bool
	)
	fs := newFlagSet(e, "digest", "",
		"Prints the digest of what a server shared in the last --since, built from the database as the\n"+
			"bot would build it and showing what its post would show, in the server's time zone. Nothing\n"+
			"is posted or recorded.")
	fs.StringVar(&dbPath, "db", defaultDBPath(e), "SQLite database file (env BRIEFBOT_DB)")
	fs.StringVar(&guild, "guild", "", "the server's id (required; articles briefed from the CLI are under \""+cliGuild+"\")")
	fs.DurationVar(&since, "since", 24*time.Hour, "how far back the digest reaches (no upper limit: 100000h reads everything)")
	fs.BoolVar(&asJSON, "json", false, "print the digest as JSON")
	pos, err := parseFlags(fs, e, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 || guild == "" {
		return fmt.Errorf("want --guild ID and no arguments: %w", errUsage)
	}
	if since <= 0 {
		return fmt.Errorf("--since %v: want a positive duration such as 24h: %w", since, errUsage)
	}
	db, err := openDigestDB(ctx, dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	now := time.Now().UTC()
	arts, err := db.DigestArticles(ctx, guild, now.Add(-since), now, digest.TextNeeded)
	if err != nil {
		return fmt.Errorf("load articles: %w", err)
	}
	in := digest.Input{PeriodStart: now.Add(-since), PeriodEnd: now, Items: make([]digest.Item, len(arts))}
	for i := range arts {
		a := &arts[i]
		in.Items[i] = digest.Item{ArticleID: a.ID, Article: a.Article, Briefing: a.Briefing,
			SubmittedBy: a.SubmittedBy, SubmittedAt: a.SubmittedAt, TextLen: a.TextLen, TextHash: a.ContentHash}
	}
	arts = nil // the Items hold what is needed; let the rest go
	d := digest.Build(in)
	in = digest.Input{} // texts and briefings are not needed to print the digest
	runtime.GC()        // so printing reuses their memory rather than growing the heap
	if asJSON {
		return writeJSON(e.stdout, d)
	}
	// Times as the server's members see them in its digests.
	loc := time.UTC
	if srv, err := db.Server(ctx, guild); err == nil {
		if l, err := schedule.LoadZone(srv.TimeZone); err == nil {
			loc = l
		}
	}
	if err := bot.WriteDigestText(e.stdout, d, loc); err != nil {
		return fmt.Errorf("print digest: %w", err)
	}
	return nil
}
