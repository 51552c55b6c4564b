package bot

import (
	"cmp"
	"fmt"
	"hash/fnv"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/embeds"
	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/storage"
)

// A briefing is one card a member takes in at a glance: the outlet, the
// headline, what happened, where each side stands and how they put it, then
// who wrote it and when. Everything else (every quote, everyone named) is
// one private button press away. The card renders the engine's fields as
// they are; it never re-reads the article.

// How much a card shows. Discord's own limits are enforced by package
// embeds when a reply is sent; these keep a card short enough to read.
const (
	maxSummary     = 320
	maxCardSummary = 160
	maxSides       = 4
	maxSideText    = 220
	maxSideRole    = 48
	maxQuotes      = 3
	maxQuoteText   = 220
	maxListedQuote = 280
	// maxStatementText bounds a position line in /actor.
	maxStatementText = 300
	// briefingBudget is the most a briefing card may take, in Discord's
	// count: a phone screen, not Discord's 6,000.
	briefingBudget = 1500
	// oldArticle is when a card says how long ago the article came out.
	oldArticle = 30 * 24 * time.Hour
	pageSize   = 8
	embedColor = 0x3B82F6
	oldColor   = 0xD69E2E
	// privateColor marks answers only the member who asked can see.
	privateColor = 0x4E5058
)

// outletColors tell outlets apart in a channel: each outlet keeps one.
var outletColors = [...]int{0x3B82F6, 0x10B981, 0x8B5CF6, 0xEC4899, 0x06B6D4, 0xF97316, 0x84CC16, 0xEF4444}

func outletColor(site string) int {
	h := fnv.New32a()
	h.Write([]byte(strings.ToLower(site)))
	return outletColors[h.Sum32()%uint32(len(outletColors))]
}

// thumbnail shows the page's preview image; Discord fetches it through its
// own media proxy, so the bot never requests it. Fetch already refused
// anything but http(s); this check keeps a stored or hand-fed value that is
// not one out of the payload. nil when there is no image.
func thumbnail(image string) *discordgo.MessageEmbedThumbnail {
	lower := strings.ToLower(image)
	if len(image) > maxThumbnailURL || !strings.HasPrefix(lower, "https://") && !strings.HasPrefix(lower, "http://") {
		return nil
	}
	return &discordgo.MessageEmbedThumbnail{URL: image}
}

// maxThumbnailURL matches fetch's cap on Article.Image.
const maxThumbnailURL = 2000

// renderBriefing is the card of one article, as of now.
func renderBriefing(a storage.StoredArticle, b briefing.Briefing, now time.Time) *discordgo.MessageEmbed {
	sides := chooseSides(b)
	quotes := chooseQuotes(b, sides, maxQuotes)
	for {
		e := briefingCard(a, b, sides, quotes, now)
		if embeds.Total(embeds.Fit(e)) <= briefingBudget {
			return e
		}
		switch {
		case len(quotes) > 1:
			quotes = quotes[:len(quotes)-1]
		case len(sides) > 2:
			sides = sides[:len(sides)-1]
		case len(quotes) > 0:
			quotes = nil
		case len(sides) > 0:
			sides = sides[:len(sides)-1]
		default:
			// Only the title, summary and footer are left, each capped well
			// below the budget together; keep the guarantee anyway.
			e.Description = embeds.Truncate(e.Description, max(0, briefingBudget-embeds.Total(embeds.Fit(e))+embeds.Len(e.Description)))
			return e
		}
	}
}

func briefingCard(a storage.StoredArticle, b briefing.Briefing, sides []side, quotes []shownQuote, now time.Time) *discordgo.MessageEmbed {
	e := &discordgo.MessageEmbed{
		Title:       embeds.Truncate(firstNonEmpty(a.Title, b.Title, a.URL), embeds.MaxTitle),
		URL:         a.URL,
		Description: summaryText(b.Summary, maxSummary),
		Color:       outletColor(siteName(a)),
		Author:      outletAuthor(a),
		Thumbnail:   thumbnail(a.Image),
	}
	if v := sideLines(sides); len(v) > 0 {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Where they stand", Value: embeds.JoinLines(v, embeds.MaxFieldValue)})
	}
	if v := shownQuoteLines(quotes); len(v) > 0 {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "In their words", Value: embeds.JoinLines(v, embeds.MaxFieldValue)})
	}
	setByline(e, a, now)
	return e
}

