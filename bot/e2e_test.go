package bot

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/discordtest"
	"github.com/briefbot/briefbot/storage"
)

// The end-to-end tests run the real bot (real discordgo session, real
// fetcher, real SQLite file) against the fake Discord in bot/discordtest,
// with article pages from testdata/pages served on 127.0.0.1.

// waitTimeout bounds every wait; nothing here sleeps to let time pass.
const waitTimeout = 20 * time.Second

// clock is a settable time source for the bot's rate limits and records.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2026, 2, 14, 9, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// syncBuffer collects log output from many goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// pageServer serves testdata/pages/<name>.html at /news/<name> (any query
// string, so one page can be many articles), a 404 at /missing, and a page
// that answers only when released at /slow.
type pageServer struct {
	*httptest.Server
	release chan struct{}
	// mediaHits counts requests for images under /media/: the bot must
	// leave those to Discord.
	mediaHits atomic.Int64
}

func newPageServer(t testing.TB) *pageServer {
	ps := &pageServer{release: make(chan struct{})}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /news/{name}", func(w http.ResponseWriter, r *http.Request) {
		body, err := os.ReadFile(filepath.Join("testdata", "pages", filepath.Base(r.PathValue("name"))+".html"))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write(body)
	})
	mux.HandleFunc("/media/", func(w http.ResponseWriter, r *http.Request) {
		ps.mediaHits.Add(1)
		http.NotFound(w, r)
	})
	mux.HandleFunc("GET /slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-ps.release:
		case <-r.Context().Done():
		}
		http.Error(w, "gone", http.StatusServiceUnavailable)
	})
	ps.Server = httptest.NewServer(mux)
	t.Cleanup(func() {
		select {
		case <-ps.release:
		default:
			close(ps.release)
		}
		ps.Close()
	})
	return ps
}

func (ps *pageServer) link(name string) string { return ps.URL + "/news/" + name }

type envConfig struct {
	cfg      Config
	fakeOpts []discordtest.Option
	briefer  Briefer
	botHook  func(*Bot) // runs after New, before Run
}

type envOption func(*envConfig)

func withConfig(f func(*Config)) envOption { return func(c *envConfig) { f(&c.cfg) } }
func withFake(o ...discordtest.Option) envOption {
	return func(c *envConfig) { c.fakeOpts = append(c.fakeOpts, o...) }
}
func withBriefer(b Briefer) envOption { return func(c *envConfig) { c.briefer = b } }
func withBot(f func(*Bot)) envOption  { return func(c *envConfig) { c.botHook = f } }

// env is one running bot with its fake Discord, database and pages.
type env struct {
	t     testing.TB
	fake  *discordtest.Server
	db    *storage.DB
	bot   *Bot
	pages *pageServer
	logs  *syncBuffer
	clock *clock
	stop  func() error // cancels Run and returns its error; safe to call twice
}

func startEnv(t testing.TB, opts ...envOption) *env {
	t.Helper()
	ec := envConfig{cfg: Config{
		Token:          testToken,
		Workers:        3,
		LinksPerMinute: 10,
		JobTimeout:     10 * time.Second,
		ShutdownGrace:  3 * time.Second,
		MessageContent: true,
		AllowLoopback:  true,
	}}
	for _, o := range opts {
		o(&ec)
	}
	e := &env{t: t, logs: &syncBuffer{}, clock: newClock(), pages: newPageServer(t)}
	e.fake = discordtest.New(t, append([]discordtest.Option{discordtest.WithToken(testToken)}, ec.fakeOpts...)...)
	ctx := context.Background()
	db, err := storage.Open(ctx, filepath.Join(t.TempDir(), "briefbot.db"))
	if err != nil {
		t.Fatalf("open database: %v", err)
	}
	e.db = db
	logger := slog.New(slog.NewTextHandler(e.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	briefer := ec.briefer
	if briefer == nil {
		briefer = testEngine()
	}
	e.bot, err = New(ec.cfg, Deps{Store: db, Briefer: briefer, Logger: logger, Now: e.clock.Now, HTTPClient: e.fake.HTTPClient()})
	if err != nil {
		t.Fatalf("create bot: %v", err)
	}
	if ec.botHook != nil {
		ec.botHook(e.bot)
	}
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- e.bot.Run(runCtx) }()
	var once sync.Once
	var runErr error
	e.stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case runErr = <-done:
			case <-time.After(ec.cfg.ShutdownGrace + 15*time.Second):
				runErr = errors.New("Run did not return after shutdown")
			}
		})
		return runErr
	}
	t.Cleanup(func() {
		if err := e.stop(); err != nil {
			t.Errorf("bot run: %v", err)
		}
		_ = db.Close()
		if os.Getenv("BRIEFBOT_TEST_LOGS") != "" {
			t.Logf("bot logs:\n%s", e.logs.String())
		}
		// The token must never reach the logs, in any form.
		logs := e.logs.String()
		for _, secret := range []string{testToken, strings.Split(testToken, ".")[2]} {
			if strings.Contains(logs, secret) {
				t.Errorf("the bot token appears in the logs")
			}
		}
	})
	e.waitFor("commands registered", func(s *discordtest.Server) bool {
		return len(s.Commands(ec.cfg.GuildID)) > 0
	})
	ctx, cancelWait := context.WithTimeout(ctx, waitTimeout)
	defer cancelWait()
	if _, err := e.fake.WaitIdentified(ctx); err != nil {
		t.Fatalf("bot never identified: %v", err)
	}
	// The bot keeps the registered commands' ids (for command mentions)
	// only after Discord answered the registration.
	select {
	case <-e.bot.serving:
	case <-ctx.Done():
		t.Fatalf("bot never started serving:\n%s", e.logs.String())
	}
	return e
}

