package bot

import (
	"cmp"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/embeds"
	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/storage"
)

// How much of a briefing a reply shows. The embed limits themselves are
// enforced by package embeds when the reply is sent; these only choose what
// is worth a glance.
const (
	maxSummary     = 350
	maxKeyActors   = 8
	maxPositions   = 5
	maxQuotes      = 3
	maxQuoteText   = 300
	maxListedQuote = 280
	pageSize       = 8
	embedColor     = 0x2B6CB0
)

// renderBriefing is the one embed a briefing is shown as.
func renderBriefing(a storage.StoredArticle, b briefing.Briefing) *discordgo.MessageEmbed {
	title := firstNonEmpty(a.Title, b.Title, a.URL)
	e := &discordgo.MessageEmbed{
		Title:       oneLine(title),
		URL:         a.URL,
		Description: oneLine(embeds.Truncate(oneLine(b.Summary), maxSummary)),
		Color:       embedColor,
		Author:      &discordgo.MessageEmbedAuthor{Name: siteName(a)},
		Footer:      &discordgo.MessageEmbedFooter{Text: footerText(a)},
	}
	if !a.Published.IsZero() {
		e.Timestamp = a.Published.UTC().Format(time.RFC3339)
	}
	if e.Description == "" {
		e.Description = "No summary could be made from this article's text."
	}
	if v := actorLines(b); len(v) > 0 {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Key actors", Value: embeds.JoinLines(v, embeds.MaxFieldValue)})
	}
	if v := positionLines(b); len(v) > 0 {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Positions", Value: embeds.JoinLines(v, embeds.MaxFieldValue)})
	}
	if v := quoteLines(b); len(v) > 0 {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Quotes", Value: embeds.JoinLines(v, embeds.MaxFieldValue)})
	}
	return e
}

func footerText(a storage.StoredArticle) string {
	parts := []string{fmt.Sprintf("Article #%d", a.Number)}
	if by := oneLine(a.Byline); by != "" {
		parts = append(parts, "by "+embeds.Truncate(by, 80))
	}
	return strings.Join(parts, " · ")
}

// siteName is the article's site, or its host when the page named none.
func siteName(a storage.StoredArticle) string {
	if s := oneLine(a.Site); s != "" {
		return s
	}
	if u, err := url.Parse(a.URL); err == nil && u.Hostname() != "" {
		return strings.TrimPrefix(u.Hostname(), "www.")
	}
	return "article"
}

// actorLines lists the key actors, most mentioned first, with their roles.
func actorLines(b briefing.Briefing) []string {
	actors := slices.Clone(b.Actors)
	keyOnly := slices.ContainsFunc(actors, func(a briefing.Actor) bool { return a.Key })
	if keyOnly {
		actors = slices.DeleteFunc(actors, func(a briefing.Actor) bool { return !a.Key })
	}
	slices.SortStableFunc(actors, func(x, y briefing.Actor) int { return cmp.Compare(y.Mentions, x.Mentions) })
	var lines []string
	for _, a := range actors {
		name := oneLine(a.Name)
		if name == "" {
			continue
		}
		line := "**" + md(name) + "**"
		if role := oneLine(a.Role); role != "" {
			line += " — " + md(role)
		}
		lines = append(lines, line)
		if len(lines) == maxKeyActors {
			break
		}
	}
	return lines
}

