package bot

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/embeds"
	"github.com/briefbot/briefbot/bot/schedule"
	"github.com/briefbot/briefbot/briefing/fetch"
	"github.com/briefbot/briefbot/storage"
)

var update = flag.Bool("update", false, "rewrite the golden payloads in testdata/render")

// payload is one message as Discord receives it, as the golden files and
// the screenshot page read it.
type payload struct {
	Content    string                       `json:"content,omitempty"`
	Embeds     []*discordgo.MessageEmbed    `json:"embeds,omitempty"`
	Components []discordgo.MessageComponent `json:"components,omitempty"`
	Ephemeral  bool                         `json:"ephemeral,omitempty"`
	ReplyTo    string                       `json:"reply_to,omitempty"`
}

const (
	goldenNonce   = "bd7aec10f00dfeed0001"
	goldenGuild   = "1000000000000000001"
	goldenChannel = "1000000000000000300"
)

var goldenCmds = cmdRefs{"articles": "1300000000000000001", "brief": "1300000000000000002", "digest": "1300000000000000003"}

// goldenCase is one rendered answer and what kind of answer it is.
type goldenCase struct {
	name  string
	kind  string // briefing, cards, digest, other
	msgs  []reply
	eph   bool
	reply string // the member message it answers, for the page
}

func goldenCases(t *testing.T) []goldenCase {
	h, s, d := harbourFixture(), strikeFixture(), droughtFixture()
	dup := h
	// The same articles with a preview image each, which the cards show
	// as thumbnails (the drought article has none).
	hi, si := h, s
	hi.article.Image = "https://coastcourier.example/media/2026/02/harbour-wall.jpg?w=1200"
	si.article.Image = "https://cdn.islandpost.example/img/ferry-crews.jpg"
	dup.article.ChannelID, dup.article.MessageID = goldenChannel, "1000000000000000777"
	d5, sum5 := digestFixture(5)
	d12, sum12 := digestFixture(12)
	layout := func(sum map[int64]string) digestLayout {
		return digestLayout{title: "Digest", loc: time.UTC, nonce: goldenNonce, refBase: channelRef(goldenGuild, goldenChannel), summaries: sum, cmds: goldenCmds}
	}
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	status := schedule.Status{GuildID: goldenGuild, Enabled: true, ChannelID: goldenChannel, Spec: "30 7 * * *", Location: loc,
		Next: time.Date(2026, 2, 15, 7, 30, 0, 0, loc), MaxAttempts: 3,
		Last: &storage.DigestRun{State: storage.StatePosted, PeriodStart: time.Date(2026, 2, 13, 7, 30, 0, 0, loc), PeriodEnd: time.Date(2026, 2, 14, 7, 30, 0, 0, loc),
			PostedAt: time.Date(2026, 2, 14, 7, 30, 5, 0, loc), ArticleIDs: []int64{1, 2, 3}, MessageIDs: []string{"1000000000000000900"}}}
	failed := status
	failed.Last = &storage.DigestRun{State: storage.StateFailed, PeriodStart: status.Last.PeriodStart, PeriodEnd: status.Last.PeriodEnd, Attempts: 3,
		LastError: "permanent: I'm not allowed to post in <#1000000000000000300> (Discord error 50013)"}
	failed.Blocked = true
	return []goldenCase{
		{name: "briefing", kind: "briefing", msgs: []reply{briefingReply(ingested{article: h.article, briefing: h.briefing}, fixtureNow)}, reply: "Council finally voted " + h.article.URL},
		{name: "briefing-old", kind: "briefing", msgs: []reply{briefingReply(ingested{article: d.article, briefing: d.briefing}, fixtureNow)}, reply: d.article.URL},
		{name: "briefing-image", kind: "briefing", msgs: []reply{briefingReply(ingested{article: hi.article, briefing: hi.briefing}, fixtureNow)}, reply: hi.article.URL},
		{name: "multi-link-image", kind: "cards", reply: hi.article.URL + " " + si.article.URL + " " + d.article.URL, msgs: []reply{pastedReply([]pastedResult{
			{link: hi.article.URL, res: ingested{article: hi.article, briefing: hi.briefing}},
			{link: si.article.URL, res: ingested{article: si.article, briefing: si.briefing}},
			{link: d.article.URL, res: ingested{article: d.article, briefing: d.briefing}},
		}, goldenGuild, fixtureNow)}},
		{name: "all-quotes", kind: "other", eph: true, msgs: []reply{renderAllQuotes(h.article, h.briefing)}},
		{name: "everyone-named", kind: "other", eph: true, msgs: []reply{renderEveryoneNamed(h.article, h.briefing)}},
		{name: "multi-link", kind: "cards", reply: "Three for the morning: " + h.article.URL + " " + s.article.URL + " " + d.article.URL + " https://gone.example/x", msgs: []reply{pastedReply([]pastedResult{
			{link: h.article.URL, res: ingested{article: h.article, briefing: h.briefing}},
			{link: s.article.URL, res: ingested{article: s.article, briefing: s.briefing}},
			{link: d.article.URL, res: ingested{article: d.article, briefing: d.briefing, duplicate: true}},
			{link: "https://gone.example/x", err: errors.Join(fetch.ErrHTTPStatus)},
		}, goldenGuild, fixtureNow)}},
		{name: "reshared-link", kind: "other", reply: "did you all see this " + h.article.URL, msgs: []reply{pastedReply([]pastedResult{
			{link: h.article.URL, res: ingested{article: dup.article, briefing: dup.briefing, duplicate: true}},
		}, goldenGuild, fixtureNow)}},
		{name: "digest-5", kind: "digest", msgs: renderDigest(d5, layout(sum5))},
		{name: "digest-12", kind: "digest", msgs: renderDigest(d12, layout(sum12))},
		{name: "status", kind: "other", eph: true, msgs: []reply{renderDigestStatus(status, goldenCmds)}},
		{name: "status-failed", kind: "other", eph: true, msgs: []reply{renderDigestStatus(failed, goldenCmds)}},
	}
}

