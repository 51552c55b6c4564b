package bot

import (
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/embeds"
	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/briefing/digest"
)

// A digest is shown as Discord messages (renderDigest) or as plain text
// (WriteDigestText). On Discord it is a one-line header and one short embed
// per story (headline, outlet and date, what happened, where the sides
// stand, one quote), at most five stories a message and ten in all, so a
// day's digest is read in a couple of phone screens.
//
// Discord's limits are enforced by package embeds when a message is sent;
// the layout here makes sure that nothing needs cutting then, and text is
// only ever shortened by embeds.Truncate, which ends on a word.

// What a digest shows of each story, and how much room it takes.
const (
	digestStoryBudget   = 600
	digestSummaryText   = 220
	digestSides         = 2
	digestSideText      = 110
	digestQuoteText     = 140
	digestShortQuote    = 90
	digestSiteText      = 60
	digestAlsoSites     = 3
	storiesPerMessage   = 5
	maxDigestStories    = 10
	digestColor         = 0x2F855A
	digestStatementText = 240
	digestRoleText      = 80
	digestCopySites     = 3
	// maxDigestMessages bounds one digest (stories beyond maxDigestStories
	// are counted, not shown).
	maxDigestMessages = (maxDigestStories + storiesPerMessage - 1) / storiesPerMessage
	// digestTimeLayout shows a period's ends in the server's zone (text only).
	digestTimeLayout = "Mon 2 Jan 15:04"
)

// digestLayout says how one digest is presented.
type digestLayout struct {
	// title heads the first message: "Digest", "Digest preview".
	title string
	// loc is the server's time zone; nil = UTC. Only the plain-text form
	// uses it: on Discord every time is a timestamp each member reads in
	// their own zone.
	loc *time.Location
	// late says the digest goes out after its time.
	late bool
	// scheduled and attempt are kept for the plain-text form and logs.
	scheduled time.Time
	attempt   int
	// nonce marks every message so the digest can be found in the channel
	// again (digestPoster.FindPosted); "" for previews.
	nonce string
	// refBase is the channel's address ("https://discord.com/channels/G/C");
	// the marker rides in the target of the header's link, never in
	// visible text.
	refBase string
	// empty: post the one-line "nothing was shared" note.
	empty bool
	// summaries are the stored summaries of the articles stories lead with.
	summaries map[int64]string
	// cmds names commands as clickable mentions.
	cmds cmdRefs
}

func (l digestLayout) zone() *time.Location {
	if l.loc == nil {
		return time.UTC
	}
	return l.loc
}

// storyPlan is what a digest shows of one story.
type storyPlan struct {
	headline string
	link     string
	update   bool
	sources  []digest.Source
	summary  string
	sides    []side
	quotes   []shownQuote
	members  int
	articles int
}

// planStory picks what a story shows: its headline and main link, the
// summary of its main article, the first sides (one position each) and a
// quote from a side not already shown in its own words.
func planStory(st digest.Story, summaries map[int64]string) storyPlan {
	p := storyPlan{
		update:   st.Update,
		sources:  st.Sources,
		members:  st.Members,
		articles: len(st.ArticleIDs),
	}
	p.headline, p.link = storyHeadline(st)
	if len(st.Sources) > 0 {
		p.summary = summaries[st.Sources[0].ArticleID]
	}
	b := briefing.Briefing{Actors: st.Actors, Positions: st.Positions}
	for _, q := range st.Quotes {
		b.Quotes = append(b.Quotes, q.Quote)
	}
	p.sides = chooseSides(b)
	if len(p.sides) > digestSides {
		p.sides = p.sides[:digestSides]
	}
	p.quotes = chooseQuotes(b, p.sides, 1)
	return p
}

// storyHeadline is a story's headline and the link it goes to: the main
// source, which digest.Build puts first.
func storyHeadline(st digest.Story) (headline, link string) {
	headline = flat(st.Headline)
	if len(st.Sources) > 0 {
		link = st.Sources[0].URL
		if headline == "" {
			headline = firstFlat(st.Sources[0].Title, st.Sources[0].URL)
		}
	}
	if headline == "" {
		headline = "Untitled story"
	}
	return headline, link
}

// periodText is a digest's period in the server's zone, for plain text.
func periodText(d digest.Digest, loc *time.Location) string {
	end := d.PeriodEnd.In(loc).Format(digestTimeLayout)
	if d.PeriodStart.IsZero() {
		return "until " + end + " (" + loc.String() + ")"
	}
	return "from " + d.PeriodStart.In(loc).Format(digestTimeLayout) + " to " + end + " (" + loc.String() + ")"
}

