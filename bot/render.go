package bot

import (
	"fmt"
	"net/url"
	"strings"
	"unicode"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/embeds"
	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/storage"
)

// renderArticleList is one page of /articles. Each row shows when the
// article was published (when it was shared, if the page gave no date);
// the number in front of it is what /brief article: and /forget take.
func renderArticleList(list []storage.StoredArticle, total int, st listState, cmds cmdRefs) reply {
	title := "Articles shared here"
	if st.query != "" {
		title = "Articles matching “" + st.query + "”"
	}
	if st.days > 0 {
		title += fmt.Sprintf(" · last %d days", st.days)
	}
	if total == 0 {
		return reply{content: emptyArticlesLine(st, cmds)}
	}
	var lines []string
	for _, a := range list {
		when, what := a.Published, "published"
		if when.IsZero() {
			when, what = a.SubmittedAt, "shared"
		}
		line := fmt.Sprintf("`%d` %s · %s · %s <t:%d:d>", a.Number, mdLink(firstNonEmpty(a.Title, a.URL), a.URL), md(siteName(a)), what, when.Unix())
		lines = append(lines, line)
	}
	pages := (total + pageSize - 1) / pageSize
	help := "-# " + cmds.mention("brief") + " `article:` with a number shows that briefing again."
	e := &discordgo.MessageEmbed{
		Title:       title,
		Description: embeds.JoinLines(lines, embeds.MaxDescription-embeds.Len(help)-1) + "\n" + help,
		Color:       embedColor,
		Footer:      &discordgo.MessageEmbedFooter{Text: fmt.Sprintf("Page %d of %d · %s", st.page+1, pages, listCountText(total))},
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

// emptyArticlesLine is the private answer when /articles finds nothing.
func emptyArticlesLine(st listState, cmds cmdRefs) string {
	if st.query != "" || st.days > 0 {
		return "No articles match: try other words or more days."
	}
	return "No articles yet: paste a link in a channel I can read, or use " + cmds.mention("brief") + "."
}

// emptyQuotesLine is the private answer when /quotes finds nothing.
func emptyQuotesLine(speaker string, days int) string {
	if speaker != "" || days > 0 {
		return "No quotes match: pick a speaker from the suggestions, or try more days."
	}
	return "No quotes stored yet: they come from the articles shared here."
}

// renderQuotes is the answer to /quotes: the quotes grouped under the
// article they come from, newest articles first, each title shown once.
func renderQuotes(quotes []storage.StoredQuote, speaker string, days int) reply {
	title := "Quotes"
	if speaker != "" {
		title += " from “" + speaker + "”"
	}
	if days > 0 {
		title += fmt.Sprintf(" · last %d days", days)
	}
	if len(quotes) == 0 {
		return reply{content: emptyQuotesLine(speaker, days)}
	}
	var lines []string
	last := int64(-1)
	for _, q := range quotes {
		if q.ArticleID != last || last < 0 {
			if last >= 0 {
				lines = append(lines, "")
			}
			lines = append(lines, "**"+mdLink(firstNonEmpty(q.ArticleTitle, q.ArticleURL), q.ArticleURL)+"**")
			last = q.ArticleID
		}
		sp := q.Speaker
		if speaker != "" {
			sp = "" // the title names the speaker already
		}
		lines = append(lines, quoteLine(q.Text, sp, maxListedQuote))
	}
	return reply{embeds: []*discordgo.MessageEmbed{{
		Title:       title,
		Description: embeds.JoinLines(lines, embeds.MaxDescription),
		Color:       embedColor,
		Footer:      &discordgo.MessageEmbedFooter{Text: countText(len(quotes), "quote", "quotes") + ", newest articles first"},
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
				line := md(embeds.Truncate(oneLine(p.Statement), maxStatementText))
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

// listCountText is the /articles footer's count; a search counts hits only
// up to storage.SearchCountCap, so a larger count reads "1000+ articles".
func listCountText(total int) string {
	if total > storage.SearchCountCap {
		return fmt.Sprintf("%d+ articles", storage.SearchCountCap)
	}
	return countText(total, "article", "articles")
}