func TestGoldenPayloads(t *testing.T) {
	for _, c := range goldenCases(t) {
		t.Run(c.name, func(t *testing.T) {
			var got []payload
			for k, r := range c.msgs {
				content, es := r.fitted()
				if content != r.content || !reflect.DeepEqual(es, nonNil(r.embeds)) {
					t.Errorf("message %d would be cut when sent: the layout must fit it already", k+1)
				}
				if err := embeds.Check(content, es); err != nil {
					t.Errorf("message %d breaks a limit: %v", k+1, err)
				}
				p := payload{Content: content, Embeds: es, Components: r.components, Ephemeral: c.eph}
				if k == 0 {
					p.ReplyTo = c.reply
				}
				got = append(got, p)
			}
			checkPayloads(t, c, got)
			raw, err := json.MarshalIndent(got, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			raw = append(raw, '\n')
			path := filepath.Join("testdata", "render", c.name+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, raw, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./bot -run TestGoldenPayloads -update)", err)
			}
			if !bytes.Equal(raw, want) {
				t.Errorf("%s differs from the rendered payload; if the change is meant, run with -update and look at the diff\ngot:\n%s", path, raw)
			}
		})
	}
}

func nonNil(es []*discordgo.MessageEmbed) []*discordgo.MessageEmbed {
	if es == nil {
		return []*discordgo.MessageEmbed{}
	}
	return es
}

var (
	linkTarget  = regexp.MustCompile(`\]\([^)]*\)`)
	stampRe     = regexp.MustCompile(`<t:(\d+)(?::([tTdDfFR]))?>`)
	clockText   = regexp.MustCompile(`\b\d{1,2}:\d{2}\b`)
	quoteInLine = regexp.MustCompile(`“([^”]+)”`)
)

// visibleTexts is what a member reads of a message: link targets removed.
func visibleTexts(p payload) []string {
	out := []string{linkTarget.ReplaceAllString(p.Content, "]")}
	for _, e := range p.Embeds {
		out = append(out, e.Title, linkTarget.ReplaceAllString(e.Description, "]"))
		if e.Author != nil {
			out = append(out, e.Author.Name)
		}
		if e.Footer != nil {
			out = append(out, e.Footer.Text)
		}
		for _, f := range e.Fields {
			out = append(out, f.Name, linkTarget.ReplaceAllString(f.Value, "]"))
		}
	}
	return out
}

