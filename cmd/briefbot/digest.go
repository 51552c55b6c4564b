package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/briefbot/briefbot/briefing/digest"
	"github.com/briefbot/briefbot/storage"
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
			"bot would build it. Nothing is posted or recorded.")
	fs.StringVar(&dbPath, "db", defaultDBPath(e), "SQLite database file (env BRIEFBOT_DB)")
	fs.StringVar(&guild, "guild", "", "the server's id (required; articles briefed from the CLI are under \""+cliGuild+"\")")
	fs.DurationVar(&since, "since", 24*time.Hour, "how far back the digest reaches")
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
	if _, err := os.Stat(dbPath); err != nil {
		return fmt.Errorf("no database at %s: give its path with --db", dbPath)
	}
	db, err := storage.Open(ctx, dbPath)
	if err != nil {
		return fmt.Errorf("open database: %w", err)
	}
	defer db.Close()
	now := time.Now().UTC()
	arts, err := db.BriefedArticles(ctx, guild, now.Add(-since), now)
	if err != nil {
		return fmt.Errorf("load articles: %w", err)
	}
	in := digest.Input{PeriodStart: now.Add(-since), PeriodEnd: now, Items: make([]digest.Item, 0, len(arts))}
	for _, a := range arts {
		in.Items = append(in.Items, digest.Item{ArticleID: a.Article.ID, Article: a.Article.Article,
			Briefing: a.Briefing.Briefing, SubmittedBy: a.Article.SubmittedBy, SubmittedAt: a.Article.SubmittedAt})
	}
	d := digest.Build(in)
	if asJSON {
		return writeJSON(e.stdout, d)
	}
	printDigest(e.stdout, d)
	return nil
}

// printDigest is the terminal form of a digest: stories first, then actors.
func printDigest(w io.Writer, d digest.Digest) {
	fmt.Fprintf(w, "Digest %s to %s: %d articles from %d members, %d stories\n",
		d.PeriodStart.Format("2 Jan 15:04"), d.PeriodEnd.Format("2 Jan 15:04 MST"), d.ArticleCount, d.MemberCount, len(d.Stories))
	for i, s := range d.Stories {
		mark := ""
		if s.Update {
			mark = " (update)"
		}
		fmt.Fprintf(w, "\n%d. %s%s\n", i+1, s.Headline, mark)
		var names []string
		for _, a := range s.Actors {
			names = append(names, a.Name)
		}
		if len(names) > 0 {
			fmt.Fprintf(w, "   Actors: %s\n", strings.Join(names, ", "))
		}
		for _, p := range s.Positions {
			fmt.Fprintf(w, "   %s: %s\n", p.Actor, p.Statement)
		}
		for _, q := range s.Quotes {
			fmt.Fprintf(w, "   “%s” — %s\n", q.Text, q.Speaker)
		}
		for _, src := range s.Sources {
			fmt.Fprintf(w, "   - %s %s\n", src.Title, src.URL)
		}
	}
}
