package storage

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/briefbot/briefbot/briefing"
)

// BenchmarkAutocompleteSources5000 reads what one autocomplete keystroke
// reads on a large server: 5,000 briefed articles, each with 10 quotes by 10
// speakers out of 2,000 (so 2,000 names to rank) and as many actors.
func BenchmarkAutocompleteSources5000(b *testing.B) {
	db, _ := openTest(b)
	ctx := context.Background()
	const articles = 5000
	for i := range articles {
		a, _, err := db.SaveArticle(ctx, sub("g1", t0.Add(time.Duration(i)*time.Second)), testArticle(i))
		if err != nil {
			b.Fatal(err)
		}
		var br briefing.Briefing
		for k := range 10 {
			j := (i*7 + k*13) % 2000
			name := fmt.Sprintf("Person%d Surname%d", j, j%97)
			br.Quotes = append(br.Quotes, briefing.Quote{Text: "x", Speaker: name, Direct: true, Start: k, End: k + 1})
			br.Actors = append(br.Actors, briefing.Actor{Name: name, Kind: briefing.KindPerson, Aliases: []string{fmt.Sprintf("Surname%d", j%97)}})
		}
		if err := db.SaveBriefing(ctx, "g1", a.ID, "v1", br, t0); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("speakers", func(b *testing.B) {
		for b.Loop() {
			if got, err := db.SpeakerUses(ctx, "g1", 20000); err != nil || len(got) != 2000 {
				b.Fatalf("%d speakers, %v", len(got), err)
			}
		}
	})
	b.Run("actors", func(b *testing.B) {
		for b.Loop() {
			if _, err := db.ActorUses(ctx, "g1", 20000); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("titles", func(b *testing.B) {
		for b.Loop() {
			if _, err := db.ArticleTitles(ctx, "g1", 20000); err != nil {
				b.Fatal(err)
			}
		}
	})
}
