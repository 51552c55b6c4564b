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
	msgs := renderDigest(d, digestLayout{title: "Digest", loc: time.UTC, late: true, scheduled: d.PeriodEnd, attempt: 1, nonce: nonce})
	if len(msgs) == 0 || len(msgs) > maxDigestMessages {
		t.Fatalf("%d messages, want 1 to %d", len(msgs), maxDigestMessages)
	}
	checkDigestMessages(t, msgs)

	all := strings.Builder{}
	full := map[int]bool{}
	for k, m := range msgs {
		got, n, ok := readMarker(&discordgo.Message{Embeds: m.embeds}, nonce)
		if !ok || got != k+1 || n != len(msgs) {
			t.Errorf("message %d marker reads as part %d of %d (ok %v)", k+1, got, n, ok)
		}
		for _, text := range messageTexts(m) {
			all.WriteString(text + "\n")
		}
		for _, e := range m.embeds {
			if e.Author != nil {
				var i, of int
				if _, err := fmt.Sscanf(e.Author.Name, "Story %d of %d", &i, &of); err == nil {
					full[i-1] = true
				}
			}
		}
	}
	text := all.String()
	if len(full) == 0 || len(full) == len(d.Stories) {
		t.Fatalf("%d of %d stories shown in full; this digest is too long for all, and the first must be", len(full), len(d.Stories))
	}
	// Stories shown in full link every one of their sources; the rest are
	// listed by headline or counted.
	listed := 0
	for i, st := range d.Stories {
		if full[i] {
			for _, src := range st.Sources {
				if !strings.Contains(text, src.URL) {
					t.Errorf("story %d: source %s not linked", i+1, src.URL)
				}
			}
			continue
		}
		if strings.Contains(text, fmt.Sprintf("\n%d. [", i+1)) || strings.HasPrefix(text, fmt.Sprintf("%d. [", i+1)) {
			listed++
		}
	}
	var more int
	if m := regexp.MustCompile(`…and (\d+) more stor`).FindStringSubmatch(text); m != nil {
		fmt.Sscan(m[1], &more)
	}
	if len(full)+listed+more != len(d.Stories) {
		t.Errorf("%d in full + %d listed + %d counted, want all %d stories accounted for", len(full), listed, more, len(d.Stories))
	}
	for _, want := range []string{
		"from Fri 13 Feb 13:00 to Sat 14 Feb 13:00 (UTC)",
		"1200 articles from 7 members, in 40 stories.",
		"2 stories already in the last digest left out.",
		fmt.Sprintf("Posted late: the bot was offline at <t:%d:t>.", d.PeriodEnd.Unix()),
		"Update to a story from the last digest",
		"_in the last digest_",
		"also in Wire One",
		"Who was in the news",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("digest lacks %q", want)
		}
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
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	msgs := renderDigest(d, digestLayout{title: "Digest", loc: ny, nonce: "bd00112233445566778899"})
	if len(msgs) != 1 {
		t.Fatalf("%d messages, want 1", len(msgs))
	}
	checkDigestMessages(t, msgs)
	es := msgs[0].embeds
	if len(es) != 5 {
		t.Fatalf("%d embeds, want header, actors and 3 stories", len(es))
	}
	h := es[0]
	if h.Title != "Digest · Sat 14 Feb" || !strings.Contains(h.Description, "from Fri 13 Feb 08:00 to Sat 14 Feb 08:00 (America/New_York)") ||
		!strings.Contains(h.Description, "4 articles from 2 members, in 3 stories.") || strings.Contains(h.Description, "late") {
		t.Errorf("header %q / %q", h.Title, h.Description)
	}
	if h.Footer == nil || h.Footer.Text != "ref bd00112233445566778899" {
		t.Errorf("header footer %+v, want the marker alone", h.Footer)
	}
	if !strings.Contains(es[1].Description, "**Ana Ruiz** — mayor · 2 stories") {
		t.Errorf("actors embed %q", es[1].Description)
	}
	s := es[2]
	if s.Title != "Harbour levy vote delayed" || s.URL != "https://coast.example/levy" || s.Author.Name != "Story 1 of 3" {
		t.Errorf("story embed %q %q %q", s.Title, s.URL, s.Author.Name)
	}
	wantDesc := "• [Harbour levy vote delayed again](https://coast.example/levy) — Coast Courier\n" +
		"• [Levy: what comes next](https://bay.example/levy-next) — Bay Times · also in Wire One"
	if s.Description != wantDesc {
		t.Errorf("sources:\n%s\nwant\n%s", s.Description, wantDesc)
	}
	fields := map[string]string{}
	for _, f := range s.Fields {
		fields[f.Name] = f.Value
	}
	want := map[string]string{
		"Key actors": "**Ana Ruiz** — mayor\n**Fishermen's Union**",
		"Positions":  "**Fishermen's Union** rejects: the levy as unfair to small boats",
		"Quotes":     "“We will not pay twice for one pier.” — **Tom Hale** · _Bay Times_",
	}
	if !reflect.DeepEqual(fields, want) {
		t.Errorf("fields %q, want %q", fields, want)
	}
	if s.Footer.Text != "2 sources · shared by 2 members" {
		t.Errorf("story footer %q", s.Footer.Text)
	}
	if es[3].Author.Name != "Story 2 of 3 · Update to a story from the last digest" {
		t.Errorf("update marker missing: %q", es[3].Author.Name)
	}
}

