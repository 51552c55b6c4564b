package storage

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/briefbot/briefbot/briefing"
)

func TestSaveArticleRoundTrip(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	in := testArticle(1)
	in.Published = time.Date(2025, 2, 28, 9, 30, 0, 0, time.FixedZone("CET", 3600))
	at := t0.Add(123 * time.Millisecond)
	got, created, err := db.SaveArticle(ctx, sub("g1", at), in)
	if err != nil || !created {
		t.Fatalf("SaveArticle = created %v, %v", created, err)
	}
	sum := sha256.Sum256([]byte(in.Text))
	if got.ID == 0 || got.GuildID != "g1" || got.SubmittedBy != "user-7" || got.ChannelID != "chan-g1" ||
		got.MessageID != "msg-1" || !got.SubmittedAt.Equal(at) || got.SubmittedAt.Location() != time.UTC ||
		got.ContentHash != hex.EncodeToString(sum[:]) {
		t.Errorf("stored article = %+v", got)
	}
	if !got.Published.Equal(in.Published) || got.Published.Location() != time.UTC {
		t.Errorf("Published = %v, want %v in UTC", got.Published, in.Published)
	}
	again, err := db.Article(ctx, "g1", got.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(again, got) {
		t.Errorf("Article = %+v\nwant %+v", again, got)
	}
	byURL, err := db.ArticleByURL(ctx, "g1", in.CanonicalURL)
	if err != nil || byURL.ID != got.ID {
		t.Errorf("ArticleByURL = %d, %v; want %d", byURL.ID, err, got.ID)
	}
	if _, err := db.Article(ctx, "g1", got.ID+1); !errors.Is(err, ErrNotFound) {
		t.Errorf("Article(missing) err = %v, want ErrNotFound", err)
	}
	if _, err := db.ArticleByURL(ctx, "g1", "https://elsewhere.example/"); !errors.Is(err, ErrNotFound) {
		t.Errorf("ArticleByURL(missing) err = %v, want ErrNotFound", err)
	}
}

func TestSaveArticleDedupe(t *testing.T) {
	ctx := context.Background()
	base := testArticle(1)
	tests := []struct {
		name        string
		second      func(a briefing.Article) briefing.Article
		wantCreated bool
	}{
		{"same canonical URL, other URL and text", func(a briefing.Article) briefing.Article {
			a.URL = "https://m.news.example/story/1"
			a.Text = "changed"
			return a
		}, false},
		{"same canonical URL with spaces", func(a briefing.Article) briefing.Article {
			a.CanonicalURL = "  " + a.CanonicalURL + "\n"
			return a
		}, false},
		{"other canonical URL", func(a briefing.Article) briefing.Article {
			a.CanonicalURL = "https://news.example/story/2"
			return a
		}, true},
		{"no canonical URL, URL equals first canonical", func(a briefing.Article) briefing.Article {
			a.URL, a.CanonicalURL = a.CanonicalURL, ""
			return a
		}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			db, _ := openTest(t)
			first, created, err := db.SaveArticle(ctx, sub("g1", t0), base)
			if err != nil || !created {
				t.Fatalf("first save: created %v, %v", created, err)
			}
			later := sub("g1", t0.Add(time.Hour))
			later.UserID = "user-8"
			got, created, err := db.SaveArticle(ctx, later, tc.second(base))
			if err != nil {
				t.Fatal(err)
			}
			if created != tc.wantCreated {
				t.Errorf("created = %v, want %v", created, tc.wantCreated)
			}
			if !tc.wantCreated && !reflect.DeepEqual(got, first) {
				t.Errorf("duplicate returned %+v\nwant the first stored %+v", got, first)
			}
			n, _ := db.CountArticles(ctx, "g1", ArticleQuery{})
			if want := map[bool]int{false: 1, true: 2}[tc.wantCreated]; n != want {
				t.Errorf("%d articles stored, want %d", n, want)
			}
		})
	}
}

