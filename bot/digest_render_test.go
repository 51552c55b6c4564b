package bot

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/embeds"
	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/briefing/digest"
)

// digestWords is the vocabulary of the synthetic digests: every word a
// rendered text can end on before an ellipsis must be one of them, whole.
var digestWords = strings.Fields(`harbour council ferry levy strike union minister river drought
	rail workers mayor pier budget vote tariff fishermen season coast court appeal
	reservoir farmers pumps shortage timetable station commuters dispute negotiators
	offer deadline protest statement spokesperson committee hearing inquiry report`)

// wordsText is n words from the vocabulary, chosen by r.
func wordsText(r *rand.Rand, n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = digestWords[r.IntN(len(digestWords))]
	}
	return strings.Join(w, " ")
}

// longDigest is a digest of many stories, each far too long for one embed,
// whose texts carry mentions that must not ping.
func longDigest(stories, sourcesPer int) digest.Digest {
	r := rand.New(rand.NewPCG(1, 2))
	start := time.Date(2026, 2, 13, 13, 0, 0, 0, time.UTC)
	d := digest.Digest{PeriodStart: start, PeriodEnd: start.Add(24 * time.Hour), MemberCount: 7, Omitted: 2}
	id := int64(1)
	for s := range stories {
		st := digest.Story{
			Key:      fmt.Sprintf("a%d", id),
			Headline: "@everyone " + wordsText(r, 70),
			Members:  3,
			Update:   s%3 == 0,
		}
		for j := range sourcesPer {
			st.Sources = append(st.Sources, digest.Source{
				ArticleID:        id,
				Title:            wordsText(r, 40),
				URL:              fmt.Sprintf("https://news%d.example/%d/%s", j, id, strings.ReplaceAll(wordsText(r, 20), " ", "-")),
				Site:             "Coast Courier " + wordsText(r, 12),
				SyndicatedCopies: j % 3,
				CopySites:        []string{"Wire One", "Wire Two", "<@123456789012345678>"}[:j%3],
				AlreadyPosted:    j == 1,
			})
			st.ArticleIDs = append(st.ArticleIDs, id)
			id++
		}
		for a := range 10 {
			st.Actors = append(st.Actors, briefing.Actor{
				Name: fmt.Sprintf("<@%d> %s", 100000000000000000+a, wordsText(r, 3)), Kind: briefing.KindPerson,
				Role: wordsText(r, 30), Key: true, Mentions: 10 - a,
			})
			st.Positions = append(st.Positions, briefing.Position{Actor: wordsText(r, 2), Stance: "demands", Statement: "@here " + wordsText(r, 120)})
			st.Quotes = append(st.Quotes, digest.StoryQuote{
				Quote:     briefing.Quote{Text: "“" + wordsText(r, 160) + " @everyone”", Speaker: wordsText(r, 2), Direct: true},
				ArticleID: st.Sources[a%sourcesPer].ArticleID,
			})
		}
		d.Stories = append(d.Stories, st)
		d.ArticleCount += len(st.ArticleIDs)
	}
	for a := range 30 {
		d.Actors = append(d.Actors, digest.DigestActor{Name: "@here " + wordsText(r, 3), Kind: briefing.KindPerson, Role: wordsText(r, 20), Stories: 30 - a})
	}
	return d
}

// messageTexts is every text of a message a member could read.
func messageTexts(r reply) []string {
	out := []string{r.content}
	for _, e := range r.embeds {
		out = append(out, e.Title, e.Description, e.URL)
		if e.Author != nil {
			out = append(out, e.Author.Name)
		}
		if e.Footer != nil {
			out = append(out, e.Footer.Text)
		}
		for _, f := range e.Fields {
			out = append(out, f.Name, f.Value)
		}
	}
	return out
}

var pingable = regexp.MustCompile(`@(everyone|here)|<@[!&]?\d`)