func TestRenderEmptyDigest(t *testing.T) {
	start := time.Date(2026, 2, 13, 8, 0, 0, 0, time.UTC)
	d := digest.Digest{PeriodStart: start, PeriodEnd: start.Add(24 * time.Hour)}
	if msgs := renderDigest(d, digestLayout{title: "Digest", nonce: "bd01"}); msgs != nil {
		t.Errorf("an empty digest without the empty option rendered %d messages", len(msgs))
	}
	msgs := renderDigest(d, digestLayout{title: "Digest", nonce: "bd01", empty: true})
	if len(msgs) != 1 || len(msgs[0].embeds) != 1 {
		t.Fatalf("empty note: %+v", msgs)
	}
	e := msgs[0].embeds[0]
	if e.Description != "Nothing new was shared here from Fri 13 Feb 08:00 to Sat 14 Feb 08:00 (UTC)." || strings.Contains(e.Description, "\n") {
		t.Errorf("empty note %q, want one line", e.Description)
	}
	if k, n, ok := readMarker(&discordgo.Message{Embeds: msgs[0].embeds}, "bd01"); !ok || k != 1 || n != 1 {
		t.Errorf("empty note not marked: %+v", e.Footer)
	}
}

func TestRenderLateRetry(t *testing.T) {
	d := shortDigest()
	msgs := renderDigest(d, digestLayout{title: "Digest", late: true, scheduled: d.PeriodEnd, attempt: 3})
	want := fmt.Sprintf("Posted late: posting it at <t:%d:t> failed, and this is a retry.", d.PeriodEnd.Unix())
	if !strings.Contains(msgs[0].embeds[0].Description, want) {
		t.Errorf("header %q lacks %q", msgs[0].embeds[0].Description, want)
	}
}

func TestReadMarkerIgnoresOtherDigests(t *testing.T) {
	msgs := markMessages([]reply{{embeds: []*discordgo.MessageEmbed{{Title: "a", Footer: &discordgo.MessageEmbedFooter{Text: "3 sources"}}}}, {embeds: []*discordgo.MessageEmbed{{Title: "b"}}}}, "bd0a")
	if got := msgs[0].embeds[0].Footer.Text; got != "3 sources · Part 1 of 2 · ref bd0a" {
		t.Errorf("footer %q", got)
	}
	for _, tc := range []struct {
		nonce string
		ok    bool
	}{{"bd0a", true}, {"bd0", false}, {"bd0ab", false}} {
		if _, _, ok := readMarker(&discordgo.Message{Embeds: msgs[1].embeds}, tc.nonce); ok != tc.ok {
			t.Errorf("readMarker(%q) = %v, want %v", tc.nonce, ok, tc.ok)
		}
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
		"\n1. Harbour levy vote delayed\n   2 sources · shared by 2 members\n",
		"   - Levy: what comes next — Bay Times (also in Wire One)\n     https://bay.example/levy-next\n",
		"   Key actors: Ana Ruiz (mayor); Fishermen's Union\n",
		"   Fishermen's Union rejects: the levy as unfair to small boats\n",
		"   “We will not pay twice for one pier.” — Tom Hale (Bay Times)\n",
		"\n2. River Sable runs low (update)\n",
		"\nWho was in the news: Ana Ruiz (2 stories), Tom Hale (1 story)\n",
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
