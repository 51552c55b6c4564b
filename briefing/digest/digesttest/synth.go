// Package digesttest generates synthetic news periods for the digest's
// tests and benchmarks, and for filling a database to measure the digest
// command: events covered by several outlets (some as wire copies) and
// singletons, in made-up words, deterministic for a seed.
package digesttest

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/briefbot/briefbot/briefing"
)

// Filler are ordinary news words every synthetic story draws on, so
// unrelated stories share vocabulary the way real ones do.
var Filler = strings.Fields(`government plan city country market support police leader company workers
water power price school health hospital court law vote party budget energy local national public region
council security border trade talks deal crisis economy industry bank growth record team season match coach
player fans film music festival study research scientists data technology online service network system
project funds tax costs families children residents community weather storm rain heat climate forest river
road bridge train airport flight travel hotel food farmers crops inflation jobs union strike protest rally
election campaign candidate voters opposition reform policy agency department office board director manager
president minister money billion million rise fall increase cut plans warning risk safety fire damage
emergency victims rescue investigation charges prison judge lawyer evidence military troops attack peace
ceasefire aid refugees talks summit leaders allies sanctions exports imports prices shares investors profit
losses sales customers users phone software launch test space mission science university students teachers
housing rent homes building construction transport traffic cars electric batteries oil gas coal nuclear
wind solar grid prices shortage supply demand workers wages pay contract dispute deal agreement treaty`)

var synthStop = strings.Fields("the of and to in a on for with that by from at as is was will has have it its after over")

var synthBig = []string{"United States", "European Union", "China", "United Nations"}

var synthSites = []string{"Harbour Gazette", "Global Wire", "Metro Times", "Daily Ledger", "Northern Courier",
	"Citizen Post", "Tech Signal", "Sports Desk", "Market Line", "Coastline Radio", "Evening Star", "Valley Herald"}

type synthEvent struct {
	label  string
	topic  []string // words only this event uses
	theme  []string // words shared with the other events of its theme (two quakes, two transfers)
	place  string
	people []string
	org    string
	big    string // a big shared actor, or ""
}

// Item is one generated article with its briefing, who shared it and the
// event it reports.
type Item struct {
	ArticleID   int64
	Article     briefing.Article
	Briefing    briefing.Briefing
	SubmittedBy string
	SubmittedAt time.Time
	Event       string
}

