package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/briefbot/briefbot/briefing"
)

func init() {
	// A database as schema 3 left it: articles of two servers, interleaved,
	// so global ids have gaps within each server.
	fixtures[3] = func(t *testing.T, w *sql.DB) {
		// A schema-3 build indexed each briefing as it saved it.
		tx, err := w.Begin()
		if err != nil {
			t.Fatal(err)
		}
		if err := indexBriefing(context.Background(), tx, "g-old", 1, testBriefing(1)); err != nil {
			t.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		for n := 4; n <= 7; n++ {
			guild := "g-other"
			if n%2 == 1 {
				guild = "g-old"
			}
			a := testArticle(n)
			mustExec(t, w, `INSERT INTO articles (id, guild_id, url, canonical_url, title, submitted_at, content_hash)
				VALUES (?, ?, ?, ?, ?, ?, 'h')`, n, guild, a.URL, a.CanonicalURL, fmt.Sprintf("Ferry timetable %d", n), t0.UnixMilli()+int64(n))
		}
	}
}

func numbersOf(t *testing.T, db *DB, guild string) map[int64]int64 {
	t.Helper()
	list, err := db.Articles(context.Background(), guild, ArticleQuery{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[int64]int64{}
	for _, a := range list {
		out[a.ID] = a.Number
	}
	return out
}

func TestArticleNumbersPerServer(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	a1 := saveBriefed(t, db, "g1", 1, t0)
	b1 := saveBriefed(t, db, "g2", 2, t0)
	a2 := saveBriefed(t, db, "g1", 3, t0.Add(time.Minute))
	b2 := saveBriefed(t, db, "g2", 4, t0.Add(time.Minute))
	for _, c := range []struct {
		got  StoredArticle
		want int64
	}{{a1, 1}, {a2, 2}, {b1, 1}, {b2, 2}} {
		if c.got.Number != c.want {
			t.Errorf("article %d of %s has number %d, want %d", c.got.ID, c.got.GuildID, c.got.Number, c.want)
		}
	}
	got, err := db.ArticleByNumber(ctx, "g2", 2)
	if err != nil || got.ID != b2.ID || got.Text == "" {
		t.Errorf("ArticleByNumber(g2, 2) = %d (%d bytes of text), %v; want article %d with its text", got.ID, len(got.Text), err, b2.ID)
	}
	if _, err := db.ArticleByNumber(ctx, "g1", 3); !errors.Is(err, ErrNotFound) {
		t.Errorf("g1 has two articles, #3 gave %v", err)
	}
	// The same article read any other way carries its number too.
	if a, _ := db.Article(ctx, "g1", a2.ID); a.Number != 2 {
		t.Errorf("Article() number = %d, want 2", a.Number)
	}
	if ba, _ := db.BriefedArticles(ctx, "g2", time.Time{}, time.Time{}); len(ba) != 2 || ba[1].Article.Number != 2 {
		t.Errorf("BriefedArticles numbers = %+v", ba)
	}

	// A forgotten number is never handed out again.
	if err := db.DeleteArticle(ctx, "g1", a2.ID); err != nil {
		t.Fatal(err)
	}
	a3, _, err := db.SaveArticle(ctx, sub("g1", t0.Add(2*time.Minute)), testArticle(5))
	if err != nil {
		t.Fatal(err)
	}
	if a3.Number != 3 {
		t.Errorf("article after forgetting #2 got number %d, want 3", a3.Number)
	}
	if _, err := db.ArticleByNumber(ctx, "g1", 2); !errors.Is(err, ErrNotFound) {
		t.Errorf("forgotten #2 still found: %v", err)
	}
	// A duplicate submission keeps the first number.
	dup, created, err := db.SaveArticle(ctx, sub("g1", t0.Add(3*time.Minute)), testArticle(5))
	if err != nil || created || dup.Number != 3 {
		t.Errorf("duplicate = #%d created %v, %v; want #3 not created", dup.Number, created, err)
	}
	if n := count(t, db, `SELECT COUNT(*) FROM article_numbers WHERE guild_id = 'g1'`); n != 2 {
		t.Errorf("%d number rows for g1, want 2 (forgotten ones go with their article)", n)
	}
}

func TestMigrateNumbersExistingArticles(t *testing.T) {
	ctx := context.Background()
	db := migratedFrom(t, 3)
	// g-old had ids 1, 2, 3, 5, 7; g-other 4, 6.
	if got, want := numbersOf(t, db, "g-old"), map[int64]int64{1: 1, 2: 2, 3: 3, 5: 4, 7: 5}; !reflect.DeepEqual(got, want) {
		t.Errorf("g-old numbers %v, want %v", got, want)
	}
	if got, want := numbersOf(t, db, "g-other"), map[int64]int64{4: 1, 6: 2}; !reflect.DeepEqual(got, want) {
		t.Errorf("g-other numbers %v, want %v", got, want)
	}
	// References by internal id (briefings, digests) still work; new
	// articles continue each server's count.
	if b, err := db.Briefing(ctx, "g-old", 1); err != nil || b.EngineVersion != "old-0.1" {
		t.Errorf("briefing of article 1 after migration: %+v, %v", b, err)
	}
	a, _, err := db.SaveArticle(ctx, sub("g-other", t0.Add(time.Hour)), testArticle(9))
	if err != nil || a.Number != 3 {
		t.Errorf("next g-other article = #%d, %v; want #3", a.Number, err)
	}
}

func TestNameUses(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	a := saveBriefed(t, db, "g1", 1, t0)
	b := testBriefing(2)
	b.Quotes = append(b.Quotes, briefing.Quote{Text: "No.", Speaker: "Helen Ortíz", Direct: true, Start: 0, End: 3},
		briefing.Quote{Text: "Never.", Speaker: "Helen Ortíz", Direct: true, Start: 4, End: 10})
	b.Actors = append(b.Actors, briefing.Actor{Name: "Helen Ortíz", Kind: briefing.KindPerson, Aliases: []string{"Ortíz"}})
	a2, _, err := db.SaveArticle(ctx, sub("g1", t0.Add(time.Minute)), testArticle(2))
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SaveBriefing(ctx, "g1", a2.ID, "test-1", b, t0); err != nil {
		t.Fatal(err)
	}
	saveBriefed(t, db, "g2", 3, t0) // another server's names never show

	speakers, err := db.SpeakerUses(ctx, "g1", 0)
	if err != nil {
		t.Fatal(err)
	}
	want := []NameUse{{Name: "Ana Ruiz", Terms: []string{"Ana Ruiz"}, Uses: 2}, {Name: "Helen Ortíz", Terms: []string{"Helen Ortíz"}, Uses: 2}}
	if !reflect.DeepEqual(speakers, want) {
		t.Errorf("SpeakerUses = %+v, want %+v", speakers, want)
	}
	actors, err := db.ActorUses(ctx, "g1", 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(actors) != 3 || actors[0].Name != "Ana Ruiz" || actors[0].Uses != 2 ||
		!reflect.DeepEqual(actors[0].Terms, []string{"ana ruiz", "mayor ruiz", "ruiz"}) {
		t.Errorf("ActorUses = %+v", actors)
	}
	if top, _ := db.ActorUses(ctx, "g1", 1); len(top) != 1 || top[0].Name != "Ana Ruiz" {
		t.Errorf("ActorUses limit 1 = %+v", top)
	}
	_ = a
}

func TestNameListsFollowTheIndex(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	a := saveBriefed(t, db, "g1", 1, t0)
	b := saveBriefed(t, db, "g1", 2, t0)
	// Briefing an article again replaces its index rows: counts stay.
	if err := db.SaveBriefing(ctx, "g1", a.ID, "test-2", testBriefing(1), t0); err != nil {
		t.Fatal(err)
	}
	sp, _ := db.SpeakerUses(ctx, "g1", 0)
	ac, _ := db.ActorUses(ctx, "g1", 0)
	if len(sp) != 1 || sp[0].Uses != 2 || len(ac) != 2 || ac[0].Uses != 2 {
		t.Errorf("after re-briefing: speakers %+v actors %+v", sp, ac)
	}
	// Forgetting an article takes its names with it (the cascade fires the triggers).
	if err := db.DeleteArticle(ctx, "g1", a.ID); err != nil {
		t.Fatal(err)
	}
	if sp, _ := db.SpeakerUses(ctx, "g1", 0); len(sp) != 1 || sp[0].Uses != 1 {
		t.Errorf("after forgetting one: speakers %+v", sp)
	}
	if err := db.DeleteArticle(ctx, "g1", b.ID); err != nil {
		t.Fatal(err)
	}
	sp, _ = db.SpeakerUses(ctx, "g1", 0)
	ac, _ = db.ActorUses(ctx, "g1", 0)
	if len(sp) != 0 || len(ac) != 0 {
		t.Errorf("after forgetting all: speakers %+v actors %+v", sp, ac)
	}
	if n := count(t, db, `SELECT COUNT(*) FROM speaker_names`) + count(t, db, `SELECT COUNT(*) FROM actor_name_terms`); n != 0 {
		t.Errorf("%d name rows left", n)
	}
}

func TestMigrateListsExistingNames(t *testing.T) {
	ctx := context.Background()
	db := migratedFrom(t, 3)
	sp, err := db.SpeakerUses(ctx, "g-old", 0)
	if err != nil || len(sp) != 1 || sp[0].Name != "Ana Ruiz" || sp[0].Uses != 1 {
		t.Errorf("speakers after migration = %+v, %v", sp, err)
	}
	ac, err := db.ActorUses(ctx, "g-old", 0)
	if err != nil || len(ac) != 2 || !reflect.DeepEqual(ac[0].Terms, []string{"ana ruiz", "mayor ruiz", "ruiz"}) {
		t.Errorf("actors after migration = %+v, %v", ac, err)
	}
}