// positionLines lists what the actors want, demand, warn of; key actors first.
func positionLines(b briefing.Briefing) []string {
	key := make(map[string]bool)
	for _, a := range b.Actors {
		if a.Key {
			key[strings.ToLower(a.Name)] = true
		}
	}
	// A position that only repeats a quote shown below adds nothing.
	quoted := make(map[string]bool)
	for _, q := range strongestQuotes(b, maxQuotes) {
		quoted[normalizeStatement(q.Text)] = true
	}
	ps := slices.Clone(b.Positions)
	// Key actors first; within them, a stance (demands, warns...) before plain speech.
	rank := func(p briefing.Position) int {
		r := 2 * boolRank(key[strings.ToLower(p.Actor)])
		if st := strings.ToLower(oneLine(p.Stance)); st != "" && st != "says" && st != "said" {
			r++
		}
		return r
	}
	slices.SortStableFunc(ps, func(x, y briefing.Position) int { return rank(y) - rank(x) })
	var lines []string
	for _, p := range ps {
		stmt := oneLine(p.Statement)
		if stmt == "" || quoted[normalizeStatement(stmt)] {
			continue
		}
		line := ""
		if actor := oneLine(p.Actor); actor != "" {
			line = "**" + md(actor) + "**"
			if stance := oneLine(p.Stance); stance != "" {
				line += " " + md(stance)
			}
			line += ": "
		}
		lines = append(lines, line+md(embeds.Truncate(stmt, maxQuoteText)))
		if len(lines) == maxPositions {
			break
		}
	}
	return lines
}

// normalizeStatement compares statements and quotes by their words only.
func normalizeStatement(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// quoteLines shows the strongest quotes with their speakers.
func quoteLines(b briefing.Briefing) []string {
	var lines []string
	for _, q := range strongestQuotes(b, maxQuotes) {
		lines = append(lines, quoteLine(q.Text, q.Speaker, maxQuoteText))
	}
	return lines
}

func quoteLine(text, speaker string, max int) string {
	text = strings.TrimRight(strings.Trim(oneLine(text), "\"“”„ "), ",;: ")
	line := "“" + md(embeds.Truncate(text, max)) + "”"
	if sp := oneLine(speaker); sp != "" {
		line += " — **" + md(sp) + "**"
	}
	return line
}

// strongestQuotes ranks quotes: word-for-word before reported speech, a
// named speaker (a key actor best), and a length that says something
// without being a paragraph. Ties keep reading order.
func strongestQuotes(b briefing.Briefing, n int) []briefing.Quote {
	key := make(map[string]bool)
	for _, a := range b.Actors {
		if a.Key {
			key[strings.ToLower(a.Name)] = true
			for _, al := range a.Aliases {
				key[strings.ToLower(al)] = true
			}
		}
	}
	score := func(q briefing.Quote) int {
		s := 0
		if q.Direct {
			s += 4
		}
		if sp := strings.TrimSpace(q.Speaker); sp != "" {
			s += 2
			if key[strings.ToLower(sp)] {
				s++
			}
		}
		words := len(strings.Fields(q.Text))
		switch {
		case words >= 8 && words <= 60:
			s += 2
		case words >= 4 && words <= 100:
			s++
		}
		return s
	}
	type ranked struct {
		q     briefing.Quote
		score int
		order int
	}
	var rs []ranked
	seen := make(map[string]bool)
	for i, q := range b.Quotes {
		t := strings.ToLower(oneLine(q.Text))
		if t == "" || seen[t] {
			continue
		}
		seen[t] = true
		rs = append(rs, ranked{q, score(q), i})
	}
	slices.SortStableFunc(rs, func(x, y ranked) int { return cmp.Compare(y.score, x.score) })
	if len(rs) > n {
		rs = rs[:n]
	}
	slices.SortFunc(rs, func(x, y ranked) int { return cmp.Compare(x.order, y.order) })
	out := make([]briefing.Quote, len(rs))
	for i, r := range rs {
		out[i] = r.q
	}
	return out
}

// renderArticleList is one page of /articles.
func renderArticleList(list []storage.StoredArticle, total int, st listState) reply {
	title := "Articles shared here"
	if st.query != "" {
		title = "Articles matching “" + st.query + "”"
	}
	if st.days > 0 {
		title += fmt.Sprintf(" · last %d days", st.days)
	}
	if total == 0 {
		line := "No articles yet: paste a link in a channel I can read, or use /brief url:."
		if st.query != "" || st.days > 0 {
			line = "No articles match: try other words or more days."
		}
		return reply{embeds: []*discordgo.MessageEmbed{{Title: title, Description: line, Color: embedColor}}}
	}
	var lines []string
	for _, a := range list {
		line := fmt.Sprintf("`#%d` %s · %s · <t:%d:d>", a.Number, mdLink(firstNonEmpty(a.Title, a.URL), a.URL), md(siteName(a)), a.SubmittedAt.Unix())
		lines = append(lines, line)
	}
	pages := (total + pageSize - 1) / pageSize
	e := &discordgo.MessageEmbed{
		Title:       title,
		Description: embeds.JoinLines(lines, embeds.MaxDescription),
		Color:       embedColor,
		Footer:      &discordgo.MessageEmbedFooter{Text: fmt.Sprintf("Page %d of %d · %d articles · /brief article:<number> shows one", st.page+1, pages, total)},
	}
	r := reply{embeds: []*discordgo.MessageEmbed{e}}
	if pages > 1 {
		prev, next := st, st
		prev.page, next.page = st.page-1, st.page+1
		if prev.page < 0 {
			prev.page = 0
		}
		if next.page >= pages {
			next.page = pages - 1
		}
		r.components = []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: embeds.Label("◀ Newer"), Style: discordgo.SecondaryButton, CustomID: prev.customID("p"), Disabled: st.page == 0},
			discordgo.Button{Label: embeds.Label("Older ▶"), Style: discordgo.SecondaryButton, CustomID: next.customID("n"), Disabled: st.page >= pages-1},
		}}}
	}
	return r
}