// checkDigestMessages asserts what every rendered digest must hold: within
// every limit exactly as laid out (so sending cuts nothing), no pingable
// text, and no word cut in half.
func checkDigestMessages(t *testing.T, msgs []reply) {
	t.Helper()
	vocab := map[string]bool{}
	for _, w := range digestWords {
		vocab[w] = true
	}
	for k, m := range msgs {
		if err := embeds.Check(m.content, m.embeds); err != nil {
			t.Errorf("message %d breaks a limit: %v", k+1, err)
		}
		content, fitted := embeds.FitMessage(m.content, m.embeds)
		if content != m.content || !reflect.DeepEqual(fitted, m.embeds) {
			t.Errorf("message %d would be cut when sent: the layout must fit it already", k+1)
		}
		for _, text := range messageTexts(m) {
			if loc := pingable.FindStringIndex(text); loc != nil {
				t.Errorf("message %d holds pingable text %q", k+1, text[loc[0]:min(len(text), loc[1]+10)])
			}
			for rest := text; ; {
				i := strings.Index(rest, embeds.Ellipsis)
				if i < 0 {
					break
				}
				before := strings.TrimRightFunc(rest[:i], func(r rune) bool { return !unicode.IsLetter(r) })
				word := before[strings.LastIndexFunc(before, func(r rune) bool { return !unicode.IsLetter(r) })+1:]
				if before != "" && len(before) == len(rest[:i]) && !vocab[word] {
					t.Errorf("message %d cuts a word: …%q%s", k+1, before[max(0, len(before)-30):], embeds.Ellipsis)
				}
				rest = rest[i+len(embeds.Ellipsis):]
			}
		}
	}
}

func TestRenderLongDigestStaysWithinLimits(t *testing.T) {
	d := longDigest(40, 30)
	const nonce = "bd0123456789abcdef01"
	msgs := renderDigest(d, digestLayout{title: "Digest", loc: time.UTC, late: true, scheduled: d.PeriodEnd, attempt: 1, nonce: nonce,
		refBase: channelRef("1", "2"), cmds: cmdRefs{"articles": "1300000000000000001"}})
	if len(msgs) != maxDigestMessages {
		t.Fatalf("%d messages, want %d", len(msgs), maxDigestMessages)
	}
	checkDigestMessages(t, msgs)
	shown := 0
	for k, m := range msgs {
		got, n, ok := readMarker(&discordgo.Message{Content: m.content, Embeds: m.embeds}, nonce)
		if !ok || got != k+1 || n != len(msgs) {
			t.Errorf("message %d marker reads as part %d of %d (ok %v)", k+1, got, n, ok)
		}
		for _, e := range m.embeds {
			if e.URL != d.Stories[shown].Sources[0].URL {
				t.Errorf("story %d links %q, want its main source", shown+1, e.URL)
			}
			if n := embeds.Total(e); n > digestStoryBudget {
				t.Errorf("story %d takes %d characters, at most %d", shown+1, n, digestStoryBudget)
			}
			shown++
		}
	}
	if shown != maxDigestStories {
		t.Errorf("%d stories shown, want %d", shown, maxDigestStories)
	}
	first, last := msgs[0].content, msgs[len(msgs)-1].content
	for _, want := range []string{
		fmt.Sprintf("<t:%d:f> – <t:%d:f>", d.PeriodStart.Unix(), d.PeriodEnd.Unix()),
		"40 stories from 1200 articles shared by 7 members",
		"2 stories already in the last digest left out",
		"posted late",
	} {
		if !strings.Contains(first, want) {
			t.Errorf("header %q lacks %q", first, want)
		}
	}
	if !strings.Contains(last, "+30 more: </articles:1300000000000000001>") {
		t.Errorf("last message %q does not count the stories left out", last)
	}
	if !strings.HasPrefix(msgs[0].embeds[0].Author.Name, "Update · ") {
		t.Errorf("update not marked: %q", msgs[0].embeds[0].Author.Name)
	}
}