// periodStamps is a digest's period as Discord timestamps.
func periodStamps(d digest.Digest) string {
	end := fmt.Sprintf("<t:%d:f>", d.PeriodEnd.Unix())
	if d.PeriodStart.IsZero() {
		return "until " + end
	}
	return fmt.Sprintf("<t:%d:f> – %s", d.PeriodStart.Unix(), end)
}

func countText(n int, one, many string) string {
	return strconv.Itoa(n) + " " + plural(n, one, many)
}

// headerLines are the digest's opening lines, plain text.
func headerLines(d digest.Digest, l digestLayout) []string {
	lines := []string{
		"What members shared " + periodText(d, l.zone()) + ".",
		fmt.Sprintf("%s from %s, in %s.", countText(d.ArticleCount, "article", "articles"),
			countText(d.MemberCount, "member", "members"), countText(len(d.Stories), "story", "stories")),
	}
	if d.Omitted > 0 {
		lines = append(lines, fmt.Sprintf("%s already in the last digest left out.", countText(d.Omitted, "story", "stories")))
	}
	if l.late {
		lines = append(lines, "Posted late: the bot was offline or could not post when it was due.")
	}
	return lines
}

// markerLink is the header's title as a link whose target carries the
// digest's marker: a member sees "Digest", the bot finds its posts again.
func markerLink(text string, l digestLayout, k, n int) string {
	if l.nonce == "" || l.refBase == "" {
		return "**" + text + "**"
	}
	return fmt.Sprintf("**[%s](%s?digest=%s&part=%d&of=%d)**", text, l.refBase, url.QueryEscape(l.nonce), k, n)
}

// renderDigest lays a digest out as messages, each within Discord's limits
// as it is: a one-line header, then one embed per story, five a message,
// ten in all; the rest are counted with a pointer to /articles. An empty
// digest is nothing, or the one-line note when l.empty.
func renderDigest(d digest.Digest, l digestLayout) []reply {
	if len(d.Stories) == 0 {
		if !l.empty {
			return nil
		}
		return []reply{{content: markerLink(l.title, l, 1, 1) + " · nothing new was shared here " + periodStamps(d) + "."}}
	}
	shown := d.Stories[:min(len(d.Stories), maxDigestStories)]
	var msgs []reply
	for i, st := range shown {
		if i%storiesPerMessage == 0 {
			msgs = append(msgs, reply{})
		}
		m := &msgs[len(msgs)-1]
		m.embeds = append(m.embeds, embeds.Fit(storyEmbed(planStory(st, l.summaries), d.PeriodEnd)))
	}
	n := len(msgs)
	for k := range msgs {
		if k == 0 {
			head := markerLink(l.title, l, 1, n) + " · " + periodStamps(d) + " · " +
				countText(len(d.Stories), "story", "stories") + " from " + countText(d.ArticleCount, "article", "articles") +
				" shared by " + countText(d.MemberCount, "member", "members")
			var notes []string
			if d.Omitted > 0 {
				notes = append(notes, countText(d.Omitted, "story", "stories")+" already in the last digest left out")
			}
			if l.late {
				notes = append(notes, "posted late: the bot was offline or could not post when it was due")
			}
			if len(notes) > 0 {
				head += "\n-# " + strings.Join(notes, " · ")
			}
			msgs[k].content = head
			continue
		}
		msgs[k].content = markerLink(l.title, l, k+1, n) + fmt.Sprintf(" · continued, %d of %d", k+1, n)
	}
	if more := len(d.Stories) - len(shown); more > 0 {
		last := &msgs[len(msgs)-1]
		last.content += fmt.Sprintf("\n-# +%d more: %s lists every article shared here.", more, l.cmds.mention("articles"))
	}
	return msgs
}

// storyEmbed shows one story in at most digestStoryBudget characters:
// dropping, in turn, the second side, the quote's length, the quote, and
// summary length until it fits.
func storyEmbed(p storyPlan, periodEnd time.Time) *discordgo.MessageEmbed {
	f := storyFit{summary: digestSummaryText, quote: digestQuoteText, title: 200, also: true}
	for {
		e := storyCard(p, periodEnd, f)
		over := embeds.Total(embeds.Fit(e)) - digestStoryBudget
		if over <= 0 {
			return e
		}
		switch {
		case len(p.sides) > 1:
			p.sides = p.sides[:1]
		case len(p.quotes) > 0 && f.quote > digestShortQuote:
			f.quote = digestShortQuote
		case f.also:
			f.also = false
		case len(p.quotes) > 0:
			p.quotes = nil
		case f.summary > 120:
			f.summary = 120
		case f.title > 120:
			f.title = 120
		case len(p.sides) > 0:
			p.sides = nil
		default:
			// Title, outlet, a short summary and footer are all capped far
			// below the budget; keep the guarantee anyway.
			e.Description = embeds.Truncate(e.Description, max(0, embeds.Len(e.Description)-over))
			return e
		}
	}
}

