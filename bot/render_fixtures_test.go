package bot

import (
	"fmt"
	"strings"
	"time"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/briefing/digest"
	"github.com/briefbot/briefbot/storage"
)

// Fixtures for the golden payload tests: invented towns, people and
// outlets, written for these tests. Briefings are written by hand in the
// shape the engine produces, so the goldens change only when rendering does.

// fixtureNow is the moment every fixture is rendered at.
var fixtureNow = time.Date(2026, 2, 14, 9, 0, 0, 0, time.UTC)

// fixtureArticle is one stored article and its briefing.
type fixtureArticle struct {
	article  storage.StoredArticle
	briefing briefing.Briefing
}

func harbourFixture() fixtureArticle {
	a := storage.StoredArticle{
		ID: 5, GuildID: "g1", SubmittedAt: fixtureNow.Add(-26 * time.Hour),
		Article: briefing.Article{
			URL:       "https://coastcourier.example/2026/02/harbour-levy-approved",
			Title:     "Port Almere council approves harbour levy despite dockers' warnings",
			Byline:    "Lena Brandt",
			Site:      "Coast Courier",
			Published: time.Date(2026, 2, 11, 7, 30, 0, 0, time.UTC),
		},
	}
	b := briefing.Briefing{
		Title:   a.Title,
		Summary: "Port Almere's council voted seven to two to charge twelve euros on every container through the harbour, to pay for dredging and winter ferries. The dockers' union had asked for a two-year delay.",
		Actors: []briefing.Actor{
			{Name: "Mara Lind", Kind: briefing.KindPerson, Role: "mayor of Port Almere", Aliases: []string{"Lind"}, Mentions: 5, Key: true},
			{Name: "Dock Workers Union", Kind: briefing.KindOrganization, Aliases: []string{"the union"}, Mentions: 4, Key: true},
			{Name: "Tomas Reyes", Kind: briefing.KindPerson, Role: "chairman of the Dock Workers Union", Aliases: []string{"Reyes"}, Mentions: 3, Key: true},
			{Name: "Ilse Varga", Kind: briefing.KindPerson, Role: "finance minister", Aliases: []string{"Varga"}, Mentions: 3, Key: true},
			{Name: "Northline Freight", Kind: briefing.KindOrganization, Mentions: 1, Key: true},
			{Name: "Piet Aalders", Kind: briefing.KindPerson, Role: "council member", Mentions: 1, Key: false},
			{Name: "Vessel Bay", Kind: briefing.KindPlace, Mentions: 2, Key: false},
		},
		Quotes: []briefing.Quote{
			{Text: "This levy keeps the ferries running for another decade, and every cent of it stays on the waterfront,", Speaker: "Mara Lind", Direct: true, Cue: "told"},
			{Text: "We were never asked what this costs the people who load and unload these ships,", Speaker: "Tomas Reyes", Direct: true, Cue: "said"},
			{Text: "The state will match what the city raises, not replace it,", Speaker: "Ilse Varga", Direct: true, Cue: "said"},
			{Text: "a gamble with the port's future", Speaker: "Piet Aalders", Direct: true, Cue: "called"},
		},
		Positions: []briefing.Position{
			{Actor: "Mara Lind", Statement: "Mara Lind said the money would stay in the harbour district.", Stance: "says"},
			{Actor: "Dock Workers Union", Statement: "The union demands a two-year delay so that wages can be negotiated first.", Stance: "demands"},
			{Actor: "Tomas Reyes", Statement: "Reyes warned that shipping lines could move cargo to the rival port of Vessel Bay.", Stance: "warns"},
			{Actor: "Ilse Varga", Statement: "The state will match what the city raises, not replace it.", Stance: "says"},
			{Actor: "Northline Freight", Statement: "Northline Freight said it could absorb the charge.", Stance: "says"},
			{Actor: "Mara Lind", Statement: "The council will review the levy's effect on cargo after twelve months.", Stance: "promises"},
		},
	}
	return fixtureArticle{a, b}
}