// on returns e reporting to t (a subtest).
func (e *env) on(t testing.TB) *env {
	c := *e
	c.t = t
	return &c
}

func (e *env) waitFor(what string, cond func(*discordtest.Server) bool) {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), waitTimeout)
	defer cancel()
	if err := e.fake.WaitFor(ctx, cond); err != nil {
		e.t.Fatalf("waiting for %s: %v\nlogs:\n%s", what, err, e.logs.String())
	}
}

// slash dispatches a slash command from member (nil: the default member).
func (e *env) slash(member *discordgo.Member, guildID, name string, opts ...*discordgo.ApplicationCommandInteractionDataOption) *discordgo.Interaction {
	in := discordtest.SlashCommand(name, opts...)
	in.Member = member
	in.GuildID = guildID
	return e.fake.DispatchInteraction(in)
}

// answer waits until an interaction has its final answer: an original
// response that is no longer "thinking", or a follow-up after the
// thinking reply was deleted. It returns the message the member sees.
func (e *env) answer(in *discordgo.Interaction) *discordgo.Message {
	e.t.Helper()
	var got *discordgo.Message
	e.waitFor("the answer to /"+commandName(in), func(s *discordtest.Server) bool {
		if o := s.Original(in.Token); o != nil && o.Flags&discordgo.MessageFlagsLoading == 0 {
			got = o
			return true
		}
		if f := s.Followups(in.Token); len(f) > 0 && s.Original(in.Token) == nil {
			got = f[0]
			return true
		}
		return false
	})
	return got
}

func commandName(in *discordgo.Interaction) string {
	if d, ok := in.Data.(discordgo.ApplicationCommandInteractionData); ok {
		return d.Name
	}
	return "?"
}

func (e *env) callbacks(in *discordgo.Interaction) []discordtest.Callback {
	return e.fake.InteractionResponses(in.ID)
}

func isEphemeral(m *discordgo.Message) bool { return m.Flags&discordgo.MessageFlagsEphemeral != 0 }

// deferredPrivately reports a "thinking" callback only the member sees.
func deferredPrivately(cb discordtest.Callback) bool {
	return cb.Type == discordgo.InteractionResponseDeferredChannelMessageWithSource &&
		cb.Message != nil && cb.Message.Flags&discordgo.MessageFlagsEphemeral != 0
}

func (e *env) countArticles(guildID string) int {
	e.t.Helper()
	n, err := e.db.CountArticles(context.Background(), guildID, storage.ArticleQuery{})
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}

func TestE2EBriefNewThenStoredLink(t *testing.T) {
	e := startEnv(t)
	link := e.pages.link("harbour-levy")

	in := e.slash(nil, "", "brief", discordtest.StringOption("url", link))
	m := e.answer(in)
	cbs := e.callbacks(in)
	if len(cbs) != 1 || !deferredPrivately(cbs[0]) {
		t.Fatalf("first callback %+v, want one private deferral (type 5, flag 64)", cbs)
	}
	if isEphemeral(m) {
		t.Error("a briefing should be public")
	}
	if shown := e.fake.ShownPublicly(in.Token); len(shown) != 1 || shown[0].ID != m.ID {
		t.Errorf("the channel saw %d messages for /brief, want only the briefing", len(shown))
	}
	if len(m.Embeds) != 1 {
		t.Fatalf("reply has %d embeds, want 1: %+v", len(m.Embeds), m)
	}
	em := m.Embeds[0]
	if !strings.Contains(em.Title, "harbour levy") || em.URL != link {
		t.Errorf("embed title %q (link %q), want the article's title linking to %s", em.Title, em.URL, link)
	}
	if em.Author == nil || em.Author.Name != "Coast Courier" || em.Timestamp == "" {
		t.Errorf("site %+v or date %q missing", em.Author, em.Timestamp)
	}
	if strings.Contains(m.Content, "Already shared") {
		t.Errorf("a new link was reported as a duplicate: %q", m.Content)
	}
	if n := e.countArticles(discordtest.DefaultGuildID); n != 1 {
		t.Fatalf("%d articles stored, want 1", n)
	}

	// The same link again, with a tracking parameter: the stored briefing.
	in2 := e.slash(nil, "", "brief", discordtest.StringOption("url", link+"?utm_source=chat"))
	m2 := e.answer(in2)
	if !strings.Contains(m2.Content, "Already shared here <t:") || len(m2.Embeds) != 1 || m2.Embeds[0].Title != em.Title {
		t.Errorf("duplicate answer = %q with %d embeds; want the stored briefing and when it was first shared", m2.Content, len(m2.Embeds))
	}
	if n := e.countArticles(discordtest.DefaultGuildID); n != 1 {
		t.Errorf("%d articles stored after a duplicate, want 1", n)
	}

	// And by number, as /brief article: shows stored briefings: a stored
	// briefing is answered at once, with no "thinking" reply at all.
	list, _ := e.db.Articles(context.Background(), discordtest.DefaultGuildID, storage.ArticleQuery{})
	in3 := e.slash(nil, "", "brief", discordtest.StringOption("article", fmt.Sprint(list[0].Number)))
	m3 := e.answer(in3)
	if len(m3.Embeds) != 1 || m3.Embeds[0].Title != em.Title || isEphemeral(m3) {
		t.Errorf("/brief article: answered %+v", m3)
	}
	if cb := e.callbacks(in3); len(cb) != 1 || cb[0].Type != discordgo.InteractionResponseChannelMessageWithSource {
		t.Errorf("/brief article: should be answered at once (type 4): %+v", cb)
	}
}

