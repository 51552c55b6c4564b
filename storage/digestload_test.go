package storage

import (
	"context"
	"flag"
	"fmt"
	"reflect"
	"testing"
	"time"
	"unicode/utf8"

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

func TestDigestArticles(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	for i := range 5 {
		saveBriefed(t, db, "g1", i, t0.Add(time.Duration(i)*time.Hour))
	}
	saveBriefed(t, db, "g2", 9, t0) // another server's article is never read
	// An article without a briefing yet is not part of a digest.
	if _, _, err := db.SaveArticle(ctx, sub("g1", t0.Add(time.Hour)), testArticle(7)); err != nil {
		t.Fatal(err)
	}
	full, err := db.BriefedArticles(ctx, "g1", t0.Add(time.Hour), t0.Add(4*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		maxText int
	}{
		{"whole text", 0},
		{"first 20 characters", 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := db.DigestArticles(ctx, "g1", t0.Add(time.Hour), t0.Add(4*time.Hour), tt.maxText)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(full) || len(got) != 3 {
				t.Fatalf("%d articles, want the 3 briefed ones in [1h, 4h) as BriefedArticles gives %d", len(got), len(full))
			}
			for i, g := range got {
				w := full[i]
				if g.ID != w.Article.ID || g.SubmittedBy != w.Article.SubmittedBy || !g.SubmittedAt.Equal(w.Article.SubmittedAt) ||
					g.Article.Title != w.Article.Title || g.Article.CanonicalURL != w.Article.CanonicalURL ||
					!g.Article.Published.Equal(w.Article.Published) || g.ContentHash != w.Article.ContentHash {
					t.Errorf("article %d: got %+v, want the fields of %+v", i, g, w.Article)
				}
				if !reflect.DeepEqual(g.Briefing, w.Briefing.Briefing) {
					t.Errorf("article %d: briefing %+v, want %+v", i, g.Briefing, w.Briefing.Briefing)
				}
				wantText := w.Article.Text
				if tt.maxText > 0 {
					wantText = string([]rune(wantText)[:tt.maxText])
				}
				if g.Article.Text != wantText || g.TextLen != utf8.RuneCountInString(w.Article.Text) {
					t.Errorf("article %d: text %q (whole %d), want %q (whole %d)", i, g.Article.Text, g.TextLen,
						wantText, utf8.RuneCountInString(w.Article.Text))
				}
				if g.Article.Byline != "" {
					t.Errorf("article %d: byline %q read, want it left out", i, g.Article.Byline)
				}
			}
		})
	}
}

// BenchmarkLoadPeriod10000 loads a period of 10,000 generated articles
// the digest's way and the full way.
func BenchmarkLoadPeriod10000(b *testing.B) {
	db, _ := openTest(b)
	saveCorpus(b, db, "g1", 10000)
	ctx := context.Background()
	b.Run("DigestArticles", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			got, err := db.DigestArticles(ctx, "g1", time.Time{}, time.Time{}, 1500)
			if err != nil || len(got) != 10000 {
				b.Fatalf("%d articles, %v", len(got), err)
			}
		}
	})
	b.Run("BriefedArticles", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			got, err := db.BriefedArticles(ctx, "g1", time.Time{}, time.Time{})
			if err != nil || len(got) != 10000 {
				b.Fatalf("%d articles, %v", len(got), err)
			}
		}
	})
}