// renderQuotes is the answer to /quotes.
func renderQuotes(quotes []storage.StoredQuote, speaker string, days int) reply {
	title := "Quotes"
	if speaker != "" {
		title += " from “" + speaker + "”"
	}
	if days > 0 {
		title += fmt.Sprintf(" · last %d days", days)
	}
	if len(quotes) == 0 {
		line := "No quotes stored yet: they come from the articles shared here."
		if speaker != "" || days > 0 {
			line = "No quotes match: pick a speaker from the suggestions, or try more days."
		}
		return reply{embeds: []*discordgo.MessageEmbed{{Title: title, Description: line, Color: embedColor}}}
	}
	var lines []string
	for _, q := range quotes {
		lines = append(lines, quoteLine(q.Text, q.Speaker, maxListedQuote)+"\n↳ "+mdLink(firstNonEmpty(q.ArticleTitle, q.ArticleURL), q.ArticleURL))
	}
	return reply{embeds: []*discordgo.MessageEmbed{{
		Title:       title,
		Description: embeds.JoinLines(lines, embeds.MaxDescription),
		Color:       embedColor,
		Footer:      &discordgo.MessageEmbedFooter{Text: fmt.Sprintf("%d quotes, newest articles first", len(quotes))},
	}}}
}

// actorView is what stored briefings say about one actor.
type actorView struct {
	name      string
	kinds     []string
	roles     []string
	positions []string
	quotes    []string
	articles  []string
}

// collectActor gathers an actor's roles, positions, quotes and articles
// from briefings that name it (by name or alias, any case).
func collectActor(name string, list []storage.BriefedArticle) actorView {
	v := actorView{name: oneLine(name)}
	seenRole, seenKind := map[string]bool{}, map[string]bool{}
	for _, ba := range list {
		b := ba.Briefing.Briefing
		names := map[string]bool{strings.ToLower(strings.TrimSpace(name)): true}
		for _, a := range b.Actors {
			if !actorMatches(a, name) {
				continue
			}
			if v.name == oneLine(name) && a.Name != "" {
				v.name = oneLine(a.Name) // the article's spelling, not the typed one
			}
			names[strings.ToLower(a.Name)] = true
			for _, al := range a.Aliases {
				names[strings.ToLower(al)] = true
			}
			if r := oneLine(a.Role); r != "" && !seenRole[strings.ToLower(r)] {
				seenRole[strings.ToLower(r)] = true
				v.roles = append(v.roles, r)
			}
			if a.Kind != "" && !seenKind[a.Kind] {
				seenKind[a.Kind] = true
				v.kinds = append(v.kinds, a.Kind)
			}
		}
		link := mdLink(firstNonEmpty(ba.Article.Title, ba.Article.URL), ba.Article.URL)
		for _, p := range b.Positions {
			if names[strings.ToLower(strings.TrimSpace(p.Actor))] && oneLine(p.Statement) != "" {
				line := md(embeds.Truncate(oneLine(p.Statement), maxQuoteText))
				if st := oneLine(p.Stance); st != "" {
					line = "_" + md(st) + "_: " + line
				}
				v.positions = append(v.positions, "• "+line+" ("+link+")")
			}
		}
		for _, q := range b.Quotes {
			if names[strings.ToLower(strings.TrimSpace(q.Speaker))] {
				v.quotes = append(v.quotes, quoteLine(q.Text, "", maxListedQuote)+" ("+link+")")
			}
		}
		v.articles = append(v.articles, fmt.Sprintf("`#%d` %s · <t:%d:d>", ba.Article.Number, link, ba.Article.SubmittedAt.Unix()))
	}
	return v
}