func TestE2EBriefBadLinks(t *testing.T) {
	e := startEnv(t)
	tests := []struct {
		name, url, want string
		deferred        bool
	}{
		{"not a link", "not a link at all", "paste the full address", false},
		{"ftp", "ftp://files.example/report", "paste the full address", false},
		{"video", "https://www.youtube.com/watch?v=abc", "not an article", false},
		{"missing page", e.pages.URL + "/news/no-such-story", "doesn't exist (HTTP 404)", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := e.on(t)
			in := e.slash(nil, "", "brief", discordtest.StringOption("url", tt.url))
			m := e.answer(in)
			if !isEphemeral(m) {
				t.Errorf("error answer is public: %q", m.Content)
			}
			if !strings.Contains(m.Content, tt.want) || strings.Contains(m.Content, "\n") {
				t.Errorf("answer %q, want one line containing %q", m.Content, tt.want)
			}
			cbs := e.callbacks(in)
			if shown := e.fake.ShownPublicly(in.Token); len(shown) != 0 {
				t.Errorf("the channel saw %d messages for a failed /brief (first %+v); errors are private", len(shown), shown[0])
			}
			if tt.deferred {
				if !deferredPrivately(cbs[0]) {
					t.Errorf("fetch errors come after a private deferral; got callback %+v", cbs[0])
				}
			} else if len(cbs) != 1 || cbs[0].Type != discordgo.InteractionResponseChannelMessageWithSource {
				t.Errorf("a malformed link should be answered at once (type 4), got %+v", cbs)
			}
		})
	}
	if n := e.countArticles(discordtest.DefaultGuildID); n != 0 {
		t.Errorf("%d articles stored from bad links", n)
	}
}

// repliesTo returns the bot's messages in a channel that reply to messageID.
func (e *env) repliesTo(channelID, messageID string) []*discordgo.Message {
	var out []*discordgo.Message
	for _, m := range e.fake.ChannelMessages(channelID) {
		if m.MessageReference != nil && m.MessageReference.MessageID == messageID {
			out = append(out, m)
		}
	}
	return out
}

func (e *env) waitReaction(channelID, messageID string, emoji ...string) {
	e.t.Helper()
	e.waitFor("reaction "+strings.Join(emoji, " or "), func(s *discordtest.Server) bool {
		r := s.Reactions(channelID, messageID)
		for _, want := range emoji {
			if len(r) == 1 && r[0] == want {
				return true
			}
		}
		return false
	})
}

func TestE2EPastedLinks(t *testing.T) {
	e := startEnv(t)
	drought, harbour := e.pages.link("river-drought"), e.pages.link("harbour-levy")

	// The harbour article is already known to the server.
	e.answer(e.slash(nil, "", "brief", discordtest.StringOption("url", harbour)))

	msg := e.fake.DispatchMessage(&discordgo.Message{Content: fmt.Sprintf(
		"Two reads for the morning: %s and (again) <%s>. Also a clip https://youtu.be/abc and a photo %s/p/cat.png",
		drought, harbour, e.pages.URL)})
	e.waitReaction(msg.ChannelID, msg.ID, reactDone)

	// One reply for the message: a compact card per article link (media
	// skipped quietly), the one shared before marked so.
	replies := e.repliesTo(msg.ChannelID, msg.ID)
	if len(replies) != 1 || len(replies[0].Embeds) != 2 {
		t.Fatalf("%d replies, want one with a card per article link: %+v", len(replies), replies)
	}
	var fresh, dup *discordgo.MessageEmbed
	for _, em := range replies[0].Embeds {
		switch em.URL {
		case drought:
			fresh = em
		case harbour:
			dup = em
		}
	}
	if fresh == nil || dup == nil {
		t.Fatalf("cards do not cover both links: %+v", replies[0].Embeds)
	}
	if (fresh.Footer != nil && strings.Contains(fresh.Footer.Text, "Shared here before")) || dup.Footer == nil || !strings.Contains(dup.Footer.Text, "Shared here before") {
		t.Errorf("duplicate marking wrong: new %+v, duplicate %+v", fresh.Footer, dup.Footer)
	}
	if len(replies[0].Components) != 1 {
		t.Errorf("cards without the menu to open a full briefing: %+v", replies[0].Components)
	}
	if n := e.countArticles(discordtest.DefaultGuildID); n != 2 {
		t.Errorf("%d articles stored, want 2", n)
	}
	stored, err := e.db.ArticleByURL(context.Background(), discordtest.DefaultGuildID, drought)
	if err != nil || stored.MessageID != msg.ID || stored.SubmittedBy != discordtest.DefaultUserID {
		t.Errorf("pasted article stored as %+v, %v; want the message and its author recorded", stored, err)
	}

	// Messages from bots, the bot's own included, are ignored.
	botMsg := e.fake.DispatchMessage(&discordgo.Message{
		Content: "see " + e.pages.link("rail-strike"),
		Author:  &discordgo.User{ID: "1100000000000000777", Username: "otherbot", Bot: true},
	})
	// A human message after it proves the bot has read past the bot's one.
	after := e.fake.DispatchMessage(&discordgo.Message{Content: "no links in this one, but " + drought})
	e.waitReaction(after.ChannelID, after.ID, reactDone)
	if r := e.repliesTo(botMsg.ChannelID, botMsg.ID); len(r) != 0 || len(e.fake.Reactions(botMsg.ChannelID, botMsg.ID)) != 0 {
		t.Errorf("the bot answered another bot: %+v", r)
	}
}