// shortDigest is an ordinary day: three stories, one an update.
func shortDigest() digest.Digest {
	start := time.Date(2026, 2, 13, 13, 0, 0, 0, time.UTC)
	return digest.Digest{
		PeriodStart: start, PeriodEnd: start.Add(24 * time.Hour), ArticleCount: 4, MemberCount: 2,
		Stories: []digest.Story{
			{
				Key: "a1", Headline: "Harbour levy vote delayed", Members: 2, ArticleIDs: []int64{1, 2},
				Sources: []digest.Source{
					{ArticleID: 1, Title: "Harbour levy vote delayed again", URL: "https://coast.example/levy", Site: "Coast Courier"},
					{ArticleID: 2, Title: "Levy: what comes next", URL: "https://bay.example/levy-next", Site: "Bay Times", SyndicatedCopies: 1, CopySites: []string{"Wire One"}},
				},
				Actors:    []briefing.Actor{{Name: "Ana Ruiz", Role: "mayor", Key: true}, {Name: "Fishermen's Union", Key: true}},
				Positions: []briefing.Position{{Actor: "Fishermen's Union", Stance: "rejects", Statement: "the levy as unfair to small boats"}},
				Quotes:    []digest.StoryQuote{{Quote: briefing.Quote{Text: "We will not pay twice for one pier.", Speaker: "Tom Hale"}, ArticleID: 2}},
			},
			{
				Key: "a3", Headline: "River Sable runs low", Members: 1, Update: true, ArticleIDs: []int64{3},
				Sources: []digest.Source{{ArticleID: 3, Title: "River Sable runs low", URL: "https://valley.example/sable", Site: "Valley News"}},
			},
			{
				Key: "a4", Headline: "Rail strike called off", Members: 1, ArticleIDs: []int64{4},
				Sources: []digest.Source{{ArticleID: 4, Title: "Rail strike called off", URL: "https://rail.example/strike", Site: "Rail Daily"}},
			},
		},
		Actors: []digest.DigestActor{{Name: "Ana Ruiz", Role: "mayor", Stories: 2}, {Name: "Tom Hale", Stories: 1}},
	}
}

func TestRenderShortDigest(t *testing.T) {
	d := shortDigest()
	msgs := renderDigest(d, digestLayout{title: "Digest", nonce: "bd00112233445566778899", refBase: channelRef("1", "2"),
		summaries: map[int64]string{1: "The council put off its vote on the harbour levy by a month. Fishermen had filled the hall."}})
	if len(msgs) != 1 {
		t.Fatalf("%d messages, want 1", len(msgs))
	}
	checkDigestMessages(t, msgs)
	head := msgs[0].content
	wantHead := fmt.Sprintf("**[Digest](https://discord.com/channels/1/2?digest=bd00112233445566778899&part=1&of=1)** · <t:%d:f> – <t:%d:f> · 3 stories from 4 articles shared by 2 members",
		d.PeriodStart.Unix(), d.PeriodEnd.Unix())
	if head != wantHead {
		t.Errorf("header\n%s\nwant\n%s", head, wantHead)
	}
	es := msgs[0].embeds
	if len(es) != 3 {
		t.Fatalf("%d embeds, want one per story", len(es))
	}
	s := es[0]
	if s.Title != "Harbour levy vote delayed" || s.URL != "https://coast.example/levy" || s.Author.Name != "Coast Courier" {
		t.Errorf("story embed %q %q %q", s.Title, s.URL, s.Author.Name)
	}
	wantDesc := "The council put off its vote on the harbour levy by a month. Fishermen had filled the hall.\n" +
		"**Fishermen's Union**: the levy as unfair to small boats\n" +
		"> “We will not pay twice for one pier.” — **Tom Hale**\n" +
		"-# Also in [Bay Times](https://bay.example/levy-next) · run by 1 other site as wire copy"
	if s.Description != wantDesc {
		t.Errorf("story:\n%s\nwant\n%s", s.Description, wantDesc)
	}
	if s.Footer == nil || s.Footer.Text != "shared by 2 members" {
		t.Errorf("story footer %+v", s.Footer)
	}
	if es[1].Author.Name != "Update · Valley News" || es[1].Footer != nil {
		t.Errorf("update marker missing or a footer with nothing to say: %q %+v", es[1].Author.Name, es[1].Footer)
	}
}

