package storage

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"
)

func init() {
	// Schema 5 (the image column) adds no rows of its own to test.
	fixtures[5] = func(t *testing.T, w *sql.DB) {}
}

const testImage = "https://news.example/media/pier.jpg?w=1200"

// TestArticleImageSavedAndRead: the preview image goes in with the other
// article fields and comes back on every path that reads articles.
func TestArticleImageSavedAndRead(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	with := testArticle(1)
	with.Image = testImage
	saved, _, err := db.SaveArticle(ctx, sub("g1", t0), with)
	if err != nil {
		t.Fatal(err)
	}
	if saved.Image != testImage {
		t.Errorf("SaveArticle returned Image %q, want %q", saved.Image, testImage)
	}
	briefed, _, err := db.SaveBriefedArticle(ctx, sub("g1", t0.Add(time.Minute)), testArticle(2), "v1", testBriefing(2), t0)
	if err != nil {
		t.Fatal(err)
	}
	if briefed.Image != "" {
		t.Errorf("article without an image stored with %q", briefed.Image)
	}
	third := testArticle(3)
	third.Image = testImage + "&v=3"
	if _, _, err := db.SaveBriefedArticle(ctx, sub("g1", t0.Add(2*time.Minute)), third, "v1", testBriefing(3), t0); err != nil {
		t.Fatal(err)
	}

	a, err := db.Article(ctx, "g1", saved.ID)
	if err != nil || a.Image != testImage {
		t.Errorf("Article: Image %q, %v; want %q", a.Image, err, testImage)
	}
	byURL, err := db.ArticleByURL(ctx, "g1", with.CanonicalURL)
	if err != nil || byURL.Image != testImage {
		t.Errorf("ArticleByURL: Image %q, %v", byURL.Image, err)
	}
	list, err := db.Articles(ctx, "g1", ArticleQuery{})
	if err != nil || len(list) != 3 {
		t.Fatalf("Articles = %d, %v", len(list), err)
	}
	images := map[string]string{}
	for _, a := range list {
		images[a.CanonicalURL] = a.Image
	}
	if images[with.CanonicalURL] != testImage || images[testArticle(2).CanonicalURL] != "" || images[third.CanonicalURL] != third.Image {
		t.Errorf("Articles images = %v", images)
	}
	ba, err := db.BriefedArticles(ctx, "g1", t0.Add(-time.Hour), t0.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, b := range ba {
		if b.Article.CanonicalURL == third.CanonicalURL {
			found = b.Article.Image == third.Image
		}
	}
	if !found {
		t.Errorf("BriefedArticles lost the image of article 3")
	}
	da, err := db.DigestArticles(ctx, "g1", t0.Add(-time.Hour), t0.Add(time.Hour), 100)
	if err != nil {
		t.Fatal(err)
	}
	images = map[string]string{}
	for _, d := range da {
		images[d.Article.CanonicalURL] = d.Article.Image
	}
	if images[third.CanonicalURL] != third.Image || images[testArticle(2).CanonicalURL] != "" {
		t.Errorf("DigestArticles images = %v", images)
	}

	// A re-share keeps what was stored first, image included.
	again := with
	again.Image = "https://news.example/other.jpg"
	first, created, err := db.SaveArticle(ctx, sub("g1", t0.Add(time.Hour)), again)
	if err != nil || created || first.Image != testImage {
		t.Errorf("re-share = created %v, Image %q, %v; want the first image", created, first.Image, err)
	}
}

// TestMigrateAddsArticleImage: a database from before the image column
// keeps its articles, which read back with no image, and takes new ones
// with images.
func TestMigrateAddsArticleImage(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	const before = 4 // the last schema without the column
	old, err := openAt(ctx, path, before)
	if err != nil {
		t.Fatal(err)
	}
	for v := 1; v <= before; v++ {
		fixtures[v](t, old.writer)
	}
	if _, err := old.writer.Exec(`SELECT image FROM articles`); err == nil {
		t.Fatalf("schema %d already has articles.image; the test no longer tests the migration", before)
	}
	old.Close()

	db, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("Open (migrate up): %v", err)
	}
	defer db.Close()
	a, err := db.Article(ctx, "g-old", 1)
	if err != nil {
		t.Fatal(err)
	}
	if a.Image != "" || a.Title != testArticle(1).Title {
		t.Errorf("old article after migration = Image %q, Title %q", a.Image, a.Title)
	}
	n := testArticle(9)
	n.Image = testImage
	saved, created, err := db.SaveArticle(ctx, sub("g-old", t0.Add(time.Hour)), n)
	if err != nil || !created {
		t.Fatalf("SaveArticle after migration = %v, %v", created, err)
	}
	if got, err := db.Article(ctx, "g-old", saved.ID); err != nil || got.Image != testImage {
		t.Errorf("new article after migration: Image %q, %v", got.Image, err)
	}
}
