package storage

import (
	"context"
	"flag"
	"fmt"
	"testing"
	"time"

	"github.com/briefbot/briefbot/briefing/digest/digesttest"
)

var (
	genDB = flag.String("gen-digest-db", "", "write a synthetic period to this new database file (for measuring `briefbot digest`)")
	genN  = flag.Int("gen-digest-n", 10000, "articles -gen-digest-db writes")
)

// genGuild is the server the generated articles belong to.
const genGuild = "gen"

// saveCorpus stores a synthetic period for guild: n articles, nine in ten
// reporting events ten outlets covered, the rest singletons.
func saveCorpus(t testing.TB, db *DB, guild string, n int) []digesttest.Item {
	t.Helper()
	ctx := context.Background()
	events := n * 9 / 100
	items := digesttest.Corpus(events, 10, n-events*10, uint64(n))
	for i, it := range items {
		it.Article.Language = "en"
		s := Submission{GuildID: guild, ChannelID: "c1", MessageID: fmt.Sprint(i), UserID: it.SubmittedBy, At: it.SubmittedAt}
		a, _, err := db.SaveArticle(ctx, s, it.Article)
		if err != nil {
			t.Fatalf("SaveArticle: %v", err)
		}
		if err := db.SaveBriefing(ctx, guild, a.ID, "gen", it.Briefing, it.SubmittedAt); err != nil {
			t.Fatalf("SaveBriefing: %v", err)
		}
		items[i].ArticleID = a.ID
	}
	return items
}

// TestGenerateDigestDB writes the database `briefbot digest` is measured
// on: go test ./storage -run TestGenerateDigestDB -gen-digest-db /tmp/10k.db
// then briefbot digest --db /tmp/10k.db --guild gen --since 100000h.
func TestGenerateDigestDB(t *testing.T) {
	if *genDB == "" {
		t.Skip("run with -gen-digest-db PATH")
	}
	db, err := Open(context.Background(), *genDB)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	start := time.Now()
	saveCorpus(t, db, genGuild, *genN)
	t.Logf("%d articles in %v", *genN, time.Since(start))
}