func TestE2EPastedLinkFailure(t *testing.T) {
	e := startEnv(t)
	msg := e.fake.DispatchMessage(&discordgo.Message{Content: "broken: " + e.pages.URL + "/news/gone-story"})
	e.waitReaction(msg.ChannelID, msg.ID, reactFailed)
	replies := e.repliesTo(msg.ChannelID, msg.ID)
	if len(replies) != 1 || !strings.Contains(replies[0].Content, "I couldn't brief <") || !strings.Contains(replies[0].Content, "HTTP 404") {
		t.Errorf("failure reply = %+v", replies)
	}
}

// autocompleteChoices dispatches an autocomplete interaction and returns
// the choices the bot offered.
func (e *env) autocompleteChoices(guildID, command, option, typed string) []*discordgo.ApplicationCommandOptionChoice {
	e.t.Helper()
	in := discordtest.SlashCommand(command, &discordgo.ApplicationCommandInteractionDataOption{
		Name: option, Type: discordgo.ApplicationCommandOptionString, Value: typed, Focused: true,
	})
	in.GuildID = guildID
	return e.choices(in)
}

// The autocomplete and /quotes-/actor tests brief with stubEngine, whose
// speakers and actors are fixed by the test pages: they test what the bot
// does with names, not how well the engine finds them.

func TestE2EAutocomplete(t *testing.T) {
	e := startEnv(t, withBriefer(stubEngine{}))
	for _, page := range []string{"harbour-levy", "river-drought", "rail-strike"} {
		e.answer(e.slash(nil, "", "brief", discordtest.StringOption("url", e.pages.link(page))))
	}
	ctx := context.Background()
	harbour, err := e.db.ArticleByURL(ctx, discordtest.DefaultGuildID, e.pages.link("harbour-levy"))
	if err != nil {
		t.Fatal(err)
	}

	choices := e.autocompleteChoices("", "brief", "article", "harbour")
	if len(choices) != 1 || choices[0].Value != fmt.Sprint(harbour.ID) || !strings.Contains(choices[0].Name, "harbour levy") {
		t.Errorf("/brief article:harbour suggested %+v, want only the harbour article", choices)
	}
	if all := e.autocompleteChoices("", "forget", "article", ""); len(all) != 3 {
		t.Errorf("empty input suggested %d articles, want all 3", len(all))
	}
	if byID := e.autocompleteChoices("", "brief", "article", fmt.Sprint(harbour.ID)); len(byID) == 0 || byID[0].Value != fmt.Sprint(harbour.ID) {
		t.Errorf("typing a number should suggest that article first: %+v", byID)
	}

	// Speakers and actors come from the stored briefings.
	for _, tc := range []struct{ command, option string }{{"quotes", "speaker"}, {"actor", "name"}} {
		var want []string
		if tc.command == "quotes" {
			want, err = e.db.Speakers(ctx, discordtest.DefaultGuildID, "", 25)
		} else {
			want, err = e.db.ActorNames(ctx, discordtest.DefaultGuildID, "", 25)
		}
		if err != nil {
			t.Fatal(err)
		}
		if len(want) == 0 {
			t.Fatalf("no %s stored: the briefings found none in the test articles", tc.option)
		}
		got := e.autocompleteChoices("", tc.command, tc.option, "")
		if len(got) != len(want) {
			t.Errorf("/%s %s: %d choices, the store has %d", tc.command, tc.option, len(got), len(want))
		}
		for i := range min(len(got), len(want)) {
			if got[i].Value != want[i] {
				t.Errorf("/%s choice %d = %v, want %q", tc.command, i, got[i].Value, want[i])
			}
		}
	}
}

func TestE2EQuotesAndActor(t *testing.T) {
	e := startEnv(t, withBriefer(stubEngine{}))
	for _, page := range []string{"harbour-levy", "rail-strike"} {
		e.answer(e.slash(nil, "", "brief", discordtest.StringOption("url", e.pages.link(page))))
	}
	ctx := context.Background()
	quotes, err := e.db.Quotes(ctx, discordtest.DefaultGuildID, storage.QuoteQuery{Speaker: "Reyes"})
	if err != nil || len(quotes) == 0 {
		t.Fatalf("store has no quotes by Reyes (%v): the briefing should find his words", err)
	}
	m := e.answer(e.slash(nil, "", "quotes", discordtest.StringOption("speaker", "Reyes")))
	if len(m.Embeds) != 1 {
		t.Fatalf("/quotes answered %+v", m)
	}
	desc := m.Embeds[0].Description
	for _, q := range quotes {
		words := strings.Fields(q.Text)
		if !strings.Contains(desc, words[len(words)/2]) {
			t.Errorf("/quotes lacks the quote %q:\n%s", q.Text, desc)
		}
	}

	names, err := e.db.ActorNames(ctx, discordtest.DefaultGuildID, "Tomas", 5)
	if err != nil || len(names) == 0 {
		t.Fatalf("no actor named Tomas... stored (%v)", err)
	}
	m = e.answer(e.slash(nil, "", "actor", discordtest.StringOption("name", names[0])))
	if len(m.Embeds) != 1 || !strings.Contains(m.Embeds[0].Title, "Reyes") {
		t.Fatalf("/actor answered %+v", m)
	}
	var articles string
	for _, f := range m.Embeds[0].Fields {
		if f.Name == "Articles" {
			articles = f.Value
		}
	}
	if strings.Count(articles, "`#") != 2 {
		t.Errorf("/actor should list both articles naming Reyes:\n%s", articles)
	}

	m = e.answer(e.slash(nil, "", "actor", discordtest.StringOption("name", "Nobody Atall")))
	if !isEphemeral(m) || !strings.Contains(m.Content, "No article shared here names") {
		t.Errorf("unknown actor answered %+v", m)
	}
}