func TestRenderEmptyDigest(t *testing.T) {
	start := time.Date(2026, 2, 13, 8, 0, 0, 0, time.UTC)
	d := digest.Digest{PeriodStart: start, PeriodEnd: start.Add(24 * time.Hour)}
	if msgs := renderDigest(d, digestLayout{title: "Digest", nonce: "bd01"}); msgs != nil {
		t.Errorf("an empty digest without the empty option rendered %d messages", len(msgs))
	}
	msgs := renderDigest(d, digestLayout{title: "Digest", nonce: "bd01", refBase: channelRef("1", "2"), empty: true})
	if len(msgs) != 1 || len(msgs[0].embeds) != 0 {
		t.Fatalf("empty note: %+v", msgs)
	}
	want := fmt.Sprintf(" · nothing new was shared here <t:%d:f> – <t:%d:f>.", start.Unix(), d.PeriodEnd.Unix())
	if c := msgs[0].content; !strings.HasSuffix(c, want) || strings.Contains(c, "\n") {
		t.Errorf("empty note %q, want one line ending %q", c, want)
	}
	if k, n, ok := readMarker(&discordgo.Message{Content: msgs[0].content}, "bd01"); !ok || k != 1 || n != 1 {
		t.Errorf("empty note not marked: %q", msgs[0].content)
	}
}

func TestRenderLateRetry(t *testing.T) {
	d := shortDigest()
	msgs := renderDigest(d, digestLayout{title: "Digest", late: true, scheduled: d.PeriodEnd, attempt: 3})
	if want := "\n-# posted late: the bot was offline or could not post when it was due"; !strings.HasSuffix(msgs[0].content, want) {
		t.Errorf("header %q lacks %q", msgs[0].content, want)
	}
}

func TestReadMarkerIgnoresOtherDigests(t *testing.T) {
	l := digestLayout{nonce: "bd0a", refBase: channelRef("1", "2")}
	m := &discordgo.Message{Content: markerLink("Digest", l, 2, 3) + " · continued"}
	if k, n, ok := readMarker(m, "bd0a"); !ok || k != 2 || n != 3 {
		t.Errorf("readMarker = %d of %d (%v), want 2 of 3", k, n, ok)
	}
	for _, tc := range []struct {
		nonce string
		ok    bool
	}{{"bd0a", true}, {"bd0", false}, {"bd0ab", false}} {
		if _, _, ok := readMarker(m, tc.nonce); ok != tc.ok {
			t.Errorf("readMarker(%q) = %v, want %v", tc.nonce, ok, tc.ok)
		}
	}
	// Digests posted by earlier versions carried the marker in a footer.
	legacy := &discordgo.Message{Embeds: []*discordgo.MessageEmbed{{Footer: &discordgo.MessageEmbedFooter{Text: "3 sources · Part 1 of 2 · ref bd0a"}}}}
	if k, n, ok := readMarker(legacy, "bd0a"); !ok || k != 1 || n != 2 {
		t.Errorf("legacy marker read as %d of %d (%v)", k, n, ok)
	}
}

func TestWriteDigestText(t *testing.T) {
	var b strings.Builder
	if err := WriteDigestText(&b, shortDigest(), nil); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"Digest from Fri 13 Feb 13:00 to Sat 14 Feb 13:00 (UTC)\n4 articles from 2 members, in 3 stories.\n",
		"\n1. Harbour levy vote delayed\n   - Coast Courier: https://coast.example/levy\n",
		"   - Bay Times (also in Wire One): https://bay.example/levy-next\n",
		"   Fishermen's Union: the levy as unfair to small boats\n",
		"   “We will not pay twice for one pier.” — Tom Hale\n",
		"\n2. River Sable runs low (update)\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text lacks %q:\n%s", want, out)
		}
	}
	b.Reset()
	if err := WriteDigestText(&b, digest.Digest{PeriodEnd: time.Date(2026, 2, 14, 8, 0, 0, 0, time.UTC)}, nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "0 articles") || !strings.Contains(b.String(), "Nothing was shared") {
		t.Errorf("empty digest text %q", b.String())
	}
}

func TestFlatMatchesOneLine(t *testing.T) {
	for _, s := range []string{"", " ", "a", "a b", " a", "a ", "a  b", "a\tb", "a\nb", "“quoted” — here", "a\u00a0b", "a\u2003 b", "end\u2028", "x\xffy"} {
		if got, want := flat(s), oneLine(s); got != want {
			t.Errorf("flat(%q) = %q, oneLine gives %q", s, got, want)
		}
	}
}
