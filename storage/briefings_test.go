package storage

import (
	"context"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/briefbot/briefbot/briefing"
)

func TestSaveBriefingRoundTripAndReplace(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	a, _, err := db.SaveArticle(ctx, sub("g1", t0), testArticle(1))
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SaveBriefing(ctx, "g1", a.ID, "v1", testBriefing(1), t0); err != nil {
		t.Fatal(err)
	}
	got, err := db.Briefing(ctx, "g1", a.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := StoredBriefing{ArticleID: a.ID, EngineVersion: "v1", Briefing: testBriefing(1), CreatedAt: t0}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Briefing = %+v\nwant %+v", got, want)
	}

	replacement := briefing.Briefing{
		Title:  "Rewritten",
		Actors: []briefing.Actor{{Name: "Port Authority", Kind: briefing.KindOrganization, Aliases: []string{"PA"}}},
		Quotes: []briefing.Quote{{Text: "Closed for repairs.", Speaker: "Port Authority", Start: 1, End: 20}},
	}
	later := t0.Add(time.Hour)
	if err := db.SaveBriefing(ctx, "g1", a.ID, "v2", replacement, later); err != nil {
		t.Fatal(err)
	}
	got, err = db.Briefing(ctx, "g1", a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.EngineVersion != "v2" || !got.CreatedAt.Equal(later) || !reflect.DeepEqual(got.Briefing, replacement) {
		t.Errorf("replaced briefing = %+v", got)
	}
	if q, _ := db.Quotes(ctx, "g1", QuoteQuery{Speaker: "ruiz"}); len(q) != 0 {
		t.Errorf("quotes of the replaced briefing still listed: %+v", q)
	}
	if q, _ := db.Quotes(ctx, "g1", QuoteQuery{}); len(q) != 1 || q[0].Speaker != "Port Authority" {
		t.Errorf("quotes after replace = %+v", q)
	}
	if names, _ := db.ActorNames(ctx, "g1", "", 0); !slices.Equal(names, []string{"Port Authority"}) {
		t.Errorf("actor names after replace = %q", names)
	}
	if n := count(t, db, `SELECT COUNT(*) FROM briefings`); n != 1 {
		t.Errorf("%d briefing rows, want 1", n)
	}
}

func TestBriefedArticles(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	var briefed []int64
	for i := range 6 {
		at := t0.Add(time.Duration(i) * time.Hour)
		if i == 2 { // an article without a briefing is left out
			if _, _, err := db.SaveArticle(ctx, sub("g1", at), testArticle(i)); err != nil {
				t.Fatal(err)
			}
			continue
		}
		briefed = append(briefed, saveBriefed(t, db, "g1", i, at).ID)
	}
	tests := []struct {
		name     string
		from, to time.Time
		want     []int64
	}{
		{"everything", time.Time{}, time.Time{}, briefed},
		{"half-open range", t0.Add(time.Hour), t0.Add(4 * time.Hour), briefed[1:3]},
		{"from only", t0.Add(4 * time.Hour), time.Time{}, briefed[3:]},
		{"to only", time.Time{}, t0.Add(time.Hour + time.Millisecond), briefed[:2]},
		{"empty range", t0.Add(10 * time.Hour), t0.Add(11 * time.Hour), nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := db.BriefedArticles(ctx, "g1", tc.from, tc.to)
			if err != nil {
				t.Fatal(err)
			}
			var gotIDs []int64
			for _, ba := range got {
				gotIDs = append(gotIDs, ba.Article.ID)
				if ba.Article.Text == "" || ba.Briefing.ArticleID != ba.Article.ID || ba.Briefing.Briefing.Title == "" {
					t.Errorf("item %d incomplete: %+v", ba.Article.ID, ba)
				}
			}
			if !slices.Equal(gotIDs, tc.want) {
				t.Errorf("BriefedArticles = %v, want %v (oldest first)", gotIDs, tc.want)
			}
		})
	}
}