// setByline puts the byline in the footer and the publication date in the
// embed's timestamp, which Discord shows in each member's own time zone;
// an article older than a month says how old it is, and changes colour.
func setByline(e *discordgo.MessageEmbed, a storage.StoredArticle, now time.Time) {
	var parts []string
	if by := oneLine(a.Byline); by != "" {
		if !strings.HasPrefix(strings.ToLower(by), "by ") {
			by = "By " + by
		}
		parts = append(parts, embeds.Truncate(by, 80))
	}
	if !a.Published.IsZero() {
		e.Timestamp = a.Published.UTC().Format(time.RFC3339)
		if age := now.Sub(a.Published); age > oldArticle {
			parts = append(parts, "published "+ago(age))
			e.Color = oldColor
		}
	}
	if len(parts) > 0 {
		e.Footer = &discordgo.MessageEmbedFooter{Text: strings.Join(parts, " · ")}
	}
}

// ago says roughly how long d is, for articles at least a month old.
func ago(d time.Duration) string {
	days := int(d.Hours() / 24)
	switch {
	case days >= 365*2:
		return strconv.Itoa(days/365) + " years ago"
	case days >= 365:
		return "a year ago"
	case days >= 60:
		return strconv.Itoa(days/30) + " months ago"
	default:
		return "a month ago"
	}
}

// outletAuthor is the author line: the outlet, linking to its front page.
func outletAuthor(a storage.StoredArticle) *discordgo.MessageEmbedAuthor {
	au := &discordgo.MessageEmbedAuthor{Name: embeds.Truncate(siteName(a), 80)}
	if u, err := url.Parse(a.URL); err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" {
		au.URL = u.Scheme + "://" + u.Host + "/"
	}
	return au
}