func TestE2EForgetPermissions(t *testing.T) {
	e := startEnv(t)
	e.answer(e.slash(nil, "", "brief", discordtest.StringOption("url", e.pages.link("harbour-levy"))))
	e.answer(e.slash(nil, "", "brief", discordtest.StringOption("url", e.pages.link("river-drought"))))
	first, _ := e.db.ArticleByURL(context.Background(), discordtest.DefaultGuildID, e.pages.link("harbour-levy"))
	second, _ := e.db.ArticleByURL(context.Background(), discordtest.DefaultGuildID, e.pages.link("river-drought"))

	stranger := discordtest.GuildMember("1100000000000000555", discordgo.PermissionSendMessages|discordgo.PermissionManageMessages)
	in := e.slash(stranger, "", "forget", discordtest.StringOption("article", fmt.Sprint(first.ID)))
	m := e.answer(in)
	if !isEphemeral(m) || m.Content != notAllowedToForget {
		t.Errorf("/forget by a stranger answered %q (ephemeral %v)", m.Content, isEphemeral(m))
	}
	if cb := e.callbacks(in); cb[0].Type != discordgo.InteractionResponseDeferredChannelMessageWithSource || cb[0].Message == nil || !isEphemeral(cb[0].Message) {
		t.Errorf("/forget should defer privately: %+v", cb[0])
	}
	if n := e.countArticles(discordtest.DefaultGuildID); n != 2 {
		t.Fatalf("article removed by someone not allowed: %d left", n)
	}

	// The member who shared it may remove it.
	m = e.answer(e.slash(nil, "", "forget", discordtest.StringOption("article", fmt.Sprint(first.ID))))
	if !strings.Contains(m.Content, "Removed article") {
		t.Errorf("/forget by the submitter answered %q", m.Content)
	}
	// A server manager may remove anyone's.
	manager := discordtest.GuildMember("1100000000000000666", discordgo.PermissionManageGuild)
	m = e.answer(e.slash(manager, "", "forget", discordtest.StringOption("article", fmt.Sprint(second.ID))))
	if !strings.Contains(m.Content, "Removed article") {
		t.Errorf("/forget by a manager answered %q", m.Content)
	}
	if n := e.countArticles(discordtest.DefaultGuildID); n != 0 {
		t.Errorf("%d articles left", n)
	}
	if _, err := e.db.Briefing(context.Background(), discordtest.DefaultGuildID, first.ID); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("briefing of a forgotten article: %v", err)
	}
	m = e.answer(e.slash(nil, "", "forget", discordtest.StringOption("article", fmt.Sprint(first.ID))))
	if !strings.Contains(m.Content, "no such article") {
		t.Errorf("forgetting twice answered %q", m.Content)
	}
}

func TestE2EGatewayDropThenCommand(t *testing.T) {
	e := startEnv(t)
	e.answer(e.slash(nil, "", "brief", discordtest.StringOption("url", e.pages.link("harbour-levy"))))
	before := e.fake.Connections()
	e.fake.DropConnection()
	e.waitFor("a resumed session", func(s *discordtest.Server) bool {
		for _, r := range s.Resumes() {
			if r.Accepted {
				return true
			}
		}
		return false
	})
	if e.fake.Connections() <= before {
		t.Error("no new gateway connection after the drop")
	}
	m := e.answer(e.slash(nil, "", "brief", discordtest.StringOption("article", "harbour")))
	if len(m.Embeds) != 1 || !strings.Contains(m.Embeds[0].Title, "harbour levy") {
		t.Errorf("command after reconnect answered %+v", m)
	}
	// Pasted links still arrive too.
	msg := e.fake.DispatchMessage(&discordgo.Message{Content: e.pages.link("rail-strike")})
	e.waitReaction(msg.ChannelID, msg.ID, reactDone)
	if !strings.Contains(e.logs.String(), "reconnected to the Discord gateway") {
		t.Error("the reconnection was not logged")
	}

	// Discord asking for a reconnect (op 7) is handled the same way.
	accepted := func(s *discordtest.Server) int {
		n := 0
		for _, r := range s.Resumes() {
			if r.Accepted {
				n++
			}
		}
		return n
	}
	resumed := accepted(e.fake)
	e.fake.SendReconnect()
	e.waitFor("a second resume", func(s *discordtest.Server) bool { return accepted(s) > resumed })
	m = e.answer(e.slash(nil, "", "articles"))
	if len(m.Embeds) != 1 || !strings.Contains(m.Embeds[0].Footer.Text, "2 articles") {
		t.Errorf("/articles after op 7 answered %+v", m)
	}
}