func quoteBriefing(quotes ...briefing.Quote) briefing.Briefing {
	return briefing.Briefing{Title: "q", Quotes: quotes}
}

func TestQuotes(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	save := func(n int, at time.Time, b briefing.Briefing) int64 {
		a, _, err := db.SaveArticle(ctx, sub("g1", at), testArticle(n))
		if err != nil {
			t.Fatal(err)
		}
		if err := db.SaveBriefing(ctx, "g1", a.ID, "v", b, at); err != nil {
			t.Fatal(err)
		}
		return a.ID
	}
	old := save(1, t0, quoteBriefing(
		briefing.Quote{Text: "second", Speaker: "Émile Zola", Start: 50, End: 56},
		briefing.Quote{Text: "first", Speaker: "Ana Ruiz", Direct: true, Cue: "said", Start: 10, End: 15},
	))
	mid := save(2, t0.Add(time.Hour), quoteBriefing(
		briefing.Quote{Text: "100% sure", Speaker: "Dr. 100%_Sure", Start: 0, End: 9},
	))
	newest := save(3, t0.Add(2*time.Hour), quoteBriefing(
		briefing.Quote{Text: "again", Speaker: "ana ruiz", Start: 3, End: 8},
	))

	type key struct {
		id   int64
		text string
	}
	tests := []struct {
		name string
		q    QuoteQuery
		want []key
	}{
		{"all: newest article first, reading order within", QuoteQuery{},
			[]key{{newest, "again"}, {mid, "100% sure"}, {old, "first"}, {old, "second"}}},
		{"speaker substring, any case", QuoteQuery{Speaker: "RUIZ"}, []key{{newest, "again"}, {old, "first"}}},
		{"non-ASCII case folding", QuoteQuery{Speaker: "émile"}, []key{{old, "second"}}},
		{"upper non-ASCII", QuoteQuery{Speaker: "ÉMILE ZOLA"}, []key{{old, "second"}}},
		{"percent is literal", QuoteQuery{Speaker: "%"}, []key{{mid, "100% sure"}}},
		{"underscore is literal", QuoteQuery{Speaker: "_s"}, []key{{mid, "100% sure"}}},
		{"no such speaker", QuoteQuery{Speaker: "zzz"}, nil},
		{"since", QuoteQuery{Since: t0.Add(time.Hour)}, []key{{newest, "again"}, {mid, "100% sure"}}},
		{"limit", QuoteQuery{Limit: 3}, []key{{newest, "again"}, {mid, "100% sure"}, {old, "first"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := db.Quotes(ctx, "g1", tc.q)
			if err != nil {
				t.Fatal(err)
			}
			var keys []key
			for _, q := range got {
				keys = append(keys, key{q.ArticleID, q.Text})
			}
			if !slices.Equal(keys, tc.want) {
				t.Errorf("Quotes = %v, want %v", keys, tc.want)
			}
		})
	}

	got, _ := db.Quotes(ctx, "g1", QuoteQuery{Speaker: "ana", Limit: 1})
	want := StoredQuote{ArticleID: newest, ArticleTitle: testArticle(3).Title, ArticleURL: testArticle(3).CanonicalURL,
		Quote: briefing.Quote{Text: "again", Speaker: "ana ruiz", Start: 3, End: 8}, SubmittedAt: t0.Add(2 * time.Hour)}
	if len(got) != 1 || !reflect.DeepEqual(got[0], want) {
		t.Errorf("full quote = %+v\nwant %+v", got, want)
	}
	got, _ = db.Quotes(ctx, "g1", QuoteQuery{Speaker: "ruiz"})
	if len(got) != 2 || !got[1].Direct || got[1].Cue != "said" || got[1].Start != 10 || got[1].End != 15 {
		t.Errorf("direct/cue/offsets not kept: %+v", got)
	}

	speakers, err := db.Speakers(ctx, "g1", "", 0)
	if err != nil {
		t.Fatal(err)
	}
	// "Ana Ruiz" and "ana ruiz" are one speaker, quoted twice: first.
	if !slices.Equal(speakers, []string{"Ana Ruiz", "Dr. 100%_Sure", "Émile Zola"}) {
		t.Errorf("Speakers = %q", speakers)
	}
	for _, tc := range []struct {
		prefix string
		limit  int
		want   []string
	}{
		{"é", 0, []string{"Émile Zola"}},
		{"AN", 0, []string{"Ana Ruiz"}},
		{"ruiz", 0, nil}, // prefix, not substring
		{"", 1, []string{"Ana Ruiz"}},
	} {
		if got, err := db.Speakers(ctx, "g1", tc.prefix, tc.limit); err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("Speakers(%q, %d) = %q, %v; want %q", tc.prefix, tc.limit, got, err, tc.want)
		}
	}
}