func strikeFixture() fixtureArticle {
	a := storage.StoredArticle{
		ID: 6, GuildID: "g1", SubmittedAt: fixtureNow.Add(-3 * time.Hour),
		Article: briefing.Article{
			URL:       "https://islandpost.example/news/ferry-crews-walk-out",
			Title:     "Ferry crews walk out as pay talks collapse",
			Byline:    "Jonas Weir and Sara Quist",
			Site:      "The Island Post",
			Published: time.Date(2026, 2, 14, 6, 15, 0, 0, time.UTC),
		},
	}
	b := briefing.Briefing{
		Title:   a.Title,
		Summary: "Crews of the three island ferries stopped work at dawn after talks with Bayline Ferries broke down over a 4% pay offer. No crossings will run until Monday.",
		Actors: []briefing.Actor{
			{Name: "Maritime Crew Union", Kind: briefing.KindOrganization, Mentions: 5, Key: true},
			{Name: "Bayline Ferries", Kind: briefing.KindOrganization, Mentions: 4, Key: true},
			{Name: "Anika Holm", Kind: briefing.KindPerson, Role: "transport minister", Mentions: 2, Key: true},
			{Name: "Rosa Dahl", Kind: briefing.KindPerson, Role: "union organiser", Mentions: 2, Key: true},
		},
		Quotes: []briefing.Quote{
			{Text: "Four per cent after three frozen years is not an offer, it is a pay cut", Speaker: "Rosa Dahl", Direct: true, Cue: "said"},
			{Text: "We have made a fair offer and our door remains open", Speaker: "Bayline Ferries", Direct: true, Cue: "said"},
			{Text: "Both sides must return to the table today", Speaker: "Anika Holm", Direct: true, Cue: "urged"},
		},
		Positions: []briefing.Position{
			{Actor: "Maritime Crew Union", Statement: "The union wants 9% over two years and the return of overtime rates.", Stance: "demands"},
			{Actor: "Bayline Ferries", Statement: "Bayline says higher wages would force fare rises on every route.", Stance: "warns"},
			{Actor: "Anika Holm", Statement: "Both sides must return to the table today.", Stance: "urges"},
		},
	}
	return fixtureArticle{a, b}
}

func droughtFixture() fixtureArticle {
	a := storage.StoredArticle{
		ID: 7, GuildID: "g1", SubmittedAt: fixtureNow.Add(-2 * time.Hour),
		Article: briefing.Article{
			URL:       "https://valleyherald.example/2025/05/river-drought-pumps",
			Title:     "Farmers told to stop pumping as the Lenne runs low",
			Byline:    "Odile Marsh",
			Site:      "Valley Herald",
			Published: time.Date(2025, 5, 2, 10, 0, 0, 0, time.UTC),
		},
	}
	b := briefing.Briefing{
		Title:   a.Title,
		Summary: "The river authority banned irrigation from the Lenne for three weeks after the driest April on record. Farmers say the ban comes too late for the first crop.",
		Actors: []briefing.Actor{
			{Name: "Lenne River Authority", Kind: briefing.KindOrganization, Mentions: 4, Key: true},
			{Name: "Farmers' Guild", Kind: briefing.KindGroup, Mentions: 3, Key: true},
			{Name: "Bram Osei", Kind: briefing.KindPerson, Role: "a farmer near Ostend", Mentions: 2, Key: true},
		},
		Quotes: []briefing.Quote{
			{Text: "We are saving the river for the summer, not punishing anyone", Speaker: "Lenne River Authority", Direct: true},
			{Text: "By the time it rains, the beans are gone", Speaker: "Bram Osei", Direct: true},
		},
		Positions: []briefing.Position{
			{Actor: "Lenne River Authority", Statement: "The authority says the ban will be lifted as soon as the river rises.", Stance: "says"},
			{Actor: "Farmers' Guild", Statement: "The guild demands compensation for crops lost to the ban.", Stance: "demands"},
		},
	}
	return fixtureArticle{a, b}
}