// checkPayloads asserts what issue 9 asks of every answer.
func checkPayloads(t *testing.T, c goldenCase, msgs []payload) {
	t.Helper()
	for k, m := range msgs {
		visible := strings.Join(visibleTexts(m), "\n")
		for _, internal := range []string{goldenNonce, "bd7aec10", "ref ", "Article #", "Part 1 of"} {
			if strings.Contains(visible, internal) {
				t.Errorf("message %d shows internal text %q", k+1, internal)
			}
		}
		if loc := clockText.FindStringIndex(stampRe.ReplaceAllString(visible, "")); loc != nil {
			t.Errorf("message %d writes a time as text (%q), not as a Discord timestamp", k+1, visible[loc[0]:loc[1]])
		}
		// One clock: an instant is shown at most once as a date or time,
		// and at most once as "in 2 hours"; never two absolute forms.
		abs, rel := map[string]int{}, map[string]int{}
		for _, sm := range stampRe.FindAllStringSubmatch(visible, -1) {
			if sm[2] == "R" {
				rel[sm[1]]++
			} else {
				abs[sm[1]]++
			}
		}
		for unix, n := range abs {
			if n > 1 {
				t.Errorf("message %d shows the time %s %d times", k+1, unix, n)
			}
		}
		for unix, n := range rel {
			if n > 1 {
				t.Errorf("message %d shows the time %s as relative %d times", k+1, unix, n)
			}
		}
		for _, e := range m.Embeds {
			if e.Timestamp != "" {
				ts, err := time.Parse(time.RFC3339, e.Timestamp)
				if err == nil && abs[itoa(ts.Unix())] > 0 {
					t.Errorf("message %d shows an embed's timestamp again in its text", k+1)
				}
			}
			if e.Thumbnail != nil && !strings.HasPrefix(e.Thumbnail.URL, "https://") && !strings.HasPrefix(e.Thumbnail.URL, "http://") {
				t.Errorf("message %d has a thumbnail that is not an http(s) link: %q", k+1, e.Thumbnail.URL)
			}
			switch c.kind {
			case "briefing":
				if n := embeds.Total(e); n > briefingBudget {
					t.Errorf("briefing embed is %d characters, at most %d", n, briefingBudget)
				}
				var sides, quotes string
				for _, f := range e.Fields {
					switch f.Name {
					case "Where they stand":
						sides = f.Value
					case "In their words":
						quotes = f.Value
					}
				}
				if sides == "" || quotes == "" || e.Footer == nil || e.Author == nil || e.Description == "" {
					t.Errorf("briefing lacks a part: sides %q, quotes %q, footer %v, author %v", sides, quotes, e.Footer, e.Author)
				}
				if n := strings.Count(sides, "\n") + 1; n > maxSides {
					t.Errorf("%d side lines, at most %d", n, maxSides)
				}
				checkNoRepeat(t, sides, quotes)
				for _, verb := range []string{" demands:", " says:", " acts:", " warns:"} {
					if strings.Contains(sides, verb) {
						t.Errorf("side lines carry a verb label %q", verb)
					}
				}
			case "digest":
				if n := embeds.Total(e); n > 700 {
					t.Errorf("digest story is %d characters, at most 700", n)
				}
				var sideLs, quoteLs []string
				for _, line := range strings.Split(e.Description, "\n") {
					if strings.HasPrefix(line, "> ") {
						quoteLs = append(quoteLs, line)
					} else {
						sideLs = append(sideLs, line)
					}
				}
				checkNoRepeat(t, strings.Join(sideLs, "\n"), strings.Join(quoteLs, "\n"))
			case "cards":
				if len(m.Embeds) > embeds.MaxEmbeds {
					t.Errorf("%d cards in one reply", len(m.Embeds))
				}
			}
		}
	}
	switch c.name {
	case "digest-5":
		if len(msgs) != 1 || len(msgs[0].Embeds) != 5 {
			t.Errorf("a five-story digest took %d messages, want one of five stories", len(msgs))
		}
	case "digest-12":
		if len(msgs) != 2 || !strings.Contains(msgs[1].Content, "+2 more: </articles:") {
			t.Errorf("a twelve-story digest: %d messages, last says %q; want two, and the two left out counted with a link to /articles", len(msgs), msgs[len(msgs)-1].Content)
		}
	case "multi-link":
		if len(msgs) != 1 || len(msgs[0].Embeds) != 3 || !strings.Contains(msgs[0].Content, "I couldn't brief <https://gone.example/x>") {
			t.Errorf("several links: want one reply of three cards and the failure line, got %+v", msgs)
		}
	case "reshared-link":
		if len(msgs) != 1 || len(msgs[0].Embeds) != 0 || strings.Count(msgs[0].Content, "\n") != 0 || !strings.Contains(msgs[0].Content, "https://discord.com/channels/") {
			t.Errorf("a link shared again: want one line linking to where it was shared, got %q", msgs[0].Content)
		}
	}
	for _, m := range msgs {
		if m.Ephemeral != c.eph {
			t.Errorf("message private = %v, want %v", m.Ephemeral, c.eph)
		}
	}
}

// checkNoRepeat fails when a quote's words also stand in a side line.
func checkNoRepeat(t *testing.T, sides, quotes string) {
	t.Helper()
	ns := normalizeStatement(sides)
	for _, q := range quoteInLine.FindAllStringSubmatch(quotes, -1) {
		text := normalizeStatement(strings.TrimSuffix(q[1], embeds.Ellipsis))
		if strings.Count(text, " ") >= 2 && strings.Contains(ns, text) {
			t.Errorf("quote %q is also shown as a position", q[1])
		}
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