func actorMatches(a briefing.Actor, name string) bool {
	n := strings.TrimSpace(name)
	if strings.EqualFold(strings.TrimSpace(a.Name), n) {
		return true
	}
	for _, al := range a.Aliases {
		if strings.EqualFold(strings.TrimSpace(al), n) {
			return true
		}
	}
	return false
}

// renderActor is the answer to /actor.
func renderActor(v actorView) reply {
	desc := ""
	if len(v.kinds) > 0 {
		desc = strings.Join(v.kinds, ", ")
	}
	if len(v.roles) > 0 {
		if desc != "" {
			desc += " · "
		}
		desc += md(strings.Join(v.roles, "; "))
	}
	if desc == "" {
		desc = "Named in the articles below."
	}
	e := &discordgo.MessageEmbed{
		Title:       v.name,
		Description: desc,
		Color:       embedColor,
		Footer:      &discordgo.MessageEmbedFooter{Text: fmt.Sprintf("From %d stored %s", len(v.articles), plural(len(v.articles), "article", "articles"))},
	}
	if len(v.positions) > 0 {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Positions", Value: embeds.JoinLines(v.positions, embeds.MaxFieldValue)})
	}
	if len(v.quotes) > 0 {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Quotes", Value: embeds.JoinLines(v.quotes, embeds.MaxFieldValue)})
	}
	if len(v.articles) > 0 {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Articles", Value: embeds.JoinLines(v.articles, embeds.MaxFieldValue)})
	}
	return reply{embeds: []*discordgo.MessageEmbed{e}}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// firstSharedLine tells members a link was already shared, and when.
func firstSharedLine(a storage.StoredArticle) string {
	return "Already shared here <t:" + strconv.FormatInt(a.SubmittedAt.Unix(), 10) + ":R>; here is its briefing again."
}

// oneLine collapses all whitespace (newlines included) to single spaces.
func oneLine(s string) string {
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if t := oneLine(s); t != "" {
			return t
		}
	}
	return ""
}

// mdReplacer escapes the characters Discord markdown gives meaning to
// inside a line, so article text shows as written. Markers that work only
// at the start of a line (>, #, -) need no escape: every line the bot
// builds starts with its own text.
var mdReplacer = strings.NewReplacer(
	`\`, `\\`, `*`, `\*`, `_`, `\_`, `~`, `\~`, "`", "\\`", `|`, `\|`, `[`, `\[`, `]`, `\]`,
)

// md escapes untrusted text for markdown.
func md(s string) string { return mdReplacer.Replace(s) }

// mdLink is a markdown link whose text and address cannot break out of it.
func mdLink(text, link string) string {
	text = md(embeds.Truncate(oneLine(text), 120))
	u, err := url.Parse(link)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return text
	}
	safe := strings.NewReplacer("(", "%28", ")", "%29", " ", "%20", "<", "%3C", ">", "%3E").Replace(u.String())
	return "[" + text + "](" + safe + ")"
}
