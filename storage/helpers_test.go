package storage

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/briefbot/briefbot/briefing"
)

// t0 is the tests' fixed clock; nothing here reads the real time.
var t0 = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

func openTest(t testing.TB) (*DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "briefbot.db")
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db, path
}

func sub(guild string, at time.Time) Submission {
	return Submission{GuildID: guild, ChannelID: "chan-" + guild, MessageID: "msg-1", UserID: "user-7", At: at}
}

func testArticle(n int) briefing.Article {
	return briefing.Article{
		URL:          fmt.Sprintf("https://news.example/story/%d?utm_source=x", n),
		CanonicalURL: fmt.Sprintf("https://news.example/story/%d", n),
		Title:        fmt.Sprintf("Harbour council vote number %d", n),
		Byline:       "A. Reporter",
		Site:         "News Example",
		Published:    t0.Add(-time.Duration(n) * time.Hour),
		Language:     "en",
		Text: fmt.Sprintf("The harbour council met on day %d. \"We will rebuild the pier,\" said Mayor Ana Ruiz.\n\n"+
			"The fishermen's union disagreed.", n),
	}
}

func testBriefing(n int) briefing.Briefing {
	const quote = "We will rebuild the pier,"
	text := testArticle(n).Text
	start := utf8.RuneCountInString(text[:strings.Index(text, quote)])
	return briefing.Briefing{
		Title:   fmt.Sprintf("Harbour council vote number %d", n),
		Summary: "The council voted on the pier.",
		Actors: []briefing.Actor{
			{Name: "Ana Ruiz", Kind: briefing.KindPerson, Role: "mayor", Aliases: []string{"Ruiz", "Mayor Ruiz"}, Mentions: 2, Key: true},
			{Name: "Fishermen's Union", Kind: briefing.KindOrganization, Aliases: []string{}, Mentions: 1, Key: true},
		},
		Quotes: []briefing.Quote{
			{Text: quote, Speaker: "Ana Ruiz", Direct: true, Cue: "said",
				Start: start, End: start + utf8.RuneCountInString(quote)},
		},
		Positions: []briefing.Position{{Actor: "Ana Ruiz", Statement: "rebuild the pier", Stance: "supports"}},
	}
}

// saveBriefed stores article n with its briefing for guild at time at.
func saveBriefed(t testing.TB, db *DB, guild string, n int, at time.Time) StoredArticle {
	t.Helper()
	ctx := context.Background()
	a, _, err := db.SaveArticle(ctx, sub(guild, at), testArticle(n))
	if err != nil {
		t.Fatalf("SaveArticle: %v", err)
	}
	if err := db.SaveBriefing(ctx, guild, a.ID, "test-1", testBriefing(n), at); err != nil {
		t.Fatalf("SaveBriefing: %v", err)
	}
	return a
}

// dumpTables reads every table of the file at path (virtual, shadow and
// bookkeeping tables included) as sorted row strings.
func dumpTables(t *testing.T, path string) map[string][]string {
	t.Helper()
	raw, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	rows, err := raw.Query(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, name)
	}
	rows.Close()
	out := map[string][]string{}
	for _, table := range tables {
		rows, err := raw.Query(`SELECT * FROM "` + table + `"`)
		if err != nil {
			t.Fatalf("read %s: %v", table, err)
		}
		cols, _ := rows.Columns()
		var lines []string
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			parts := make([]string, len(vals))
			for i, v := range vals {
				parts[i] = fmt.Sprintf("%T:%v", v, v)
			}
			lines = append(lines, strings.Join(parts, "|"))
		}
		if err := rows.Err(); err != nil {
			t.Fatalf("read %s: %v", table, err)
		}
		rows.Close()
		slices.Sort(lines)
		out[table] = lines
	}
	return out
}

func count(t *testing.T, db *DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.reader.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func ids(as []StoredArticle) []int64 {
	out := make([]int64, len(as))
	for i, a := range as {
		out[i] = a.ID
	}
	return out
}
