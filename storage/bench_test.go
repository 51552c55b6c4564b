package storage

import (
	"context"
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