func TestE2ERateLimitedReply(t *testing.T) {
	e := startEnv(t)
	e.fake.RateLimitNext("POST", "/webhooks/{app}/{token}", 200*time.Millisecond)
	m := e.answer(e.slash(nil, "", "brief", discordtest.StringOption("url", e.pages.link("harbour-levy"))))
	if len(m.Embeds) != 1 {
		t.Fatalf("reply after a 429: %+v", m)
	}
	// The fake records a request after answering it, so wait for the record.
	var statuses []int
	e.waitFor("the retried edit on record", func(s *discordtest.Server) bool {
		statuses = statuses[:0]
		for _, r := range s.Requests() {
			if r.Method == http.MethodPost && strings.HasPrefix(r.Path, "/webhooks/") && !strings.Contains(r.Path, "/messages/") {
				statuses = append(statuses, r.Status)
			}
		}
		return len(statuses) >= 2
	})
	if len(statuses) != 2 || statuses[0] != http.StatusTooManyRequests || statuses[1] != http.StatusOK {
		t.Errorf("follow-up statuses %v, want a 429 then the retried 200", statuses)
	}
}

const secondGuildID = "1100000000000000101"
const secondChannelID = "1100000000000000201"

func twoGuilds() discordtest.Option {
	g := func(id, channel, name string) *discordgo.Guild {
		return &discordgo.Guild{ID: id, Name: name, Channels: []*discordgo.Channel{{ID: channel, GuildID: id, Name: "news", Type: discordgo.ChannelTypeGuildText}}}
	}
	return discordtest.WithGuilds(
		g(discordtest.DefaultGuildID, discordtest.DefaultChannelID, "Harbour Town"),
		g(secondGuildID, secondChannelID, "River Valley"),
	)
}

func TestE2ETwoServersNeverMix(t *testing.T) {
	e := startEnv(t, withFake(twoGuilds()))
	harbour, drought := e.pages.link("harbour-levy"), e.pages.link("river-drought")

	e.answer(e.slash(nil, discordtest.DefaultGuildID, "brief", discordtest.StringOption("url", harbour)))
	e.answer(e.slash(nil, discordtest.DefaultGuildID, "brief", discordtest.StringOption("url", drought)))
	// The same harbour link in the second server is new there.
	msg := e.fake.DispatchMessage(&discordgo.Message{ChannelID: secondChannelID, Content: harbour})
	e.waitReaction(secondChannelID, msg.ID, reactDone)
	replies := e.repliesTo(secondChannelID, msg.ID)
	if len(replies) != 1 || strings.Contains(replies[0].Content, "Already shared") {
		t.Fatalf("second server was told the link was already shared: %+v", replies)
	}
	if a, b := e.countArticles(discordtest.DefaultGuildID), e.countArticles(secondGuildID); a != 2 || b != 1 {
		t.Fatalf("articles per server %d and %d, want 2 and 1", a, b)
	}

	first, _ := e.db.ArticleByURL(context.Background(), discordtest.DefaultGuildID, drought)
	m := e.answer(e.slash(nil, secondGuildID, "brief", discordtest.StringOption("article", fmt.Sprint(first.ID))))
	if !isEphemeral(m) || len(m.Embeds) != 0 || !strings.Contains(m.Content, "no such article") {
		t.Errorf("second server reached the first one's article #%d: %+v", first.ID, m)
	}
	if c := e.autocompleteChoices(secondGuildID, "brief", "article", "drought"); len(c) != 0 {
		t.Errorf("second server's autocomplete offered %+v", c)
	}
	m = e.answer(e.slash(nil, secondGuildID, "articles"))
	if len(m.Embeds) != 1 || strings.Contains(m.Embeds[0].Description, "River Sable") || !strings.Contains(m.Embeds[0].Footer.Text, "1 article") {
		t.Errorf("second server's /articles: %+v", m.Embeds)
	}
	m = e.answer(e.slash(nil, secondGuildID, "forget", discordtest.StringOption("article", fmt.Sprint(first.ID))))
	if !strings.Contains(m.Content, "no such article") || e.countArticles(discordtest.DefaultGuildID) != 2 {
		t.Errorf("second server's /forget touched the first one: %q", m.Content)
	}
}

// inflatingBriefer makes a briefing from the article that breaks every embed
// limit: the fetched text (holding @everyone and a user mention) repeated
// into a summary, 60 actors, quotes and positions.
type inflatingBriefer struct{}

func (inflatingBriefer) BriefContext(_ context.Context, a briefingArticle) (briefingResult, error) {
	return inflate(a), nil
}

