package storage

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"
)

func BenchmarkSaveArticleAndBriefing(b *testing.B) {
	db, _ := openTest(b)
	ctx := context.Background()
	n := 0
	for b.Loop() {
		a, _, err := db.SaveArticle(ctx, sub("g1", t0.Add(time.Duration(n)*time.Second)), testArticle(n))
		if err != nil {
			b.Fatal(err)
		}
		if err := db.SaveBriefing(ctx, "g1", a.ID, "v1", testBriefing(n), t0); err != nil {
			b.Fatal(err)
		}
		n++
	}
}

func BenchmarkBriefedArticles2000(b *testing.B) {
	db, _ := openTest(b)
	ctx := context.Background()
	const articles = 2000
	for i := range articles {
		saveBriefed(b, db, "g1", i, t0.Add(time.Duration(i)*time.Second))
	}
	saveBriefed(b, db, "g2", 1, t0) // another server's row must not be read
	for b.Loop() {
		got, err := db.BriefedArticles(ctx, "g1", t0, t0.Add(articles*time.Second))
		if err != nil {
			b.Fatal(err)
		}
		if len(got) != articles {
			b.Fatalf("%d articles, want %d", len(got), articles)
		}
	}
}

// fillServer stores n articles for guild g1 (and a few for g2) in one
// transaction, bypassing the briefing, as fast as SQLite allows.
func fillServer(b testing.TB, db *DB, n int) {
	b.Helper()
	ctx := context.Background()
	words := []string{"harbour", "council", "budget", "ferry", "strike", "election", "school", "bridge", "river", "union"}
	err := db.write(ctx, func(tx *sql.Tx) error {
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO articles (guild_id, url, canonical_url, title, text, submitted_at, content_hash)
			VALUES (?, ?, ?, ?, ?, ?, '')`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for i := range n + 10 {
			guild := "g1"
			if i >= n {
				guild = "g2"
			}
			w1, w2 := words[i%len(words)], words[(i/len(words))%len(words)]
			url := fmt.Sprintf("https://news.example/%s/%d", guild, i)
			title := fmt.Sprintf("The %s and the %s, report %d", w1, w2, i)
			text := fmt.Sprintf("The %s met on day %d to discuss the %s. \"We will decide soon,\" said the chair of item%d. "+
				"Residents asked about the %s and the %s again.", w1, i, w2, i, w2, w1)
			if _, err := stmt.ExecContext(ctx, guild, url, url, title, text, t0.Add(time.Duration(i)*time.Second).UnixMilli()); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}

// BenchmarkSearch runs /articles searches over one server's articles: a word
// in every article ("the"), one in a tenth, one in a single article, and one
// in none; the page of 25 newest and the count, as /articles asks for both.
func BenchmarkSearch(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		db, _ := openTest(b)
		fillServer(b, db, n)
		ctx := context.Background()
		for _, q := range []struct{ name, search string }{
			{"every", "the"}, {"tenth", "ferry"}, {"one", "item777"}, {"none", "zeppelin"},
		} {
			b.Run(fmt.Sprintf("%d/%s/page", n, q.name), func(b *testing.B) {
				for b.Loop() {
					if _, err := db.Articles(ctx, "g1", ArticleQuery{Search: q.search, Limit: 25}); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run(fmt.Sprintf("%d/%s/count", n, q.name), func(b *testing.B) {
				for b.Loop() {
					if _, err := db.CountArticles(ctx, "g1", ArticleQuery{Search: q.search}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
		// A small server (g2, 10 articles) searching a word every article
		// of the big one holds: the hits of all servers are walked.
		b.Run(fmt.Sprintf("%d/small-server/page", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := db.Articles(ctx, "g2", ArticleQuery{Search: "the", Limit: 25}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("%d/small-server/count", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := db.CountArticles(ctx, "g2", ArticleQuery{Search: "the"}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
