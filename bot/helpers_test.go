package bot

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/briefbot/briefbot/briefing"
)

type (
	briefingArticle = briefing.Article
	briefingResult  = briefing.Briefing
)

// testEngine is the engine the end-to-end tests brief with.
func testEngine() Briefer { return briefing.New() }

// stubEngine stands in for the engine: quotes in straight double quotes
// credited to the capitalised name next to them, and two-word capitalised
// names as actors.
type stubEngine struct{}

var (
	stubQuote = regexp.MustCompile(`"([^"]+?)[,.]?" (?:said )?(?:[a-z]+ )?([A-Z][a-z]+(?: [A-Z][a-z]+)?)`)
	stubName  = regexp.MustCompile(`\b[A-Z][a-z]+ [A-Z][a-z]+\b`)
)

func (e stubEngine) BriefContext(ctx context.Context, a briefing.Article) (briefing.Briefing, error) {
	if err := ctx.Err(); err != nil {
		return briefing.Briefing{}, fmt.Errorf("brief article: %w", err)
	}
	return e.Brief(a), nil
}

func (stubEngine) Brief(a briefing.Article) briefing.Briefing {
	b := briefing.Briefing{Title: a.Title}
	if i := strings.Index(a.Text, ". "); i > 0 {
		b.Summary = a.Text[:i+1]
	} else {
		b.Summary = a.Text
	}
	seen := map[string]int{}
	for _, n := range stubName.FindAllString(a.Text, -1) {
		if strings.HasPrefix(n, "The ") {
			continue
		}
		if _, ok := seen[n]; !ok {
			seen[n] = len(b.Actors)
			last := n[strings.LastIndex(n, " ")+1:]
			b.Actors = append(b.Actors, briefing.Actor{Name: n, Kind: briefing.KindPerson, Aliases: []string{last}, Key: true})
		}
		b.Actors[seen[n]].Mentions++
	}
	for _, m := range stubQuote.FindAllStringSubmatchIndex(a.Text, -1) {
		text := a.Text[m[2]:m[3]]
		speaker := a.Text[m[4]:m[5]]
		start := len([]rune(a.Text[:m[2]]))
		b.Quotes = append(b.Quotes, briefing.Quote{Text: text, Speaker: speaker, Direct: true, Start: start, End: start + len([]rune(text))})
	}
	return b
}

// inflate breaks every embed limit with text from the article itself.
func inflate(a briefing.Article) briefing.Briefing {
	text := strings.Join(strings.Fields(a.Text), " ")
	b := briefing.Briefing{Title: strings.Repeat(a.Title+" ", 5), Summary: strings.Repeat(text+" ", 3)}
	for i := 0; i < 60; i++ {
		name := fmt.Sprintf("%s %d %s", a.Title, i, text[:min(len(text), 300)])
		b.Actors = append(b.Actors, briefing.Actor{Name: name, Kind: briefing.KindPerson, Role: text, Key: true, Mentions: 60 - i})
		b.Quotes = append(b.Quotes, briefing.Quote{Text: text, Speaker: name, Direct: true})
		b.Positions = append(b.Positions, briefing.Position{Actor: name, Statement: text, Stance: "demands"})
	}
	return b
}

// briefingArticleFor is a stored-ready article without fetching.
func briefingArticleFor(url, title string) briefing.Article {
	return briefing.Article{
		URL: url, CanonicalURL: url, Title: title, Site: "Coast Courier",
		Text: "The council met again about the harbour and the ferries, and residents came to listen.",
	}
}