func TestE2EMentionsAndLimits(t *testing.T) {
	e := startEnv(t, withBriefer(inflatingBriefer{}))
	in := e.slash(nil, "", "brief", discordtest.StringOption("url", e.pages.link("mention-storm")))
	m := e.answer(in)
	if len(m.Embeds) != 1 {
		t.Fatalf("reply: %+v", m)
	}
	em := m.Embeds[0]
	texts := []string{m.Content, em.Title, em.Description, em.Author.Name}
	if em.Footer != nil {
		texts = append(texts, em.Footer.Text)
	}
	for _, f := range em.Fields {
		texts = append(texts, f.Name, f.Value)
	}
	for _, s := range texts {
		if strings.Contains(s, "@everyone") || strings.Contains(s, "@here") || strings.Contains(s, "<@1") {
			t.Errorf("live mention sent: %q", s)
		}
	}
	if !strings.Contains(em.Title, "@\u200beveryone") {
		t.Errorf("title should keep the text, mention broken: %q", em.Title)
	}
	// Pasted, as a message reply, the same holds.
	msg := e.fake.DispatchMessage(&discordgo.Message{Content: e.pages.link("mention-storm") + "?edition=2"})
	e.waitReaction(msg.ChannelID, msg.ID, reactDone)
	// The fake fails the test on any limit or allowed-mentions violation;
	// check the bodies sent carried the empty parse list too.
	var sent []discordtest.Request
	e.waitFor("the edit and the reply on record", func(s *discordtest.Server) bool {
		sent = sent[:0]
		for _, r := range s.Requests() {
			if r.Method == http.MethodPost && strings.HasPrefix(r.Path, "/webhooks/") && !strings.Contains(r.Path, "/messages/") ||
				r.Method == http.MethodPost && strings.HasSuffix(r.Path, "/messages") {
				sent = append(sent, r)
			}
		}
		return len(sent) >= 2
	})
	for _, r := range sent {
		if !bytes.Contains(r.Body, []byte(`"allowed_mentions":{"parse":[]`)) {
			t.Errorf("%s %s without an empty allowed_mentions parse list: %s", r.Method, r.Path, r.Body[:min(200, len(r.Body))])
		}
	}
	if v := e.fake.Violations(); len(v) != 0 {
		t.Errorf("Discord rules broken: %v", v)
	}
}

func TestE2ENoMessageContentIntent(t *testing.T) {
	e := startEnv(t, withFake(discordtest.WithDisallowedIntents(discordgo.IntentMessageContent)))
	ids := e.fake.Identifies()
	if len(ids) == 0 || ids[len(ids)-1].Intents&discordgo.IntentMessageContent != 0 {
		t.Fatalf("bot identified with %v; it should drop the refused intent", ids)
	}
	if n := strings.Count(e.logs.String(), "pasted links are off"); n != 1 {
		t.Errorf("the missing intent was logged %d times, want one clear line:\n%s", n, e.logs.String())
	}
	m := e.answer(e.slash(nil, "", "brief", discordtest.StringOption("url", e.pages.link("harbour-levy"))))
	if len(m.Embeds) != 1 {
		t.Errorf("slash commands should work without the intent: %+v", m)
	}
	msg := e.fake.DispatchMessage(&discordgo.Message{Content: e.pages.link("river-drought")})
	// A later interaction is answered only after the message was handled
	// (events arrive in order), so no reply by then means none at all.
	e.answer(e.slash(nil, "", "articles"))
	if r := e.repliesTo(msg.ChannelID, msg.ID); len(r) != 0 {
		t.Errorf("replied to a message whose content it cannot read: %+v", r)
	}
}

func TestE2EServerRateLimit(t *testing.T) {
	e := startEnv(t, withConfig(func(c *Config) { c.LinksPerMinute = 2 }))
	msg := e.fake.DispatchMessage(&discordgo.Message{Content: strings.Join([]string{
		e.pages.link("harbour-levy"), e.pages.link("river-drought"), e.pages.link("rail-strike"),
	}, " ")})
	e.waitReaction(msg.ChannelID, msg.ID, reactDone)
	replies := e.repliesTo(msg.ChannelID, msg.ID)
	var briefings, slow int
	for _, r := range replies {
		briefings += len(r.Embeds) // the briefed links share one reply, a card each
		if strings.Contains(r.Content, "Slow down a little") {
			slow++
		}
	}
	if briefings != 2 || slow != 1 {
		t.Errorf("%d briefings and %d slow-down lines, want 2 and 1: %+v", briefings, slow, replies)
	}
	in := e.slash(nil, "", "brief", discordtest.StringOption("url", e.pages.link("rail-strike")))
	if m := e.answer(in); !isEphemeral(m) || !strings.Contains(m.Content, "Slow down a little") {
		t.Errorf("/brief over the limit answered %+v", m)
	}
	e.clock.Add(time.Minute)
	if m := e.answer(e.slash(nil, "", "brief", discordtest.StringOption("url", e.pages.link("rail-strike")))); len(m.Embeds) != 1 {
		t.Errorf("after a minute the link should be briefed: %+v", m)
	}
}