// storyFit is how much room a story's parts get.
type storyFit struct {
	summary, quote, title int
	also                  bool // link the other outlets
}

func storyCard(p storyPlan, periodEnd time.Time, f storyFit) *discordgo.MessageEmbed {
	var main digest.Source
	if len(p.sources) > 0 {
		main = p.sources[0]
	}
	site := embeds.Truncate(firstFlat(main.Site, hostOf(main.URL), "news"), digestSiteText)
	if p.update {
		site = "Update · " + site
	}
	e := &discordgo.MessageEmbed{
		Title:  embeds.Truncate(flat(p.headline), f.title),
		URL:    p.link,
		Author: &discordgo.MessageEmbedAuthor{Name: site},
		Color:  outletColor(main.Site),
	}
	var lines []string
	if s := flat(p.summary); s != "" {
		lines = append(lines, summaryText(s, f.summary))
	}
	for _, sd := range p.sides {
		sd.role = "" // a digest line has no room for roles
		sd.statement = embeds.Truncate(sd.statement, digestSideText)
		lines = append(lines, sideLines([]side{sd})...)
	}
	for _, q := range p.quotes {
		lines = append(lines, "> "+quoteLine(q.text, q.speaker, f.quote))
	}
	if also := alsoLine(p.sources, f.also); also != "" {
		lines = append(lines, "-# "+also)
	}
	e.Description = strings.Join(lines, "\n")
	var foot []string
	if !main.Published.IsZero() {
		e.Timestamp = main.Published.UTC().Format(time.RFC3339)
		if age := periodEnd.Sub(main.Published); age > oldArticle {
			foot = append(foot, "published "+ago(age))
			e.Color = oldColor
		}
	}
	if p.members > 1 {
		foot = append(foot, "shared by "+countText(p.members, "member", "members"))
	}
	if len(foot) > 0 {
		e.Footer = &discordgo.MessageEmbedFooter{Text: strings.Join(foot, " · ")}
	}
	return e
}

// alsoLine links the story's other outlets and counts its wire copies.
// Without links it only counts them.
func alsoLine(sources []digest.Source, link bool) string {
	var links []string
	copies := 0
	for k, src := range sources {
		copies += src.SyndicatedCopies
		if k == 0 {
			continue
		}
		if len(links) < digestAlsoSites {
			links = append(links, linkOrText(embeds.Truncate(firstFlat(src.Site, hostOf(src.URL), "source"), digestSiteText), src.URL, 300))
		}
	}
	var parts []string
	if !link && len(sources) > 1 {
		parts = append(parts, "Also in "+countText(len(sources)-1, "other outlet", "other outlets"))
	} else if len(links) > 0 {
		text := "Also in " + strings.Join(links, ", ")
		if more := len(sources) - 1 - len(links); more > 0 {
			text += fmt.Sprintf(" and %d more", more)
		}
		parts = append(parts, text)
	}
	if copies > 0 {
		parts = append(parts, "run by "+countText(copies, "other site", "other sites")+" as wire copy")
	}
	return strings.Join(parts, " · ")
}

func hostOf(link string) string {
	if u, err := url.Parse(link); err == nil {
		return strings.TrimPrefix(u.Hostname(), "www.")
	}
	return ""
}

// linkOrText is a markdown link to link, or just the text when the link
// would take more than room.
func linkOrText(text, link string, room int) string {
	if l := mdLink(text, link); embeds.Len(l) <= room {
		return l
	}
	return md(embeds.Truncate(flat(text), 120))
}

// copiesText names the sites that ran a wire copy; esc escapes them for
// markdown (or not, for plain text).
func copiesText(src digest.Source, esc func(string) string) string {
	var sites []string
	for _, s := range src.CopySites {
		if s = flat(s); s != "" && len(sites) < digestCopySites {
			sites = append(sites, esc(embeds.Truncate(s, digestSiteText)))
		}
	}
	if len(sites) == 0 {
		return "also run as " + countText(src.SyndicatedCopies, "copy", "copies")
	}
	text := "also in " + strings.Join(sites, ", ")
	if more := src.SyndicatedCopies - len(sites); more > 0 {
		text += " and " + strconv.Itoa(more) + " more"
	}
	return text
}

