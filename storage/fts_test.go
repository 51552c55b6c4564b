package storage

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/briefbot/briefbot/briefing"
)

func TestFTSQuery(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"pier", `"pier"`},
		{"Harbour   pier", `"Harbour" "pier"`},
		{`"`, ""},
		{`"pier`, `"pier"`},
		{`say "hello world"`, `"say" "hello" "world"`},
		{"*", ""},
		{"clim*", `"clim*"`},
		{"clim**", `"clim*"`},
		{"*clim", `"clim"`},
		{"AND OR NEAR NOT", ""},
		{"cats AND dogs", `"cats" "dogs"`},
		{"and or", `"and" "or"`},
		{"NEAR/3 x", `"3" "x"`},
		{"title:pier", `"title" "pier"`},
		{"-pier +dock (a OR b)", `"pier" "dock" "a" "b"`},
		{"covid-19", `"covid" "19"`},
		{"don't", `"don" "t"`},
		{"crème brûlée", `"crème" "brûlée"`},
		{"Αθήνα", `"Αθήνα"`},
		{"東京 ニュース", `"東京" "ニュース"`},
		{"😀 🎉", ""},
		{"\u0301\u0301", ""},
		{"a\x00b", `"a" "b"`},
		{"ok\xffbad", `"ok" "bad"`},
		{"x'; DROP TABLE articles; --", `"x" "DROP" "TABLE" "articles"`},
		{strings.Repeat("w ", 100), strings.TrimSuffix(strings.Repeat(`"w" `, maxSearchWords), " ")},
	}
	for _, tc := range tests {
		if got := ftsQuery(tc.in); got != tc.want {
			t.Errorf("ftsQuery(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// searchDB holds articles whose words the search tests look for.
func searchDB(t testing.TB) (*DB, map[string]int64) {
	db, _ := openTest(t)
	ctx := context.Background()
	docs := map[string]briefing.Article{
		"pier":    {Title: "Council backs pier rebuild", Text: "The harbour pier will be rebuilt next spring."},
		"climate": {Title: "Climate talks stall", Text: "Delegates left without a deal on climate finance."},
		"french":  {Title: "Crème brûlée festival", Text: "Le festival de la crème brûlée attire les foules."},
		"greek":   {Title: "Αθήνα: νέο μετρό", Text: "Η Αθήνα ανοίγει νέα γραμμή."},
		"and":     {Title: "Cats and dogs", Text: "A shelter near the docks finds homes for cats and dogs."},
	}
	out := map[string]int64{}
	i := 0
	for key, a := range docs {
		a.URL = "https://example.test/" + key
		stored, _, err := db.SaveArticle(ctx, sub("g1", t0.Add(time.Duration(i)*time.Minute)), a)
		if err != nil {
			t.Fatal(err)
		}
		out[key] = stored.ID
		i++
	}
	return db, out
}

func TestSearch(t *testing.T) {
	db, id := searchDB(t)
	ctx := context.Background()
	tests := []struct {
		query string
		want  []string // keys of the articles expected, any order
	}{
		{"pier", []string{"pier"}},
		{"PIER Harbour", []string{"pier"}},
		{"rebuil*", []string{"pier"}},
		{"clim*", []string{"climate"}},
		{"climate pier", nil},
		{"creme brulee", []string{"french"}},
		{"crème", []string{"french"}},
		{"αθήνα", []string{"greek"}}, // case folds; Greek accents are not folded by unicode61
		{"ΑΘΉΝΑ", []string{"greek"}},
		{"cats AND dogs", []string{"and"}},
		{"cats OR pier", nil}, // OR is dropped, not obeyed: both words must match
		{"NEAR docks", []string{"and"}},
		{"harbour:pier", []string{"pier"}}, // not a column filter (FTS would say "no such column")
		{"-climate", []string{"climate"}},
		{`"`, nil},
		{`""`, nil},
		{"*", nil},
		{"AND OR NEAR", nil},
		{"(", nil},
		{"pier)", []string{"pier"}},
		{"^pier", []string{"pier"}},
		{"\x00", nil},
		{"\xff\xfe", nil},
		{"😀", nil},
		{"'; DROP TABLE articles; --", nil},
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			got, err := db.Articles(ctx, "g1", ArticleQuery{Search: tc.query})
			if err != nil {
				t.Fatalf("Articles(%q): %v", tc.query, err)
			}
			var want []int64
			for _, k := range tc.want {
				want = append(want, id[k])
			}
			gotIDs := ids(got)
			slices.Sort(gotIDs)
			slices.Sort(want)
			if !slices.Equal(gotIDs, want) {
				t.Errorf("Articles(%q) = %v, want %v", tc.query, gotIDs, want)
			}
			n, err := db.CountArticles(ctx, "g1", ArticleQuery{Search: tc.query})
			if err != nil || n != len(want) {
				t.Errorf("CountArticles(%q) = %d, %v; want %d", tc.query, n, err, len(want))
			}
		})
	}
	if n := count(t, db, `SELECT COUNT(*) FROM articles`); n != len(id) {
		t.Errorf("%d articles after the searches, want %d", n, len(id))
	}
}

// TestFTSTriggers checks that the index follows inserts, updates and deletes
// made to articles by any statement, not only by this package's methods.
func TestFTSTriggers(t *testing.T) {
	db, id := searchDB(t)
	ctx := context.Background()
	search := func(q string) []int64 {
		t.Helper()
		got, err := db.Articles(ctx, "g1", ArticleQuery{Search: q})
		if err != nil {
			t.Fatal(err)
		}
		return ids(got)
	}
	if _, err := db.writer.Exec(`UPDATE articles SET title = 'Lighthouse reopens', text = 'Keepers return.' WHERE id = ?`, id["pier"]); err != nil {
		t.Fatal(err)
	}
	if got := search("pier"); len(got) != 0 {
		t.Errorf("old words still indexed after update: %v", got)
	}
	if got := search("lighthouse keepers"); !slices.Equal(got, []int64{id["pier"]}) {
		t.Errorf("new words after update = %v, want [%d]", got, id["pier"])
	}
	if _, err := db.writer.Exec(`DELETE FROM articles WHERE id = ?`, id["climate"]); err != nil {
		t.Fatal(err)
	}
	if got := search("climate"); len(got) != 0 {
		t.Errorf("deleted article still found: %v", got)
	}
	// FTS4's own consistency check compares the index with the content table.
	if _, err := db.writer.Exec(`INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')`); err != nil {
		t.Errorf("FTS integrity check: %v", err)
	}
}

func FuzzFTSQuery(f *testing.F) {
	for _, s := range []string{"", "pier", `"`, `"a" OR "b"`, "*", "a*b", "AND OR NEAR NOT", "NEAR/2",
		"title:x", "-x +y", "(a (b)", "crème", "東京", "😀", "\x00", "\xff", "a\u0301", "x'; --", "^a", "a:b:c"} {
		f.Add(s)
	}
	path := filepath.Join(f.TempDir(), "fuzz.db")
	db, err := Open(context.Background(), path)
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { db.Close() })
	if _, _, err := db.SaveArticle(context.Background(), sub("g1", t0),
		briefing.Article{URL: "https://example.test/a", Title: "Pier and harbour", Text: "Crème brûlée in 東京."}); err != nil {
		f.Fatal(err)
	}

	f.Fuzz(func(t *testing.T, in string) {
		q := ftsQuery(in)
		if !utf8.ValidString(q) {
			t.Fatalf("ftsQuery(%q) = %q: invalid UTF-8", in, q)
		}
		// Structure: space-separated phrases, each "word" or "word*", no
		// quote inside, so FTS sees no operator at all.
		if q != "" {
			for _, phrase := range strings.Split(q, " ") {
				inner, ok := strings.CutPrefix(phrase, `"`)
				inner, ok2 := strings.CutSuffix(inner, `"`)
				inner = strings.TrimSuffix(inner, "*")
				if !ok || !ok2 || inner == "" || strings.ContainsAny(inner, "\"* \x00") {
					t.Fatalf("ftsQuery(%q) = %q: bad phrase %q", in, q, phrase)
				}
			}
		}
		if _, err := db.Articles(context.Background(), "g1", ArticleQuery{Search: in, Limit: 5}); err != nil {
			t.Fatalf("search %q (match %q): %v", in, q, err)
		}
	})
}