// digestFixture is a digest of n stories over one day, and the stored
// summaries of the articles its stories lead with.
func digestFixture(n int) (digest.Digest, map[int64]string) {
	start := time.Date(2026, 2, 13, 8, 0, 0, 0, time.UTC)
	d := digest.Digest{PeriodStart: start, PeriodEnd: start.Add(24 * time.Hour), MemberCount: 6}
	summaries := map[int64]string{}
	bases := []fixtureArticle{harbourFixture(), strikeFixture(), droughtFixture()}
	topics := []struct{ headline, site, summary string }{
		{"", "", ""}, {"", "", ""}, {"", "", ""},
		{"Library on Mill Street to close on Sundays", "Town Crier", "The town's main library will close on Sundays from March to save money on heating and staff. A petition against the change has 1,200 names."},
		{"New cycle lane splits opinion on the coast road", "Coast Courier", "A two-way cycle lane opened on the coast road, taking one lane from cars. Shop owners say deliveries are harder; cyclists say the road is finally safe."},
		{"Hospital opens night clinic for minor injuries", "Valley Herald", "Westbridge General opened a clinic for minor injuries that runs from 8 pm to 2 am, to take pressure off its emergency room."},
		{"School roof repairs delayed to the summer", "Town Crier", "Repairs to the leaking roof of Hill Road school will wait until the summer holidays because the contractor could not start in term time."},
		{"Fish prices rise as storms keep boats in port", "The Island Post", "Three weeks of storms kept most of the fleet in port, and the price of cod at the Saturday market rose by a third."},
		{"Council tests four-day week for its staff", "Coast Courier", "Port Almere will let 120 council staff work four longer days a week for six months, and measure sick leave and waiting times."},
		{"Bus route 12 to run every ten minutes", "Town Crier", "Route 12 between the station and the university will run every ten minutes from April, paid for by the harbour levy."},
		{"Wind farm off Vessel Bay wins approval", "Valley Herald", "The national planning board approved 40 turbines off Vessel Bay after fishermen won a wider channel for their boats."},
		{"Museum returns carved door to island church", "The Island Post", "The maritime museum gave back a carved church door it had held since 1931, after a request from the island parish."},
	}
	id := int64(100)
	for i := range n {
		var st digest.Story
		t := topics[i%len(topics)]
		if i < len(bases) {
			f := bases[i]
			st = digest.Story{
				Key: fmt.Sprintf("a%d", id), Headline: f.article.Title, Members: 2,
				Actors: f.briefing.Actors, Positions: f.briefing.Positions,
			}
			st.Sources = append(st.Sources, digest.Source{ArticleID: id, Title: f.article.Title, URL: f.article.URL, Site: f.article.Site, Published: f.article.Published})
			for _, q := range f.briefing.Quotes {
				st.Quotes = append(st.Quotes, digest.StoryQuote{Quote: q, ArticleID: id})
			}
			summaries[id] = f.briefing.Summary
		} else {
			site := t.site
			st = digest.Story{
				Key: fmt.Sprintf("a%d", id), Headline: t.headline, Members: 1,
				Actors: []briefing.Actor{{Name: "Town council", Kind: briefing.KindOrganization, Key: true, Mentions: 2}},
				Positions: []briefing.Position{
					{Actor: "Town council", Statement: "The council says the change will be reviewed after six months.", Stance: "says"},
				},
			}
			slug := strings.ToLower(strings.ReplaceAll(t.headline, " ", "-"))
			st.Sources = append(st.Sources, digest.Source{ArticleID: id, Title: t.headline, URL: "https://" + strings.ToLower(strings.ReplaceAll(site, " ", "")) + ".example/" + slug, Site: site, Published: start.Add(time.Duration(i) * time.Hour)})
			summaries[id] = t.summary
		}
		st.ArticleIDs = []int64{id}
		if i == 0 {
			// The lead story has a second outlet and a wire copy.
			id++
			st.Sources = append(st.Sources, digest.Source{ArticleID: id, Title: "Harbour levy passes 7-2 after a night of debate", URL: "https://baytimes.example/levy-passes", Site: "Bay Times",
				Published: time.Date(2026, 2, 11, 9, 0, 0, 0, time.UTC), SyndicatedCopies: 1, CopySites: []string{"Wire North"}})
			st.ArticleIDs = append(st.ArticleIDs, id, id+1)
			st.Members = 3
			id++
		}
		if i == 1 {
			st.Update = true
		}
		d.Stories = append(d.Stories, st)
		d.ArticleCount += len(st.ArticleIDs)
		id++
	}
	d.Actors = []digest.DigestActor{
		{Name: "Mara Lind", Kind: briefing.KindPerson, Role: "mayor of Port Almere", Stories: 2},
		{Name: "Town council", Kind: briefing.KindOrganization, Stories: max(0, n-3)},
	}
	return d, summaries
}
