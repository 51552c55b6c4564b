package digest

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/briefbot/briefbot/briefing"
)

// Titles, texts and names come from arbitrary web pages.

func FuzzCleanHeadline(f *testing.F) {
	f.Add("Valmont dockworkers walk out | Harbour Gazette", "Harbour Gazette", "https://harbourgazette.example/x", 120)
	f.Add(" - | — ", "", "", 5)
	f.Add("\xff\xfe title", "\x00", "::", 3)
	f.Fuzz(func(t *testing.T, title, site, rawURL string, max int) {
		max = max%300 + 1
		if max < 2 {
			max = 2
		}
		got := cleanHeadline(title, site, rawURL, max)
		if !utf8.ValidString(got) {
			t.Fatalf("invalid UTF-8 %q", got)
		}
		if n := utf8.RuneCountInString(got); n > max {
			t.Fatalf("%d runes, max %d: %q", n, max, got)
		}
		if strings.ContainsAny(got, "\n\r\t") || got != strings.TrimSpace(got) && !strings.HasSuffix(got, "…") {
			t.Fatalf("not one clean line: %q", got)
		}
	})
}

func FuzzWords(f *testing.F) {
	f.Add("Kessler's union said: \"no\" — U.S.-led talks in Zürich")
	f.Add("'s'''s ’ʼ\u0301a\u0301")
	f.Fuzz(func(t *testing.T, s string) {
		n := 0
		eachWord(s, nil, func(w []byte) {
			n++
			if len(w) == 0 {
				t.Fatal("empty word")
			}
			if !utf8.Valid(w) {
				t.Fatalf("invalid UTF-8 word %q", w)
			}
			stem(append([]byte(nil), w...))
		})
		if c := countWords(s); c != n && utf8.ValidString(s) {
			t.Fatalf("countWords %d, eachWord %d for %q", c, n, s)
		}
		if k := normName(s); k != strings.TrimSpace(k) || strings.Contains(k, "  ") {
			t.Fatalf("normName %q has stray spaces", k)
		}
		eachLeadWord(s, 3, 60, 160, nil, func([]byte) {})
		shingles(s, 5, nil)
	})
}

// FuzzBuild feeds one odd article next to a normal one: Build must not
// panic and must keep its promises about quotes and counts.
func FuzzBuild(f *testing.F) {
	f.Add("Port strike | Site", "A strike.\n\nAnother paragraph.", "A strike", "Marta Kessler", "Kessler")
	f.Add("", "", "", "", "")
	f.Add("\xff", "\u0301\n\n\n", "\u0301", "The", "the")
	f.Fuzz(func(t *testing.T, title, text, quote, name, alias string) {
		at := time.Date(2025, 3, 4, 12, 0, 0, 0, time.UTC)
		odd := Item{ArticleID: 2, SubmittedBy: "x", SubmittedAt: at,
			Article: briefing.Article{Title: title, Text: text, URL: title},
			Briefing: briefing.Briefing{Title: title,
				Actors:    []briefing.Actor{{Name: name, Aliases: []string{alias, name}, Mentions: -3, Key: true}},
				Quotes:    []briefing.Quote{{Text: quote, Speaker: alias, Direct: true}},
				Positions: []briefing.Position{{Actor: alias, Statement: quote}}}}
		normal := Item{ArticleID: 1, SubmittedBy: "y", SubmittedAt: at,
			Article:  briefing.Article{Title: "Dockworkers strike at Valmont", Text: "Dockworkers at Valmont went on strike."},
			Briefing: briefing.Briefing{Actors: []briefing.Actor{{Name: "Valmont", Aliases: []string{alias}, Key: true}}}}
		d := Build(Input{Items: []Item{odd, normal}, Previous: []PreviousStory{{Key: "a1", ArticleIDs: []int64{1}}}})
		if d.ArticleCount > 2 || len(d.Stories) > 2 {
			t.Fatalf("digest of two articles: %+v", d)
		}
		for _, s := range d.Stories {
			for _, q := range s.Quotes {
				if q.Text != quote {
					t.Fatalf("quote %q is not the stored one %q", q.Text, quote)
				}
			}
		}
	})
}