// TestSearchCapAndIsolation checks that a search's count is exact up to
// SearchCountCap and SearchCountCap+1 beyond, that its page is newest first,
// and that another server's articles never appear or count.
func TestSearchCapAndIsolation(t *testing.T) {
	db, _ := openTest(t)
	fillServer(t, db, SearchCountCap+50) // g1: the articles; g2: 10 more
	ctx := context.Background()
	for _, tc := range []struct {
		guild, search string
		want          int
	}{
		{"g1", "the", SearchCountCap + 1},
		{"g1", "ferry", 204}, // i%10 == 3 or i/10%10 == 3 for i < 1050: 105 + 110 - 11
		{"g1", "item7", 1},
		{"g2", "the", 10},
		{"g2", "item7", 0},
		{"g3", "the", 0},
	} {
		n, err := db.CountArticles(ctx, tc.guild, ArticleQuery{Search: tc.search})
		if err != nil || n != tc.want {
			t.Errorf("CountArticles(%s, %q) = %d, %v; want %d", tc.guild, tc.search, n, err, tc.want)
		}
		list, err := db.Articles(ctx, tc.guild, ArticleQuery{Search: tc.search, Limit: 25})
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != min(tc.want, 25) {
			t.Errorf("Articles(%s, %q): %d articles, want %d", tc.guild, tc.search, len(list), min(tc.want, 25))
		}
		for i, a := range list {
			if a.GuildID != tc.guild {
				t.Errorf("Articles(%s, %q) returned an article of %s", tc.guild, tc.search, a.GuildID)
			}
			if i > 0 && !list[i-1].SubmittedAt.After(a.SubmittedAt) {
				t.Errorf("Articles(%s, %q) not newest first at %d", tc.guild, tc.search, i)
			}
		}
	}
}