// summaryText is the engine's summary, one line, cut at a sentence end
// when it is too long; a summary with no words says so.
func summaryText(s string, max int) string {
	s = oneLine(s)
	if !strings.ContainsFunc(s, unicode.IsLetter) {
		return "_No summary could be made from this article's text: open it to read it._"
	}
	if embeds.Len(s) <= max {
		return md(s)
	}
	cut := embeds.Truncate(s, max)
	// End on the last full sentence that fits, if it keeps half the room.
	body := strings.TrimSuffix(cut, embeds.Ellipsis)
	if i := strings.LastIndexAny(body, ".!?"); i >= max/2 && i+1 < len(body) && body[i+1] == ' ' {
		return md(body[:i+1])
	}
	return md(cut)
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

// side is one key actor and the one position shown for it.
type side struct {
	name, role, statement string
	aliases               []string
}

// chooseSides picks one position for each of the first key actors that
// have one, most important actor first: a stance (demands, warns...)
// before plain speech.
func chooseSides(b briefing.Briefing) []side {
	actors := slices.Clone(b.Actors)
	slices.SortStableFunc(actors, func(x, y briefing.Actor) int { return boolRank(y.Key) - boolRank(x.Key) })
	// Each statement is made one line once, and only as much of it as a
	// line can show: every actor is matched against every position.
	stmts := make([]string, len(b.Positions))
	for k, p := range b.Positions {
		stmts[k] = flat(head(p.Statement, comparedRoom))
	}
	used := make([]bool, len(b.Positions))
	var out []side
	for _, a := range actors {
		if len(out) == maxSides {
			break
		}
		best, bestRank := -1, -1
		for k, p := range b.Positions {
			if used[k] || stmts[k] == "" || !actorMatches(a, p.Actor) {
				continue
			}
			if r := stanceRank(p.Stance); r > bestRank {
				best, bestRank = k, r
			}
		}
		if best < 0 || flat(a.Name) == "" {
			continue
		}
		used[best] = true
		out = append(out, side{name: flat(a.Name), role: flat(a.Role), statement: stmts[best], aliases: a.Aliases})
	}
	// Positions of actors the list does not hold, while there is room.
	for k, p := range b.Positions {
		if len(out) == maxSides {
			break
		}
		name := flat(p.Actor)
		if used[k] || name == "" || stmts[k] == "" || slices.ContainsFunc(out, func(s side) bool { return strings.EqualFold(s.name, name) }) ||
			slices.ContainsFunc(b.Actors, func(a briefing.Actor) bool { return actorMatches(a, name) }) {
			continue
		}
		used[k] = true
		out = append(out, side{name: name, statement: stmts[k]})
	}
	return out
}

func stanceRank(stance string) int {
	switch strings.ToLower(oneLine(stance)) {
	case "", "says", "said", "acts":
		return 0
	}
	return 1
}

// sideLines writes each side naming the actor once: a statement that opens
// with the actor's name (or one of its aliases, "the union") gets the full
// name there, in bold; any other is introduced by the name.
func sideLines(sides []side) []string {
	lines := make([]string, 0, len(sides))
	for _, s := range sides {
		who := "**" + md(s.name) + "**"
		if s.role != "" && embeds.Len(s.role) <= maxSideRole && !strings.EqualFold(s.role, s.name) {
			who += ", " + md(s.role) + ","
		}
		stmt := embeds.Truncate(s.statement, maxSideText)
		if rest, ok := cutActorPrefix(stmt, s); ok {
			lines = append(lines, who+md(rest))
			continue
		}
		lines = append(lines, strings.TrimSuffix(who, ",")+": "+md(stmt))
	}
	return lines
}

// cutActorPrefix returns what follows the actor's name or alias at the
// start of stmt (" warned that ..."), if stmt starts with one.
func cutActorPrefix(stmt string, s side) (string, bool) {
	names := append([]string{s.name}, s.aliases...)
	// "Bayline says..." for Bayline Ferries, "Reyes warned..." for Tomas
	// Reyes: a capitalised word of the name stands for it.
	for _, w := range strings.Fields(s.name) {
		if r := []rune(w); len(r) >= 3 && unicode.IsUpper(r[0]) {
			names = append(names, w)
		}
	}
	slices.SortFunc(names, func(x, y string) int { return cmp.Compare(len(y), len(x)) })
	for _, n := range names {
		n = oneLine(n)
		for _, cand := range []string{n, "the " + n} {
			if cand == "the " || len(cand) > len(stmt) || !strings.EqualFold(stmt[:len(cand)], cand) {
				continue
			}
			if rest := stmt[len(cand):]; strings.HasPrefix(rest, " ") {
				return rest, true
			}
		}
	}
	return "", false
}

// shownQuote is a quote chosen for a card, with its speaker's display name.
type shownQuote struct {
	text, speaker string
}

// chooseQuotes picks up to n quotes so that each side heard gets one:
// the best quote of each speaker, the speakers of the sides shown first,
// then other actors, then sources the article describes without a name
// ("a senior official"). A quote whose words are already shown as a
// position, or that no one is credited with, is never picked.
func chooseQuotes(b briefing.Briefing, sides []side, n int) []shownQuote {
	shown := make([]string, 0, len(sides))
	for _, s := range sides {
		shown = append(shown, normalizeStatement(head(s.statement, comparedRoom)))
	}
	type cand struct {
		q          briefing.Quote
		speaker    string
		rank       int // of the speaker: lower first
		score, pos int
	}
	best := map[string]cand{}
	seen := map[string]bool{}
	for i, q := range b.Quotes {
		text := normalizeStatement(head(q.Text, comparedRoom))
		if text == "" || flat(q.Speaker) == "" || seen[text] || overlapsAny(text, shown) {
			continue
		}
		seen[text] = true
		speaker, rank := speakerOf(b, sides, q.Speaker)
		c := cand{q: q, speaker: speaker, rank: rank, score: quoteScore(q), pos: i}
		key := strings.ToLower(speaker)
		if old, ok := best[key]; !ok || c.score > old.score {
			best[key] = c
		}
	}
	cands := make([]cand, 0, len(best))
	for _, c := range best {
		cands = append(cands, c)
	}
	slices.SortFunc(cands, func(x, y cand) int {
		return cmp.Or(cmp.Compare(x.rank, y.rank), cmp.Compare(y.score, x.score), cmp.Compare(x.pos, y.pos))
	})
	if len(cands) > n {
		cands = cands[:n]
	}
	out := make([]shownQuote, 0, len(cands))
	for _, c := range cands {
		out = append(out, shownQuote{text: cleanQuote(head(c.q.Text, comparedRoom)), speaker: c.speaker})
	}
	return out
}

// speakerOf names a quote's speaker as the actor list does and ranks it:
// sides shown by their order, other actors after them, unnamed sources last.
func speakerOf(b briefing.Briefing, sides []side, speaker string) (string, int) {
	speaker = oneLine(speaker)
	for k, s := range sides {
		if actorMatches(briefing.Actor{Name: s.name, Aliases: s.aliases}, speaker) {
			return s.name, k
		}
	}
	for k, a := range b.Actors {
		if actorMatches(a, speaker) {
			return oneLine(a.Name), maxSides + k
		}
	}
	return speaker, maxSides + len(b.Actors) + 1
}

// quoteScore prefers word-for-word quotes of a length that says something
// without being a paragraph.
func quoteScore(q briefing.Quote) int {
	s := 0
	if q.Direct {
		s += 4
	}
	switch words := wordCount(q.Text, 81); {
	case words >= 8 && words <= 45:
		s += 2
	case words >= 4 && words <= 80:
		s++
	}
	return s
}

// wordCount counts the words of s, stopping at limit.
func wordCount(s string, limit int) int {
	n, in := 0, false
	for _, r := range s {
		switch sp := unicode.IsSpace(r); {
		case sp:
			in = false
		case !in:
			in = true
			if n++; n == limit {
				return n
			}
		}
	}
	return n
}

// overlapsAny reports whether text and one of shown hold the same words:
// one contains the other, and the shorter is more than a couple of words.
func overlapsAny(text string, shown []string) bool {
	for _, s := range shown {
		short, long := text, s
		if len(short) > len(long) {
			short, long = long, short
		}
		if strings.Count(short, " ") >= 2 && strings.Contains(long, short) {
			return true
		}
	}
	return false
}

// cleanQuote is a quote's text without the marks and the trailing comma
// that belonged to the sentence around it.
func cleanQuote(text string) string {
	return strings.TrimRight(strings.Trim(flat(text), "\"“”„ "), ",;: ")
}

func shownQuoteLines(qs []shownQuote) []string {
	lines := make([]string, 0, len(qs))
	for _, q := range qs {
		lines = append(lines, quoteLine(q.text, q.speaker, maxQuoteText))
	}
	return lines
}

func quoteLine(text, speaker string, max int) string {
	line := "“" + md(embeds.Truncate(cleanQuote(text), max)) + "”"
	if sp := oneLine(speaker); sp != "" {
		line += " — **" + md(sp) + "**"
	}
	return line
}

// normalizeStatement compares statements and quotes by their words only:
// lower case, every run of other characters one space.
func normalizeStatement(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	gap := false
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			gap = b.Len() > 0
			continue
		}
		if gap {
			b.WriteByte(' ')
			gap = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// comparedRoom bounds how much of a quote is compared with positions: more
// than a card ever shows of it, so a long quote costs no more than that.
const comparedRoom = 4 * maxListedQuote

// head is the start of s, at most n bytes, cut on a character boundary.
func head(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// briefingReply is a card with its buttons; a card for a link shared here
// before says when, as Discord shows it to each member.
func briefingReply(res ingested, now time.Time) reply {
	r := reply{
		embeds:     []*discordgo.MessageEmbed{renderBriefing(res.article, res.briefing, now)},
		components: briefingButtons(res.article, res.briefing),
	}
	if res.duplicate {
		r.content = firstSharedLine(res.article)
	}
	return r
}

// firstSharedLine tells members a link was already shared, and when.
func firstSharedLine(a storage.StoredArticle) string {
	return "Already shared here <t:" + strconv.FormatInt(a.SubmittedAt.Unix(), 10) + ":R>."
}

// resharedReply answers a link pasted again with one line pointing at where
// it was shared before, and the briefing a button away.
func resharedReply(a storage.StoredArticle, guildID string) reply {
	title := embeds.Truncate(firstNonEmpty(a.Title, a.URL), 100)
	where := ""
	if a.MessageID != "" && a.ChannelID != "" && isSnowflake(a.MessageID) && isSnowflake(a.ChannelID) && isSnowflake(guildID) {
		where = "[" + md(title) + "](https://discord.com/channels/" + guildID + "/" + a.ChannelID + "/" + a.MessageID + ")"
	} else {
		where = "**" + md(title) + "**"
	}
	line := fmt.Sprintf("Shared here before, <t:%d:R>: %s", a.SubmittedAt.Unix(), where)
	buttons := []discordgo.MessageComponent{
		discordgo.Button{Label: "Briefing", Style: discordgo.SecondaryButton, CustomID: fullBriefingID(a.ID)},
	}
	if link := linkButton(a.URL); link != nil {
		buttons = append(buttons, *link)
	}
	return reply{content: line, components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: buttons}}}
}

// cardItem is one article of a reply to several links.
type cardItem struct {
	article   storage.StoredArticle
	briefing  briefing.Briefing
	duplicate bool
}

// renderCards is one reply for several links: a compact card each (at
// most Discord's ten) and a menu that opens any one's full briefing,
// privately.
func renderCards(items []cardItem, now time.Time) reply {
	items = items[:min(len(items), embeds.MaxEmbeds)]
	var r reply
	menu := discordgo.SelectMenu{
		MenuType:    discordgo.StringSelectMenu,
		CustomID:    cardMenuID,
		Placeholder: "Full briefing of…",
	}
	for k, it := range items {
		r.embeds = append(r.embeds, compactCard(it, k+1, now))
		menu.Options = append(menu.Options, discordgo.SelectMenuOption{
			Label:       embeds.Truncate(fmt.Sprintf("%d. %s", k+1, firstNonEmpty(it.article.Title, it.briefing.Title, it.article.URL)), 100),
			Value:       strconv.FormatInt(it.article.ID, 10),
			Description: embeds.Truncate(siteName(it.article), 100),
		})
	}
	if len(items) > 0 {
		r.components = []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{menu}}}
	}
	return r
}

