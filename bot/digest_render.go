package bot

import (
	"fmt"
	"io"
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
// (WriteDigestText). Both show the same selection of each story, planned by
// planStory, so `briefbot digest` prints what the bot would post.
//
// Discord's limits are enforced by package embeds when a message is sent;
// the layout here only makes sure that nothing needs cutting then: embeds
// are sized and packed so that every message is already within the limits,
// and text is only ever shortened by whole lines or by embeds.Truncate,
// which ends on a word.

// What a digest shows of each story, and how much room it takes.
const (
	digestStoryActors    = 6
	digestStoryPositions = 4
	digestStoryQuotes    = 3
	digestQuoteText      = 280
	digestStatementText  = 240
	digestRoleText       = 80
	digestSiteText       = 60
	digestCopySites      = 3
	digestActors         = 12
	// digestSourcesRoom is the part of a story embed's description given to
	// its sources; the rest go to "More sources" embeds after it.
	digestSourcesRoom = 1800
	// digestActorsRoom bounds the digest-wide actors embed.
	digestActorsRoom = 2000
	// digestLinkRoom: a markdown link longer than this (a tracking-laden
	// address) is shown as its text only, so it cannot crowd out a story.
	digestLinkRoom = 1200
	// compactLinkRoom is the same for the one-line overflow list.
	compactLinkRoom = 400
	// maxDigestMessages bounds one digest; stories that do not fit in full
	// are listed one line each in the last message.
	maxDigestMessages = 10
	// compactLineRoom bounds one line of that list.
	compactLineRoom = 800
	// markerRoom is kept free in every message for the footer marker.
	markerRoom  = 64
	digestColor = 0x2F855A
	// digestTimeLayout shows a period's ends in the server's zone.
	digestTimeLayout = "Mon 2 Jan 15:04"
)

// digestLayout says how one digest is presented.
type digestLayout struct {
	// title heads the first embed: "Digest", "Digest preview".
	title string
	// loc is the server's time zone; nil = UTC.
	loc *time.Location
	// late, scheduled and attempt say why and how late a scheduled digest
	// is (schedule.PostOptions).
	late      bool
	scheduled time.Time
	attempt   int
	// nonce marks every message in its footer so the digest can be found
	// in the channel again (digestPoster.FindPosted); "" for previews.
	nonce string
	// empty: post the one-line "nothing was shared" note.
	empty bool
}

func (l digestLayout) zone() *time.Location {
	if l.loc == nil {
		return time.UTC
	}
	return l.loc
}

// storyPlan is what a digest shows of one story.
type storyPlan struct {
	headline  string
	link      string
	update    bool
	sources   []digest.Source
	actors    []briefing.Actor
	positions []briefing.Position
	quotes    []plannedQuote
	members   int
	articles  int
}

type plannedQuote struct {
	text, speaker, site string
}

// planStory picks what a story shows: its headline and main link, every
// source, and the first (strongest) actors, positions and quotes, as
// digest.Build ranked them.
func planStory(st digest.Story) storyPlan {
	p := storyPlan{
		update:   st.Update,
		sources:  st.Sources,
		members:  st.Members,
		articles: len(st.ArticleIDs),
	}
	p.headline, p.link = storyHeadline(st)
	sites := make(map[int64]string, len(st.Sources))
	for _, src := range st.Sources {
		sites[src.ArticleID] = flat(src.Site)
	}
	for _, a := range st.Actors {
		if len(p.actors) == digestStoryActors {
			break
		}
		if flat(a.Name) != "" {
			p.actors = append(p.actors, a)
		}
	}
	for _, pos := range st.Positions {
		if len(p.positions) == digestStoryPositions {
			break
		}
		if strings.TrimSpace(pos.Statement) != "" {
			p.positions = append(p.positions, pos)
		}
	}
	for _, q := range st.Quotes {
		if len(p.quotes) == digestStoryQuotes {
			break
		}
		if text := strings.TrimRight(strings.Trim(flat(q.Text), "\"“”„ "), ",;: "); text != "" {
			p.quotes = append(p.quotes, plannedQuote{text: text, speaker: flat(q.Speaker), site: sites[q.ArticleID]})
		}
	}
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

// periodText is a digest's period in the server's zone.
func periodText(d digest.Digest, loc *time.Location) string {
	end := d.PeriodEnd.In(loc).Format(digestTimeLayout)
	if d.PeriodStart.IsZero() {
		return "until " + end + " (" + loc.String() + ")"
	}
	return "from " + d.PeriodStart.In(loc).Format(digestTimeLayout) + " to " + end + " (" + loc.String() + ")"
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
	if l.late && !l.scheduled.IsZero() {
		at := "<t:" + strconv.FormatInt(l.scheduled.Unix(), 10) + ":t>"
		if l.attempt > 1 {
			lines = append(lines, "Posted late: posting it at "+at+" failed, and this is a retry.")
		} else {
			lines = append(lines, "Posted late: the bot was offline at "+at+".")
		}
	}
	return lines
}

// renderDigest lays a digest out as messages, each within Discord's limits
// as it is: a header (period in the server's zone, counts, a late note),
// the actors across the digest, then one embed per story. An empty digest
// is nothing, or the one-line note when l.empty.
func renderDigest(d digest.Digest, l digestLayout) []reply {
	if len(d.Stories) == 0 {
		if !l.empty {
			return nil
		}
		note := &discordgo.MessageEmbed{
			Title:       l.title,
			Description: "Nothing new was shared here " + periodText(d, l.zone()) + ".",
			Color:       digestColor,
		}
		return markMessages([]reply{{embeds: []*discordgo.MessageEmbed{embeds.Fit(note)}}}, l.nonce)
	}
	p := &packer{room: embeds.MaxTotal - markerRoom}
	title := l.title
	if !d.PeriodEnd.IsZero() {
		title += " · " + d.PeriodEnd.In(l.zone()).Format("Mon 2 Jan")
	}
	p.add(&discordgo.MessageEmbed{
		Title:       title,
		Description: strings.Join(headerLines(d, l), "\n"),
		Color:       digestColor,
	})
	if e := actorsEmbed(d.Actors); e != nil {
		p.add(e)
	}
	n := len(d.Stories)
	for i, st := range d.Stories {
		plan := planStory(st)
		es := storyEmbeds(plan, i+1, n)
		if !p.fitsWithin(es, maxDigestMessages-1) {
			// The last message lists the rest, one line each.
			p.addCompact(d.Stories[i:], i+1)
			break
		}
		for _, e := range es {
			p.add(e)
		}
	}
	return markMessages(p.msgs, l.nonce)
}

// storyEmbeds shows story i of n: headline linking to the main source,
// every source with its site, key actors, positions and quotes. Sources
// beyond the embed's share spill into "More sources" embeds after it.
func storyEmbeds(p storyPlan, i, n int) []*discordgo.MessageEmbed {
	author := fmt.Sprintf("Story %d of %d", i, n)
	if p.update {
		author += " · Update to a story from the last digest"
	}
	lines := make([]string, 0, len(p.sources))
	for _, src := range p.sources {
		lines = append(lines, sourceLine(src))
	}
	desc, rest := takeLines(lines, digestSourcesRoom)
	e := &discordgo.MessageEmbed{
		Title:       flat(p.headline),
		URL:         p.link,
		Author:      &discordgo.MessageEmbedAuthor{Name: author},
		Description: desc,
		Color:       digestColor,
		Footer:      &discordgo.MessageEmbedFooter{Text: storyFooter(p)},
	}
	if v := storyActorLines(p); len(v) > 0 {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Key actors", Value: joinWhole(v, embeds.MaxFieldValue)})
	}
	if v := storyPositionLines(p); len(v) > 0 {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Positions", Value: joinWhole(v, embeds.MaxFieldValue)})
	}
	if v := storyQuoteLines(p); len(v) > 0 {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Quotes", Value: joinWhole(v, embeds.MaxFieldValue)})
	}
	out := []*discordgo.MessageEmbed{e}
	for len(rest) > 0 {
		desc, rest = takeLines(rest, embeds.MaxDescription)
		out = append(out, &discordgo.MessageEmbed{
			Title:       embeds.Truncate("More sources: "+flat(p.headline), embeds.MaxTitle),
			URL:         p.link,
			Description: desc,
			Color:       digestColor,
		})
	}
	return out
}

func storyFooter(p storyPlan) string {
	s := countText(len(p.sources), "source", "sources")
	if p.articles > len(p.sources) {
		s += " (" + countText(p.articles, "article", "articles") + ")"
	}
	if p.members > 0 {
		s += " · shared by " + countText(p.members, "member", "members")
	}
	return s
}

// sourceLine is one source: its title linking to it, its site, the sites
// that ran the same wire copy, and whether the last digest had it.
func sourceLine(src digest.Source) string {
	line := "• " + linkOrText(firstFlat(src.Title, src.Site, src.URL), src.URL, digestLinkRoom)
	if site := flat(src.Site); site != "" {
		line += " — " + md(embeds.Truncate(site, digestSiteText))
	}
	if src.SyndicatedCopies > 0 {
		line += " · " + copiesText(src, md)
	}
	if src.AlreadyPosted {
		line += " · _in the last digest_"
	}
	return line
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

func storyActorLines(p storyPlan) []string {
	lines := make([]string, 0, len(p.actors))
	for _, a := range p.actors {
		line := "**" + md(flat(a.Name)) + "**"
		if role := flat(a.Role); role != "" {
			line += " — " + md(embeds.Truncate(role, digestRoleText))
		}
		lines = append(lines, line)
	}
	return lines
}

func storyPositionLines(p storyPlan) []string {
	lines := make([]string, 0, len(p.positions))
	for _, pos := range p.positions {
		line := ""
		if actor := flat(pos.Actor); actor != "" {
			line = "**" + md(actor) + "**"
			if stance := flat(pos.Stance); stance != "" {
				line += " " + md(stance)
			}
			line += ": "
		}
		lines = append(lines, line+md(embeds.Truncate(flat(pos.Statement), digestStatementText)))
	}
	return lines
}

func storyQuoteLines(p storyPlan) []string {
	lines := make([]string, 0, len(p.quotes))
	for _, q := range p.quotes {
		line := "“" + md(embeds.Truncate(q.text, digestQuoteText)) + "”"
		if q.speaker != "" {
			line += " — **" + md(q.speaker) + "**"
		}
		if q.site != "" {
			line += " · _" + md(embeds.Truncate(q.site, digestSiteText)) + "_"
		}
		lines = append(lines, line)
	}
	return lines
}

// actorsEmbed lists the actors across the whole digest; nil if none.
func actorsEmbed(actors []digest.DigestActor) *discordgo.MessageEmbed {
	var lines []string
	for _, a := range actors {
		name := flat(a.Name)
		if name == "" {
			continue
		}
		line := "**" + md(name) + "**"
		if role := flat(a.Role); role != "" {
			line += " — " + md(embeds.Truncate(role, digestRoleText))
		}
		if a.Stories > 1 {
			line += " · " + countText(a.Stories, "story", "stories")
		}
		lines = append(lines, line)
		if len(lines) == digestActors {
			break
		}
	}
	if len(lines) == 0 {
		return nil
	}
	return &discordgo.MessageEmbed{Title: "Who was in the news", Description: joinWhole(lines, digestActorsRoom), Color: digestColor}
}

// compactLine is one story of the overflow list: headline linking to the
// main source, then the other sources as site links while the line has room.
func compactLine(st digest.Story, i int) string {
	headline, link := storyHeadline(st)
	line := strconv.Itoa(i) + ". " + linkOrText(headline, link, compactLinkRoom)
	if len(st.Sources) > 0 {
		if site := flat(st.Sources[0].Site); site != "" {
			line += " — " + md(embeds.Truncate(site, digestSiteText))
		}
	}
	for k, src := range st.Sources[min(1, len(st.Sources)):] {
		link := " · " + mdLink(embeds.Truncate(firstFlat(src.Site, "source"), digestSiteText), src.URL)
		if embeds.Len(link) > compactLinkRoom || embeds.Len(line)+embeds.Len(link) > compactLineRoom-20 {
			line += fmt.Sprintf(" · +%d more", len(st.Sources)-1-k)
			break
		}
		line += link
	}
	return line
}

// takeLines keeps whole lines while they fit in room and returns the rest.
// Lengths are counted with mentions already broken, as Discord will get
// them. A first line longer than room on its own (this file makes none) is
// shortened rather than lost.
func takeLines(lines []string, room int) (string, []string) {
	var b strings.Builder
	used := 0
	for i, line := range lines {
		line = embeds.NoPing(line)
		sep := 0
		if i > 0 {
			sep = 1
		}
		l := embeds.Len(line)
		if used+sep+l > room {
			if i == 0 {
				return embeds.Truncate(line, room), lines[1:]
			}
			return b.String(), lines[i:]
		}
		if sep == 1 {
			b.WriteByte('\n')
		}
		b.WriteString(line)
		used += sep + l
	}
	return b.String(), nil
}

// joinWhole joins the lines that fit in room, whole.
func joinWhole(lines []string, room int) string {
	s, _ := takeLines(lines, room)
	return s
}

// packer fills messages with embeds in order, starting a new message when
// the next embed would break the embed count or the total length.
type packer struct {
	room  int
	msgs  []reply
	total int // of the last message
}

func (p *packer) add(e *discordgo.MessageEmbed) {
	e = embeds.Fit(e) // count what Discord will count: mentions broken, fields checked
	n := embeds.Total(e)
	if len(p.msgs) == 0 || len(p.msgs[len(p.msgs)-1].embeds) == embeds.MaxEmbeds || p.total+n > p.room {
		p.msgs = append(p.msgs, reply{})
		p.total = 0
	}
	last := &p.msgs[len(p.msgs)-1]
	last.embeds = append(last.embeds, e)
	p.total += n
}

// fitsWithin reports whether adding es leaves at most maxMsgs messages.
func (p *packer) fitsWithin(es []*discordgo.MessageEmbed, maxMsgs int) bool {
	msgs, count, total := len(p.msgs), 0, p.total
	if msgs > 0 {
		count = len(p.msgs[msgs-1].embeds)
	}
	for _, e := range es {
		n := embeds.Total(embeds.Fit(e))
		if msgs == 0 || count == embeds.MaxEmbeds || total+n > p.room {
			msgs, count, total = msgs+1, 0, 0
		}
		count++
		total += n
	}
	return msgs <= maxMsgs
}

// addCompact lists stories (numbered from first) one line each in "More
// stories" embeds of one last message; what does not fit is counted. Lines
// are made only while there is room for them.
func (p *packer) addCompact(stories []digest.Story, first int) {
	p.msgs = append(p.msgs, reply{})
	p.total = 0
	const tail = 120 // room for the "and N more" line
	next := 0
	var pending string // made but not yet placed
	for next < len(stories) || pending != "" {
		room := min(embeds.MaxDescription, p.room-p.total-len("More stories")-tail)
		if room < compactLineRoom || len(p.msgs[len(p.msgs)-1].embeds) == embeds.MaxEmbeds-1 {
			break
		}
		var lines []string
		used := 0
		for {
			if pending == "" {
				if next == len(stories) {
					break
				}
				pending = embeds.NoPing(compactLine(stories[next], first+next))
				next++
			}
			l := embeds.Len(pending) + min(used, 1)
			if used+l > room {
				break
			}
			lines = append(lines, pending)
			used += l
			pending = ""
		}
		if len(lines) == 0 {
			break
		}
		p.add(&discordgo.MessageEmbed{Title: "More stories", Description: strings.Join(lines, "\n"), Color: digestColor})
	}
	if left := len(stories) - next + boolRank(pending != ""); left > 0 {
		p.add(&discordgo.MessageEmbed{
			Description: fmt.Sprintf("…and %s that did not fit here: /articles lists every article shared here.", countText(left, "more story", "more stories")),
			Color:       digestColor,
		})
	}
}

// markerPattern reads the footer marker markMessages writes.
var markerPattern = regexp.MustCompile(`(?:Part (\d+) of (\d+) · )?ref (\S+)$`)

// markMessages ends the first embed's footer of each message with the
// digest's marker: "ref <nonce>", with "Part k of n" before it when the
// digest takes several messages (and that alone for previews).
func markMessages(msgs []reply, nonce string) []reply {
	n := len(msgs)
	for k := range msgs {
		marker := ""
		if n > 1 {
			marker = fmt.Sprintf("Part %d of %d", k+1, n)
		}
		if nonce != "" {
			if marker != "" {
				marker += " · "
			}
			marker += "ref " + nonce
		}
		if marker == "" || len(msgs[k].embeds) == 0 {
			continue
		}
		e := msgs[k].embeds[0]
		if e.Footer != nil && e.Footer.Text != "" {
			marker = e.Footer.Text + " · " + marker
		}
		e.Footer = &discordgo.MessageEmbedFooter{Text: marker}
	}
	return msgs
}

// readMarker finds the marker of the digest with nonce in a message:
// part k of n (1 of 1 for a single message).
func readMarker(m *discordgo.Message, nonce string) (k, n int, ok bool) {
	for _, e := range m.Embeds {
		if e == nil || e.Footer == nil {
			continue
		}
		sub := markerPattern.FindStringSubmatch(e.Footer.Text)
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
// zone loc (nil = UTC), showing what the bot would post: the header, every
// story with its sources, key actors, positions and quotes, and the actors
// across the digest.
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
		p := planStory(st)
		mark := ""
		if p.update {
			mark = " (update)"
		}
		tw.printf("\n%d. %s%s\n", i+1, p.headline, mark)
		tw.printf("   %s\n", storyFooter(p))
		for _, src := range p.sources {
			line := "   - " + firstFlat(src.Title, src.URL)
			if site := flat(src.Site); site != "" {
				line += " — " + site
			}
			if src.SyndicatedCopies > 0 {
				line += " (" + copiesText(src, func(s string) string { return s }) + ")"
			}
			if src.AlreadyPosted {
				line += " (in the last digest)"
			}
			tw.printf("%s\n     %s\n", line, src.URL)
		}
		if len(p.actors) > 0 {
			names := make([]string, 0, len(p.actors))
			for _, a := range p.actors {
				name := flat(a.Name)
				if role := flat(a.Role); role != "" {
					name += " (" + embeds.Truncate(role, digestRoleText) + ")"
				}
				names = append(names, name)
			}
			tw.printf("   Key actors: %s\n", strings.Join(names, "; "))
		}
		for _, pos := range p.positions {
			who := flat(pos.Actor)
			if st := flat(pos.Stance); who != "" && st != "" {
				who += " " + st
			}
			if who != "" {
				who += ": "
			}
			tw.printf("   %s%s\n", who, embeds.Truncate(flat(pos.Statement), digestStatementText))
		}
		for _, q := range p.quotes {
			line := "   “" + embeds.Truncate(q.text, digestQuoteText) + "”"
			if q.speaker != "" {
				line += " — " + q.speaker
			}
			if q.site != "" {
				line += " (" + q.site + ")"
			}
			tw.printf("%s\n", line)
		}
	}
	var names []string
	for _, a := range d.Actors {
		if name := flat(a.Name); name != "" && len(names) < digestActors {
			names = append(names, fmt.Sprintf("%s (%s)", name, countText(a.Stories, "story", "stories")))
		}
	}
	if len(names) > 0 {
		tw.printf("\nWho was in the news: %s\n", strings.Join(names, ", "))
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
