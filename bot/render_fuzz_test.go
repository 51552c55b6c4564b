package bot

import (
	"strings"
	"testing"

	"github.com/briefbot/briefbot/bot/embeds"
	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/storage"
)

// FuzzRenderBriefing: whatever text an article and its briefing carry, the
// card is within Discord's limits and the card budget as laid out, nothing
// in it can ping, and no quote shown is also shown as a position.
func FuzzRenderBriefing(f *testing.F) {
	f.Add("Harbour levy passes", "Coast Courier", "Mara Lind", "Lind", "Lind said the money stays here.", "the money stays here, every cent", "The council voted.")
	f.Add("@everyone", "<@123456789012345678>", "@here", "", "@here @here", strings.Repeat("word ", 300), "·")
	f.Add("", "", "", "the", "the the", "“”", "")
	f.Add("Gallery opens", "Coast Courier", "Petra Voss", "https://cdn.example/p.jpg", "Voss said it has light.", "the best light in town", "It opened.")
	f.Add("Gallery opens", "Coast Courier", "Petra Voss", "javascript:alert(1)", "Voss said it has light.", "the best light", "It opened.")
	f.Add(strings.Repeat("ü\u0301", 300), strings.Repeat("*_`|", 50), "[n](u)", "[", "] x", "\x00\u202e", strings.Repeat("a. ", 200))
	f.Fuzz(func(t *testing.T, title, site, name, alias, statement, quote, summary string) {
		a := storage.StoredArticle{ID: 3, Article: briefing.Article{URL: "https://news.example/a", Title: title, Site: site, Byline: name, Published: fixtureNow.AddDate(-1, 0, 0), Image: alias}}
		b := briefing.Briefing{Summary: summary}
		for i := range 6 {
			n := name + strings.Repeat(" x", i)
			b.Actors = append(b.Actors, briefing.Actor{Name: n, Role: statement, Aliases: []string{alias}, Key: i%2 == 0})
			b.Positions = append(b.Positions, briefing.Position{Actor: n, Statement: statement + strings.Repeat(" y", i), Stance: "warns"})
			b.Quotes = append(b.Quotes, briefing.Quote{Text: quote + strings.Repeat(" z", i), Speaker: n, Direct: true})
		}
		r := briefingReply(ingested{article: a, briefing: b}, fixtureNow)
		content, es := r.fitted()
		if err := embeds.Check(content, es); err != nil {
			t.Fatal(err)
		}
		if n := embeds.Total(es[0]); n > briefingBudget {
			t.Fatalf("card is %d characters", n)
		}
		for _, text := range messageTexts(reply{content: content, embeds: es}) {
			if pingable.MatchString(text) {
				t.Fatalf("pingable text %q", text)
			}
		}
		var sides, quotes string
		for _, fl := range es[0].Fields {
			switch fl.Name {
			case "Where they stand":
				sides = fl.Value
			case "In their words":
				quotes = fl.Value
			}
		}
		checkNoRepeat(t, sides, quotes)
		if th := es[0].Thumbnail; th != nil && (th.URL != alias || !strings.HasPrefix(strings.ToLower(th.URL), "https://") && !strings.HasPrefix(strings.ToLower(th.URL), "http://")) {
			t.Fatalf("thumbnail %q from image %q", th.URL, alias)
		}
	})
}