// compactCard is the outlet, the headline, what happened and who is in it.
func compactCard(it cardItem, n int, now time.Time) *discordgo.MessageEmbed {
	a, b := it.article, it.briefing
	au := outletAuthor(a)
	au.Name = embeds.Truncate(strconv.Itoa(n)+" · "+au.Name, 80)
	e := &discordgo.MessageEmbed{
		Title:       embeds.Truncate(firstNonEmpty(a.Title, b.Title, a.URL), embeds.MaxTitle),
		URL:         a.URL,
		Description: summaryText(b.Summary, maxCardSummary),
		Color:       outletColor(siteName(a)),
		Author:      au,
		Thumbnail:   thumbnail(it.article.Image),
	}
	var names []string
	for _, s := range chooseSides(b) {
		names = append(names, "**"+md(s.name)+"**")
	}
	if len(names) > 0 {
		e.Description += "\n" + strings.Join(names, " · ")
	}
	setByline(e, a, now)
	if it.duplicate {
		shared := "Shared here before"
		if e.Footer != nil {
			e.Footer.Text = shared + " · " + e.Footer.Text
		} else {
			e.Footer = &discordgo.MessageEmbedFooter{Text: shared}
		}
	}
	return e
}

// renderAllQuotes is the private answer to "All quotes": every quote of the
// article in reading order, each once.
func renderAllQuotes(a storage.StoredArticle, b briefing.Briefing) reply {
	var lines []string
	seen := map[string]bool{}
	for _, q := range b.Quotes {
		key := normalizeStatement(q.Text)
		if key == "" || seen[key] {
			continue
		}
		seen[key] = true
		speaker, _ := speakerOf(b, nil, q.Speaker)
		lines = append(lines, quoteLine(q.Text, speaker, maxListedQuote))
	}
	desc := embeds.JoinLines(lines, embeds.MaxDescription-100)
	shown := strings.Count(desc, "\n") + 1
	footer := countText(len(lines), "quote", "quotes") + ", in the order the article gives them"
	if shown < len(lines) {
		footer = fmt.Sprintf("The first %d of %d quotes; open the article for the rest", shown, len(lines))
	}
	if len(lines) == 0 {
		desc, footer = "This article quotes no one by name.", ""
	}
	e := &discordgo.MessageEmbed{
		Author:      &discordgo.MessageEmbedAuthor{Name: "All quotes"},
		Title:       embeds.Truncate(firstNonEmpty(a.Title, b.Title, a.URL), embeds.MaxTitle),
		URL:         a.URL,
		Description: desc,
		Color:       privateColor,
	}
	if footer != "" {
		e.Footer = &discordgo.MessageEmbedFooter{Text: footer}
	}
	return reply{embeds: []*discordgo.MessageEmbed{e}}
}