func TestSaveArticleBadInput(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	noURL := testArticle(1)
	noURL.URL, noURL.CanonicalURL = "", " "
	for _, tc := range []struct {
		name string
		sub  Submission
		a    briefing.Article
	}{
		{"empty guild", sub("", t0), testArticle(1)},
		{"no URL", sub("g1", t0), noURL},
		{"zero time", sub("g1", time.Time{}), testArticle(1)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, _, err := db.SaveArticle(ctx, tc.sub, tc.a); err == nil {
				t.Error("SaveArticle accepted bad input")
			}
		})
	}
	if n := count(t, db, `SELECT COUNT(*) FROM articles`); n != 0 {
		t.Errorf("%d articles stored from bad input", n)
	}
}

// TestServerIsolation: two servers share one URL; nothing of one may be
// seen, changed or deleted through the other.
func TestServerIsolation(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	a1 := saveBriefed(t, db, "g1", 1, t0)
	a2, created, err := db.SaveArticle(ctx, sub("g2", t0.Add(time.Minute)), testArticle(1))
	if err != nil || !created || a2.ID == a1.ID {
		t.Fatalf("same URL in a second server: created %v, id %d (first %d), %v", created, a2.ID, a1.ID, err)
	}
	g2Briefing := testBriefing(1)
	g2Briefing.Quotes[0].Speaker = "Other Speaker"
	g2Briefing.Actors[0].Name = "Other Actor"
	if err := db.SaveBriefing(ctx, "g2", a2.ID, "v", g2Briefing, t0); err != nil {
		t.Fatal(err)
	}

	if _, err := db.Article(ctx, "g2", a1.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("Article(g2, g1's id) err = %v, want ErrNotFound", err)
	}
	if got, err := db.ArticleByURL(ctx, "g2", testArticle(1).CanonicalURL); err != nil || got.ID != a2.ID {
		t.Errorf("ArticleByURL(g2) = %d, %v; want %d", got.ID, err, a2.ID)
	}
	if _, err := db.Briefing(ctx, "g2", a1.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("Briefing(g2, g1's id) err = %v, want ErrNotFound", err)
	}
	if err := db.SaveBriefing(ctx, "g2", a1.ID, "evil", briefing.Briefing{}, t0); !errors.Is(err, ErrNotFound) {
		t.Errorf("SaveBriefing(g2, g1's id) err = %v, want ErrNotFound", err)
	}
	if err := db.DeleteArticle(ctx, "g2", a1.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("DeleteArticle(g2, g1's id) err = %v, want ErrNotFound", err)
	}
	if b, err := db.Briefing(ctx, "g1", a1.ID); err != nil || b.EngineVersion != "test-1" {
		t.Errorf("g1's briefing after g2's attempts = %+v, %v", b, err)
	}

	for _, g := range []struct {
		guild string
		id    int64
	}{{"g1", a1.ID}, {"g2", a2.ID}} {
		list, err := db.Articles(ctx, g.guild, ArticleQuery{})
		if err != nil || !slices.Equal(ids(list), []int64{g.id}) {
			t.Errorf("Articles(%s) = %v, %v; want [%d]", g.guild, ids(list), err, g.id)
		}
		found, err := db.Articles(ctx, g.guild, ArticleQuery{Search: "harbour"})
		if err != nil || !slices.Equal(ids(found), []int64{g.id}) {
			t.Errorf("search(%s) = %v, %v; want [%d]", g.guild, ids(found), err, g.id)
		}
		if n, _ := db.CountArticles(ctx, g.guild, ArticleQuery{Search: "harbour"}); n != 1 {
			t.Errorf("CountArticles(%s) = %d, want 1", g.guild, n)
		}
		briefed, err := db.BriefedArticles(ctx, g.guild, time.Time{}, time.Time{})
		if err != nil || len(briefed) != 1 || briefed[0].Article.ID != g.id {
			t.Errorf("BriefedArticles(%s) = %d items, %v", g.guild, len(briefed), err)
		}
		quotes, err := db.Quotes(ctx, g.guild, QuoteQuery{})
		if err != nil || len(quotes) != 1 || quotes[0].ArticleID != g.id {
			t.Errorf("Quotes(%s) = %+v, %v", g.guild, quotes, err)
		}
	}
	if got, _ := db.Quotes(ctx, "g2", QuoteQuery{Speaker: "Ruiz"}); len(got) != 0 {
		t.Errorf("g2 sees g1's speaker: %+v", got)
	}
	if got, _ := db.Speakers(ctx, "g2", "", 0); !slices.Equal(got, []string{"Other Speaker"}) {
		t.Errorf("Speakers(g2) = %q", got)
	}
	if got, _ := db.ActorArticles(ctx, "g2", "Ana Ruiz", 0); len(got) != 0 {
		t.Errorf("ActorArticles(g2, g1's actor) = %d results", len(got))
	}
	if got, _ := db.ActorNames(ctx, "g2", "ana", 0); len(got) != 0 {
		t.Errorf("ActorNames(g2, ana) = %q", got)
	}
	if got, _ := db.ActorNames(ctx, "g1", "", 0); !slices.Equal(got, []string{"Ana Ruiz", "Fishermen's Union"}) {
		t.Errorf("ActorNames(g1) = %q", got)
	}

	if err := db.DeleteArticle(ctx, "g1", a1.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Article(ctx, "g2", a2.ID); err != nil {
		t.Errorf("g2's article gone after g1 deleted its own: %v", err)
	}
}

func TestDeleteArticleCascades(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	a := saveBriefed(t, db, "g1", 1, t0)
	keep := saveBriefed(t, db, "g1", 2, t0)
	if err := db.DeleteArticle(ctx, "g1", a.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Briefing(ctx, "g1", a.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("briefing of deleted article: err = %v, want ErrNotFound", err)
	}
	for _, table := range []string{"briefings", "quotes", "actor_terms"} {
		if n := count(t, db, `SELECT COUNT(*) FROM `+table+` WHERE article_id = ?`, a.ID); n != 0 {
			t.Errorf("%d %s rows left for the deleted article", n, table)
		}
		if n := count(t, db, `SELECT COUNT(*) FROM `+table+` WHERE article_id = ?`, keep.ID); n == 0 {
			t.Errorf("no %s rows left for the other article", table)
		}
	}
	if found, _ := db.Articles(ctx, "g1", ArticleQuery{Search: "harbour"}); !slices.Equal(ids(found), []int64{keep.ID}) {
		t.Errorf("search after delete = %v, want [%d]", ids(found), keep.ID)
	}
	if err := db.DeleteArticle(ctx, "g1", a.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("second delete err = %v, want ErrNotFound", err)
	}
}

func TestArticlesListing(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	var all []int64
	for i := range 5 {
		a, _, err := db.SaveArticle(ctx, sub("g1", t0.Add(time.Duration(i)*time.Hour)), testArticle(i))
		if err != nil {
			t.Fatal(err)
		}
		all = append([]int64{a.ID}, all...) // newest first
	}
	tests := []struct {
		name string
		q    ArticleQuery
		want []int64
	}{
		{"all newest first", ArticleQuery{}, all},
		{"limit", ArticleQuery{Limit: 2}, all[:2]},
		{"limit and offset", ArticleQuery{Limit: 2, Offset: 2}, all[2:4]},
		{"offset only", ArticleQuery{Offset: 3}, all[3:]},
		{"since", ArticleQuery{Since: t0.Add(3 * time.Hour)}, all[:2]},
		{"search and since", ArticleQuery{Search: "harbour", Since: t0.Add(4 * time.Hour)}, all[:1]},
		{"search one article", ArticleQuery{Search: "number 3"}, all[1:2]},
		{"negative offset", ArticleQuery{Offset: -5, Limit: 1}, all[:1]},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := db.Articles(ctx, "g1", tc.q)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(ids(got), tc.want) {
				t.Errorf("Articles = %v, want %v", ids(got), tc.want)
			}
			for _, a := range got {
				if a.Text != "" || a.Title == "" {
					t.Errorf("listing of %d: title %q, text %d bytes; want title and no text", a.ID, a.Title, len(a.Text))
				}
			}
			n, err := db.CountArticles(ctx, "g1", tc.q)
			want := len(all)
			if tc.q.Search != "" || !tc.q.Since.IsZero() {
				want = len(tc.want)
			}
			if err != nil || n != want {
				t.Errorf("CountArticles = %d, %v; want %d", n, err, want)
			}
		})
	}
}