// markerPattern reads the marker markerLink writes into a link target.
var markerPattern = regexp.MustCompile(`\?digest=([^&\s)]+)&part=(\d{1,3})&of=(\d{1,3})\)`)

// legacyMarker reads the footer marker of digests posted by earlier
// versions ("Part 1 of 2 · ref <nonce>"), so a digest interrupted across
// an upgrade is still found.
var legacyMarker = regexp.MustCompile(`(?:Part (\d+) of (\d+) · )?ref (\S+)$`)

// readMarker finds the marker of the digest with nonce in a message:
// part k of n (1 of 1 for a single message).
func readMarker(m *discordgo.Message, nonce string) (k, n int, ok bool) {
	for _, sub := range markerPattern.FindAllStringSubmatch(m.Content, 4) {
		if got, err := url.QueryUnescape(sub[1]); err != nil || got != nonce {
			continue
		}
		k, err1 := strconv.Atoi(sub[2])
		n, err2 := strconv.Atoi(sub[3])
		if err1 == nil && err2 == nil && k >= 1 && k <= n {
			return k, n, true
		}
	}
	for _, e := range m.Embeds {
		if e == nil || e.Footer == nil {
			continue
		}
		sub := legacyMarker.FindStringSubmatch(e.Footer.Text)
		if sub == nil || sub[3] != nonce {
			continue
		}
		if sub[1] == "" {
			return 1, 1, true
		}
		k, err1 := strconv.Atoi(sub[1])
		n, err2 := strconv.Atoi(sub[2])
		if err1 != nil || err2 != nil || k < 1 || k > n {
			continue
		}
		return k, n, true
	}
	return 0, 0, false
}

// WriteDigestText writes a digest as plain text for a terminal, in the time
// zone loc (nil = UTC): the header, then every story with its outlets, the
// sides and the quote the bot would post, and its links.
func WriteDigestText(w io.Writer, d digest.Digest, loc *time.Location) error {
	l := digestLayout{loc: loc}
	tw := &textWriter{w: w}
	tw.printf("Digest %s\n", periodText(d, l.zone()))
	for _, line := range headerLines(d, l)[1:] {
		tw.printf("%s\n", line)
	}
	if len(d.Stories) == 0 {
		tw.printf("Nothing was shared in this period.\n")
		return tw.err
	}
	for i, st := range d.Stories {
		p := planStory(st, nil)
		mark := ""
		if p.update {
			mark = " (update)"
		}
		tw.printf("\n%d. %s%s\n", i+1, p.headline, mark)
		for _, src := range p.sources {
			line := "   - " + firstFlat(src.Site, hostOf(src.URL))
			if !src.Published.IsZero() {
				line += ", " + src.Published.In(l.zone()).Format("2 Jan 2006")
			}
			if src.SyndicatedCopies > 0 {
				line += " (" + copiesText(src, func(s string) string { return s }) + ")"
			}
			if src.AlreadyPosted {
				line += " (in the last digest)"
			}
			tw.printf("%s: %s\n", line, src.URL)
		}
		for _, sd := range p.sides {
			tw.printf("   %s: %s\n", sd.name, embeds.Truncate(sd.statement, digestStatementText))
		}
		for _, q := range p.quotes {
			tw.printf("   “%s” — %s\n", embeds.Truncate(q.text, digestQuoteText), q.speaker)
		}
	}
	return tw.err
}

// flat is oneLine without its copying when s is already one clean line,
// as stored titles, names and quotes nearly always are: a digest of
// thousands of articles passes every one of them through here.
func flat(s string) string {
	space := true // a leading space is a run to collapse
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		switch {
		case r == ' ':
			if space {
				return oneLine(s)
			}
			space = true
		case unicode.IsSpace(r):
			return oneLine(s)
		default:
			space = false
		}
	}
	if space && s != "" {
		return oneLine(s) // trailing space
	}
	return s
}

// firstFlat is firstNonEmpty with flat.
func firstFlat(ss ...string) string {
	for _, s := range ss {
		if t := flat(s); t != "" {
			return t
		}
	}
	return ""
}

// textWriter keeps the first write error, so printing code stays linear.
type textWriter struct {
	w   io.Writer
	err error
}

func (t *textWriter) printf(format string, args ...any) {
	if t.err == nil {
		_, t.err = fmt.Fprintf(t.w, format, args...)
	}
}