// renderEveryoneNamed is the private answer to "Everyone named": the key
// actors with their roles, then everyone else the article mentions.
func renderEveryoneNamed(a storage.StoredArticle, b briefing.Briefing) reply {
	var key, others []string
	for _, ac := range b.Actors {
		name := oneLine(ac.Name)
		if name == "" {
			continue
		}
		line := "**" + md(name) + "**"
		var about []string
		if role := oneLine(ac.Role); role != "" {
			about = append(about, md(embeds.Truncate(role, 120)))
		}
		if ac.Kind != "" && ac.Kind != briefing.KindPerson {
			about = append(about, "_"+md(kindWord(ac.Kind))+"_")
		}
		if len(about) > 0 {
			line += " — " + strings.Join(about, " · ")
		}
		if ac.Key {
			key = append(key, line)
		} else {
			others = append(others, line)
		}
	}
	e := &discordgo.MessageEmbed{
		Author: &discordgo.MessageEmbedAuthor{Name: "Everyone named"},
		Title:  embeds.Truncate(firstNonEmpty(a.Title, b.Title, a.URL), embeds.MaxTitle),
		URL:    a.URL,
		Color:  privateColor,
	}
	if len(key)+len(others) == 0 {
		e.Description = "No one is named in this article."
		return reply{embeds: []*discordgo.MessageEmbed{e}}
	}
	e.Description = embeds.JoinLines(key, embeds.MaxDescription)
	if len(others) > 0 {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Also mentioned", Value: embeds.JoinLines(others, embeds.MaxFieldValue)})
	}
	if e.Description == "" {
		e.Description = "Only mentioned in passing:"
	}
	return reply{embeds: []*discordgo.MessageEmbed{e}}
}