func TestE2EArticlesPaging(t *testing.T) {
	e := startEnv(t)
	ctx := context.Background()
	for i := 0; i < pageSize+3; i++ {
		a := briefingArticleFor(fmt.Sprintf("%s?edition=%d", e.pages.link("harbour-levy"), i), fmt.Sprintf("Harbour story %d", i))
		sub := storage.Submission{GuildID: discordtest.DefaultGuildID, ChannelID: discordtest.DefaultChannelID, UserID: discordtest.DefaultUserID, At: e.clock.Now().Add(time.Duration(i) * time.Minute)}
		if _, _, err := e.db.SaveArticle(ctx, sub, a); err != nil {
			t.Fatal(err)
		}
	}
	in := e.slash(nil, "", "articles")
	m := e.answer(in)
	if len(m.Embeds) != 1 || !strings.Contains(m.Embeds[0].Footer.Text, "Page 1 of 2") || len(m.Components) != 1 {
		t.Fatalf("/articles first page: %+v", m)
	}
	if !strings.Contains(m.Embeds[0].Description, "Harbour story 10") || strings.Contains(m.Embeds[0].Description, "Harbour story 0]") {
		t.Errorf("first page should hold the newest articles:\n%s", m.Embeds[0].Description)
	}
	row, ok := m.Components[0].(*discordgo.ActionsRow)
	if !ok || len(row.Components) != 2 {
		t.Fatalf("components %+v", m.Components)
	}
	next := row.Components[1].(*discordgo.Button)
	press := e.fake.DispatchInteraction(&discordgo.Interaction{
		Type:    discordgo.InteractionMessageComponent,
		Data:    discordgo.MessageComponentInteractionData{CustomID: next.CustomID, ComponentType: discordgo.ButtonComponent},
		Message: m,
	})
	e.waitFor("page 2", func(s *discordtest.Server) bool {
		cur := s.Message(m.ID)
		return cur != nil && len(cur.Embeds) == 1 && strings.Contains(cur.Embeds[0].Footer.Text, "Page 2 of 2")
	})
	if cb := e.callbacks(press); len(cb) != 1 || cb[0].Type != discordgo.InteractionResponseUpdateMessage {
		t.Errorf("button press answered with %+v, want UPDATE_MESSAGE", cb)
	}
	if page2 := e.fake.Message(m.ID); !strings.Contains(page2.Embeds[0].Description, "Harbour story 0]") {
		t.Errorf("second page should hold the oldest:\n%s", page2.Embeds[0].Description)
	}

	m = e.answer(e.slash(nil, "", "articles", discordtest.StringOption("query", "story 7")))
	if !strings.Contains(m.Embeds[0].Description, "Harbour story 7") {
		t.Errorf("search answered:\n%s", m.Embeds[0].Description)
	}
}

func TestE2EShutdownAbandonsSlowWork(t *testing.T) {
	e := startEnv(t, withConfig(func(c *Config) { c.ShutdownGrace = 300 * time.Millisecond; c.JobTimeout = time.Minute }))
	in := e.slash(nil, "", "brief", discordtest.StringOption("url", e.pages.URL+"/slow"))
	e.waitFor("deferral", func(s *discordtest.Server) bool { return len(s.InteractionResponses(in.ID)) == 1 })
	start := time.Now()
	if err := e.stop(); err != nil {
		t.Fatalf("Run returned %v on shutdown", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("shutdown took %v with a 300 ms grace period", d)
	}
	m := e.answer(in)
	if !isEphemeral(m) || !strings.Contains(m.Content, "restarting") {
		t.Errorf("abandoned /brief answered %+v, want a private 'restarting' line", m)
	}
	if !strings.Contains(e.logs.String(), "briefbot stopped") {
		t.Error("shutdown not logged")
	}
}

// lenientTB lets a test expect the fake to record a rule break.
type lenientTB struct {
	testing.TB
	mu     sync.Mutex
	errors []string
}

func (l *lenientTB) Errorf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.errors = append(l.errors, fmt.Sprintf(format, args...))
}

func TestE2EBadTokenStopsRun(t *testing.T) {
	fake := discordtest.New(&lenientTB{TB: t}, discordtest.WithToken("MTEwMDAwMDAwMDAwMDAwMDAwMQ.Other1.zyxwvutsrqponmlkjihgfedcba98765"))
	db, err := storage.Open(context.Background(), filepath.Join(t.TempDir(), "b.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	logs := &syncBuffer{}
	b, err := New(Config{Token: testToken}, Deps{Store: db, Briefer: testEngine(), HTTPClient: fake.HTTPClient(), Logger: slog.New(slog.NewTextHandler(logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), waitTimeout)
	defer cancel()
	err = b.Run(ctx)
	if err == nil || !strings.Contains(err.Error(), "DISCORD_TOKEN") {
		t.Errorf("Run with a refused token returned %v", err)
	}
	if strings.Contains(logs.String()+fmt.Sprint(err), strings.Split(testToken, ".")[2]) {
		t.Error("token in logs or error")
	}
	// The fake recorded the refused call as a rule break; that is the point here.
	for _, v := range fake.Violations() {
		if v.Rule != discordtest.RuleAuthorization {
			t.Errorf("unexpected violation %v", v)
		}
	}
}

// TestE2ETokenNeverLogged drives the paths that log the most (errors, a
// dropped connection, a rate limit, debug level) and looks for the token.
// Every other end-to-end test checks the same at cleanup.
func TestE2ETokenNeverLogged(t *testing.T) {
	e := startEnv(t)
	e.answer(e.slash(nil, "", "brief", discordtest.StringOption("url", e.pages.URL+"/news/missing")))
	e.fake.RateLimitNext("", "/channels/{id}/messages", 100*time.Millisecond)
	msg := e.fake.DispatchMessage(&discordgo.Message{Content: e.pages.link("harbour-levy")})
	e.waitReaction(msg.ChannelID, msg.ID, reactDone)
	e.fake.DropConnection()
	e.waitFor("resume", func(s *discordtest.Server) bool { return len(s.Resumes()) > 0 })
	e.answer(e.slash(nil, "", "articles"))
	if err := e.stop(); err != nil {
		t.Fatal(err)
	}
	logs := e.logs.String()
	if !strings.Contains(logs, "level=DEBUG") || !strings.Contains(logs, "reconnecting") {
		t.Fatalf("the logs did not capture the run:\n%s", logs)
	}
	for _, part := range append(strings.Split(testToken, "."), testToken) {
		if strings.Contains(logs, part) {
			t.Errorf("token part %q found in the logs", part[:4])
		}
	}
}
