package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/briefing/fetch"
	"github.com/briefbot/briefbot/storage"
)

// cliGuild is the pseudo-server that articles briefed from the command line
// are stored under, so they never mix with a real Discord server's.
const cliGuild = "cli"

type briefOptions struct {
	json    bool
	dbPath  string
	guild   string
	store   string
	pageURL string
	timeout time.Duration
}

func cmdBrief(ctx context.Context, e env, args []string) error {
	var o briefOptions
	fs := newFlagSet(e, "brief", "SOURCE",
		"SOURCE is a .txt file (first line the headline, blank line between paragraphs), an .html file, a URL, or - for stdin.\n"+
			"Articles fetched from a URL are stored in the database (--store=never to skip); files are not (--store=always to keep them).")
	fs.BoolVar(&o.json, "json", false, "print the briefing as one JSON object (the documented contract)")
	fs.StringVar(&o.dbPath, "db", defaultDBPath(e), "SQLite database file (env BRIEFBOT_DB)")
	fs.StringVar(&o.guild, "guild", cliGuild, "server id to store the article under")
	fs.StringVar(&o.store, "store", "auto", "store the article: auto (URLs only), always or never")
	fs.StringVar(&o.pageURL, "url", "", "the page's address when SOURCE is an .html file")
	fs.DurationVar(&o.timeout, "timeout", fetch.DefaultTimeout, "give up fetching after this long")
	pos, err := parseFlags(fs, e, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("want exactly one SOURCE (a file, a URL or -): %w", errUsage)
	}
	src := pos[0]
	kind, err := classifySource(src)
	if err != nil {
		return err
	}
	store := false
	switch o.store {
	case "auto":
		store = kind == sourceURL
	case "always":
		store = true
	case "never":
	default:
		return fmt.Errorf("--store %q: want auto, always or never: %w", o.store, errUsage)
	}
	if o.pageURL != "" {
		if _, err := fetch.Canonicalize(o.pageURL); err != nil {
			return fmt.Errorf("--url %q: %v: %w", o.pageURL, err, errUsage)
		}
	}

	a, err := loadArticle(ctx, e, src, o.pageURL, e.fetchOptions(o.timeout))
	if err != nil {
		return err
	}
	if a.URL == "" {
		a.URL = sourceAddress(src, o.pageURL)
	}
	if a.CanonicalURL == "" {
		// A copy of the address with ?utm_source= is the same article;
		// otherwise the address stays as given (see fetch.WithoutTracking).
		a.CanonicalURL = fetch.WithoutTracking(a.URL)
	}
	if store && a.URL == "" {
		return fmt.Errorf("give --url with the article's address to store an article read from stdin: %w", errUsage)
	}
	b, err := briefArticle(ctx, briefing.New(), a)
	if err != nil {
		return err
	}
	b = briefing.Tidy(b)
	if store {
		if err := storeBriefing(ctx, o.dbPath, o.guild, a, b); err != nil {
			return err
		}
	}
	if o.json {
		return writeJSON(e.stdout, b)
	}
	printBriefing(e.stdout, a, b)
	return nil
}

// briefArticle runs the engine, which gives up when ctx ends (Ctrl-C).
func briefArticle(ctx context.Context, eng *briefing.Engine, a briefing.Article) (briefing.Briefing, error) {
	return eng.BriefContext(ctx, a)
}

// sourceAddress names a file source for storage, which keys articles by URL:
// the page's address when given, else the file's own file:// URL.
func sourceAddress(src, pageURL string) string {
	if pageURL != "" {
		return pageURL
	}
	if src == "-" {
		return ""
	}
	abs, err := filepath.Abs(src)
	if err != nil {
		return ""
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
}

func userAgent() string {
	return "briefbot/" + version + " (+https://github.com/briefbot/briefbot)"
}

// storeBriefing keeps an article and its briefing the way the bot does, so a
// CLI run shows up in the same database a server's commands read.
// Article and briefing are saved in one transaction: killed at any point,
// the database holds both or neither.
func storeBriefing(ctx context.Context, dbPath, guild string, a briefing.Article, b briefing.Briefing) error {
	db, err := storage.Open(ctx, dbPath)
	if err != nil {
		return err // storage's error already names the database and the cause
	}
	defer db.Close()
	now := time.Now().UTC()
	if _, _, err := db.SaveBriefedArticle(ctx, storage.Submission{GuildID: guild, UserID: "cli", At: now}, a,
		briefing.EngineVersion, b, now); err != nil {
		return fmt.Errorf("store: %w", err)
	}
	return nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("write JSON: %w", err)
	}
	return nil
}

// printBriefing is the human-readable form: what a reader scans in a terminal.
func printBriefing(w io.Writer, a briefing.Article, b briefing.Briefing) {
	fmt.Fprintln(w, b.Title)
	var meta []string
	for _, s := range []string{a.Site, formatDate(a.Published), a.CanonicalURL} {
		if s != "" {
			meta = append(meta, s)
		}
	}
	if len(meta) > 0 {
		fmt.Fprintln(w, strings.Join(meta, " · "))
	}
	if b.Summary != "" {
		fmt.Fprintf(w, "\n%s\n", b.Summary)
	}
	if len(b.Actors) > 0 {
		fmt.Fprintln(w, "\nActors")
		for _, ac := range b.Actors {
			line := fmt.Sprintf("  %s (%s", ac.Name, ac.Kind)
			if ac.Role != "" {
				line += ", " + ac.Role
			}
			line += ")"
			if len(ac.Aliases) > 0 {
				line += " also: " + strings.Join(ac.Aliases, ", ")
			}
			fmt.Fprintln(w, line)
		}
	}
	if len(b.Positions) > 0 {
		fmt.Fprintln(w, "\nPositions")
		for _, p := range b.Positions {
			fmt.Fprintf(w, "  %s: %s\n", p.Actor, p.Statement)
		}
	}
	if len(b.Quotes) > 0 {
		fmt.Fprintln(w, "\nQuotes")
		for _, q := range b.Quotes {
			fmt.Fprintf(w, "  “%s” — %s\n", q.Text, q.Speaker)
		}
	}
}

func formatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2 Jan 2006")
}