func kindWord(kind string) string {
	switch kind {
	case briefing.KindOrganization:
		return "organisation"
	default:
		return kind
	}
}

// pastedResult is the outcome of one link of a pasted message.
type pastedResult struct {
	link string
	res  ingested
	err  error
}

// pastedReply is the one reply to a message's links: a link shared here
// before gets one line pointing back at it, one new link its card, several
// links a compact card each; a line says why each failed link was not
// briefed, with the link in <> so Discord does not preview it again.
func pastedReply(results []pastedResult, guildID string, now time.Time) reply {
	var fails []string
	var ok []cardItem
	for _, r := range results {
		if r.err != nil {
			fails = append(fails, fmt.Sprintf("I couldn't brief <%s>: %s", r.link, userMessage(r.err)))
			continue
		}
		ok = append(ok, cardItem{article: r.res.article, briefing: r.res.briefing, duplicate: r.res.duplicate})
	}
	var out reply
	switch {
	case len(ok) == 1 && ok[0].duplicate:
		out = resharedReply(ok[0].article, guildID)
	case len(ok) == 1:
		out = briefingReply(ingested{article: ok[0].article, briefing: ok[0].briefing}, now)
	case len(ok) > 1:
		out = renderCards(ok, now)
	}
	if len(fails) > 0 {
		out.content = strings.TrimSpace(strings.Join(fails, "\n") + "\n" + out.content)
	}
	return out
}