// Corpus builds a deterministic corpus: events stories covered by
// perEvent outlets each (about one in ten a verbatim wire copy of an
// earlier one), plus singletons, in a shuffled order, with ids from 1000.
func Corpus(events, perEvent, singletons int, seed uint64) []Item {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	used := map[string]bool{}
	word := func(syll int) string {
		cons := "bcdfgklmnprstvz"
		vow := "aeiou"
		for {
			var b strings.Builder
			for range syll {
				b.WriteByte(cons[r.IntN(len(cons))])
				b.WriteByte(vow[r.IntN(len(vow))])
				if r.IntN(3) == 0 {
					b.WriteByte(cons[r.IntN(len(cons))])
				}
			}
			w := b.String()
			if !used[w] && len(w) > 3 {
				used[w] = true
				return w
			}
		}
	}
	title := func(s string) string { return strings.ToUpper(s[:1]) + s[1:] }
	var themes [][]string
	for range max(events/5, 1) {
		var th []string
		for range 12 {
			th = append(th, word(2))
		}
		themes = append(themes, th)
	}
	newEvent := func(label string) synthEvent {
		e := synthEvent{label: label, place: title(word(3)), org: title(word(2)) + " " + title(word(2)),
			theme: themes[r.IntN(len(themes))]}
		for range 6 {
			e.topic = append(e.topic, word(2+r.IntN(2)))
		}
		for range 2 + r.IntN(2) {
			e.people = append(e.people, title(word(2))+" "+title(word(3)))
		}
		if r.IntN(2) == 0 {
			e.big = synthBig[r.IntN(len(synthBig))]
		}
		return e
	}
	// sentence mixes event words (share eventShare), words of the event's
	// theme (0.6 of that), filler and function words.
	sentence := func(e synthEvent, n int, eventShare float64) string {
		var ws []string
		for i := range n {
			x := r.Float64()
			var w string
			switch {
			case x < eventShare:
				switch y := r.IntN(10); {
				case y < 6:
					w = e.topic[r.IntN(len(e.topic))]
				case y < 7:
					w = e.place
				case y < 8 && e.big != "":
					w = e.big
				case y < 9:
					w = e.org
				default:
					w = e.people[r.IntN(len(e.people))]
				}
			case x < eventShare*1.6:
				w = e.theme[r.IntN(len(e.theme))]
			case x < eventShare*1.6+0.45:
				w = Filler[r.IntN(len(Filler))]
			default:
				w = synthStop[r.IntN(len(synthStop))]
			}
			if i == 0 {
				w = title(w)
			}
			ws = append(ws, w)
		}
		return strings.Join(ws, " ")
	}
	type art struct {
		item  Item
		label string
	}
	var arts []art
	day := time.Date(2025, 3, 4, 0, 0, 0, 0, time.UTC)
	write := func(e synthEvent, site string, base time.Time) Item {
		var paras []string
		var quotes []briefing.Quote
		for p := range 8 {
			share := 0.04
			if p < 3 {
				share = 0.09
			}
			var ss []string
			for range 3 {
				ss = append(ss, sentence(e, 12+r.IntN(9), share)+".")
			}
			if p == 3 || p == 5 {
				q := sentence(e, 10+r.IntN(10), 0.15)
				speaker := e.people[r.IntN(len(e.people))]
				ss = append(ss, fmt.Sprintf("%q, said %s.", q, speaker))
				quotes = append(quotes, briefing.Quote{Text: q, Speaker: speaker, Direct: true, Cue: "said"})
			}
			paras = append(paras, strings.Join(ss, " "))
		}
		text := strings.Join(paras, "\n\n")
		for i := range quotes {
			at := strings.Index(text, quotes[i].Text)
			quotes[i].Start = utf8.RuneCountInString(text[:at])
			quotes[i].End = quotes[i].Start + utf8.RuneCountInString(quotes[i].Text)
		}
		var actors []briefing.Actor
		for _, p := range e.people {
			last := p[strings.IndexByte(p, ' ')+1:]
			actors = append(actors, briefing.Actor{Name: p, Kind: briefing.KindPerson, Aliases: []string{last},
				Mentions: 1 + r.IntN(4), Key: r.IntN(4) > 0})
		}
		actors = append(actors, briefing.Actor{Name: e.org, Kind: briefing.KindOrganization, Aliases: []string{},
			Mentions: 1 + r.IntN(3), Key: true})
		actors = append(actors, briefing.Actor{Name: e.place, Kind: briefing.KindPlace, Aliases: []string{},
			Mentions: 1 + r.IntN(3), Key: r.IntN(2) == 0})
		if e.big != "" {
			actors = append(actors, briefing.Actor{Name: e.big, Kind: briefing.KindCountry, Aliases: []string{},
				Mentions: 1 + r.IntN(3), Key: true})
		}
		positions := []briefing.Position{
			{Actor: e.people[0], Statement: sentence(e, 10, 0.3), Stance: "demands"},
			{Actor: e.org, Statement: sentence(e, 12, 0.3), Stance: "claims"},
		}
		t := sentence(e, 7+r.IntN(3), 0.25)
		pub := base.Add(time.Duration(r.IntN(600)) * time.Minute)
		return Item{
			Article: briefing.Article{
				URL:       "https://" + strings.ToLower(strings.ReplaceAll(site, " ", "")) + ".example/" + word(2),
				Title:     t,
				Site:      site,
				Published: pub,
				Text:      text,
			},
			Briefing:    briefing.Briefing{Title: t, Summary: paras[0], Actors: actors, Quotes: quotes, Positions: positions},
			SubmittedBy: fmt.Sprintf("member%02d", r.IntN(25)),
			SubmittedAt: pub.Add(time.Duration(5+r.IntN(60)) * time.Minute),
		}
	}
	for i := range events {
		e := newEvent(fmt.Sprintf("event%03d", i))
		base := day.Add(time.Duration(r.IntN(12*60)) * time.Minute)
		var mine []Item
		for k := range perEvent {
			site := synthSites[(i+k)%len(synthSites)]
			if k > 0 && r.IntN(10) == 0 {
				c := mine[r.IntN(len(mine))] // a wire copy on another site
				c.Article.Site = site
				c.Article.URL = "https://" + strings.ToLower(strings.ReplaceAll(site, " ", "")) + ".example/" + word(2)
				c.SubmittedBy = fmt.Sprintf("member%02d", r.IntN(25))
				mine = append(mine, c)
				continue
			}
			mine = append(mine, write(e, site, base))
		}
		for _, it := range mine {
			arts = append(arts, art{it, e.label})
		}
	}
	for i := range singletons {
		e := newEvent(fmt.Sprintf("single%03d", i))
		arts = append(arts, art{write(e, synthSites[i%len(synthSites)], day), e.label})
	}
	r.Shuffle(len(arts), func(i, j int) { arts[i], arts[j] = arts[j], arts[i] })
	items := make([]Item, len(arts))
	for i, a := range arts {
		a.item.ArticleID = int64(1000 + i)
		a.item.Event = a.label
		items[i] = a.item
	}
	return items
}