func TestActorLookups(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	save := func(n int, at time.Time, actors ...briefing.Actor) int64 {
		a, _, err := db.SaveArticle(ctx, sub("g1", at), testArticle(n))
		if err != nil {
			t.Fatal(err)
		}
		if err := db.SaveBriefing(ctx, "g1", a.ID, "v", briefing.Briefing{Title: "t", Actors: actors}, at); err != nil {
			t.Fatal(err)
		}
		return a.ID
	}
	who := briefing.Actor{Name: "World Health Organization", Kind: briefing.KindOrganization, Aliases: []string{"WHO", "who"}}
	ruiz := briefing.Actor{Name: "Ana Ruiz", Kind: briefing.KindPerson, Aliases: []string{"Ruiz"}}
	greece := briefing.Actor{Name: "Ελλάδα", Kind: briefing.KindCountry}
	a1 := save(1, t0, who, ruiz)
	a2 := save(2, t0.Add(time.Hour), who)
	a3 := save(3, t0.Add(2*time.Hour), greece, briefing.Actor{Name: "  "})

	for _, tc := range []struct {
		name  string
		limit int
		want  []int64
	}{
		{"who", 0, []int64{a2, a1}},
		{"WORLD HEALTH ORGANIZATION", 0, []int64{a2, a1}},
		{"Ruiz", 0, []int64{a1}},
		{"ana ruiz", 0, []int64{a1}},
		{"ΕΛΛΆΔΑ", 0, []int64{a3}},
		{"World", 0, nil}, // whole name or alias, not a part of it
		{"who", 1, []int64{a2}},
		{"", 0, nil},
	} {
		got, err := db.ActorArticles(ctx, "g1", tc.name, tc.limit)
		if err != nil {
			t.Fatal(err)
		}
		var gotIDs []int64
		for _, ba := range got {
			gotIDs = append(gotIDs, ba.Article.ID)
			if ba.Article.Text == "" || len(ba.Briefing.Briefing.Actors) == 0 {
				t.Errorf("ActorArticles(%q) item %d incomplete", tc.name, ba.Article.ID)
			}
		}
		if !slices.Equal(gotIDs, tc.want) {
			t.Errorf("ActorArticles(%q, %d) = %v, want %v", tc.name, tc.limit, gotIDs, tc.want)
		}
	}

	for _, tc := range []struct {
		prefix string
		limit  int
		want   []string
	}{
		{"", 0, []string{"World Health Organization", "Ana Ruiz", "Ελλάδα"}}, // most articles first
		{"wh", 0, []string{"World Health Organization"}},
		{"ru", 0, []string{"Ana Ruiz"}}, // through the alias
		{"ελ", 0, []string{"Ελλάδα"}},
		{"x", 0, nil},
		{"", 2, []string{"World Health Organization", "Ana Ruiz"}},
	} {
		if got, err := db.ActorNames(ctx, "g1", tc.prefix, tc.limit); err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("ActorNames(%q, %d) = %q, %v; want %q", tc.prefix, tc.limit, got, err, tc.want)
		}
	}
}
