package bot

import (
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/embeds"
	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/briefing/digest"
)

// FuzzRenderDigest: whatever text articles carry, every digest message is
// within Discord's limits as laid out, and nothing in it can ping.
func FuzzRenderDigest(f *testing.F) {
	f.Add("Harbour levy vote delayed", "https://coast.example/levy", "Coast Courier", "Ana Ruiz", "We will not pay twice.", 3)
	f.Add("@everyone look", "https://x.example/(a)?b=<c>", "<@123456789012345678>", "@here", strings.Repeat("word ", 400), 40)
	f.Add("", "javascript:alert(1)", "", "", "", 1)
	f.Add(strings.Repeat("ü\u0301", 300), "https://a.example/"+strings.Repeat("x", 3000), strings.Repeat("*_`|", 50), "[n](u)", "“”", 12)
	f.Fuzz(func(t *testing.T, headline, link, site, name, quote string, n int) {
		n = 1 + abs(n)%60
		start := time.Date(2026, 2, 13, 8, 0, 0, 0, time.UTC)
		d := digest.Digest{PeriodStart: start, PeriodEnd: start.Add(24 * time.Hour), ArticleCount: n, MemberCount: 1}
		for i := range n {
			st := digest.Story{Headline: headline, Members: 1, Update: i%2 == 0, ArticleIDs: []int64{int64(i + 1)}}
			for j := range 1 + i%7 {
				st.Sources = append(st.Sources, digest.Source{ArticleID: int64(i + 1), Title: headline + site, URL: link, Site: site,
					SyndicatedCopies: j, CopySites: []string{site, name}[:min(j, 2)]})
			}
			st.Actors = []briefing.Actor{{Name: name, Role: quote}, {Name: site, Role: headline}}
			st.Positions = []briefing.Position{{Actor: name, Stance: site, Statement: quote}}
			st.Quotes = []digest.StoryQuote{{Quote: briefing.Quote{Text: quote, Speaker: name}, ArticleID: int64(i + 1)}}
			d.Stories = append(d.Stories, st)
		}
		d.Actors = []digest.DigestActor{{Name: name, Role: quote, Stories: n}}
		msgs := renderDigest(d, digestLayout{title: "Digest", late: true, scheduled: d.PeriodEnd, nonce: "bd0123456789abcdef01",
			refBase: channelRef("1", "2"), summaries: map[int64]string{1: quote + headline}})
		if len(msgs) == 0 || len(msgs) > maxDigestMessages {
			t.Fatalf("%d messages", len(msgs))
		}
		for k, m := range msgs {
			if err := embeds.Check(m.content, m.embeds); err != nil {
				t.Fatalf("message %d: %v", k+1, err)
			}
			content, fitted := embeds.FitMessage(m.content, m.embeds)
			if content != m.content || !reflect.DeepEqual(fitted, m.embeds) {
				t.Fatalf("message %d would be cut when sent", k+1)
			}
			for _, text := range messageTexts(m) {
				if pingable.MatchString(text) {
					t.Fatalf("message %d holds pingable text: %q", k+1, text)
				}
			}
			if _, _, ok := readMarker(&discordgo.Message{Content: m.content, Embeds: m.embeds}, "bd0123456789abcdef01"); !ok {
				t.Fatalf("message %d lost its marker", k+1)
			}
		}
	})
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// FuzzZoneInput: whatever a member types, autocomplete stays within
// Discord's limits and a resolved zone is one the scheduler loads.
func FuzzZoneInput(f *testing.F) {
	for _, s := range []string{"", "london", "America/New York", "Local", "../etc", "UTC", "\x00", strings.Repeat("a", 200)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, typed string) {
		choices := completeZone(typed)
		if len(choices) > embeds.MaxChoices {
			t.Fatalf("%d choices", len(choices))
		}
		for _, c := range choices {
			v, _ := c.Value.(string)
			if _, err := resolveZone(v); err != nil {
				t.Fatalf("offered %q, which does not resolve: %v", v, err)
			}
		}
		if z, err := resolveZone(typed); err == nil && z != "" {
			if _, err := time.LoadLocation(z); err != nil {
				t.Fatalf("resolved %q to %q, which does not load", typed, z)
			}
		}
	})
}

// FuzzReadMarker: a message of any text never reads as another digest's part.
func FuzzReadMarker(f *testing.F) {
	f.Add("**[Digest](https://discord.com/channels/1/2?digest=bd0a&part=1&of=2)**", "3 sources · Part 1 of 2 · ref bd0a", "bd0a")
	f.Add("[x](https://discord.com/channels/1/2?digest=bd0a&part=0&of=2)", "Part 0 of 2 · ref bd0a", "bd0a")
	f.Add("?digest=x&part=99999999999999999999&of=1)", "Part 99999999999999999999 of 1 · ref x", "x")
	f.Fuzz(func(t *testing.T, content, footer, nonce string) {
		m := &discordgo.Message{Content: content, Embeds: []*discordgo.MessageEmbed{{Footer: &discordgo.MessageEmbedFooter{Text: footer}}}}
		k, n, ok := readMarker(m, nonce)
		if !ok {
			return
		}
		inContent := strings.Contains(content, "digest="+url.QueryEscape(nonce)+"&") || strings.Contains(content, "digest=")
		if k < 1 || k > n || !(inContent || strings.HasSuffix(footer, "ref "+nonce)) {
			t.Fatalf("content %q footer %q nonce %q read as part %d of %d", content, footer, nonce, k, n)
		}
	})
}
