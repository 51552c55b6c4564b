package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"
	_ "time/tzdata" // the zones the tests use, whatever the host has

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/discordtest"
	"github.com/briefbot/briefbot/bot/schedule"
	"github.com/briefbot/briefbot/storage"
)

// The digest's end-to-end tests drive the scheduler by hand: the bot's
// clock is the test's, and the hour comes when the test calls Fire, Tick or
// CatchUp with it. The scheduler's own timers run too, but only ever act on
// that same clock, so they can repeat a step, never add one.

// digestChannelID is where the tests' digests go.
const digestChannelID = "1100000000000000250"

// manager may configure the digest; bystander may not (Manage Messages is not Manage Server).
func manager() *discordgo.Member {
	return discordtest.GuildMember("1100000000000000666", discordgo.PermissionManageGuild)
}

func bystander() *discordgo.Member {
	return discordtest.GuildMember("1100000000000000555", discordgo.PermissionSendMessages|discordgo.PermissionManageMessages)
}

func channelOption(name, id string) *discordgo.ApplicationCommandInteractionDataOption {
	return &discordgo.ApplicationCommandInteractionDataOption{Name: name, Type: discordgo.ApplicationCommandOptionChannel, Value: id}
}

// digestCmd dispatches /digest <sub> by member (nil: the default member).
func (e *env) digestCmd(member *discordgo.Member, sub string, opts ...*discordgo.ApplicationCommandInteractionDataOption) *discordgo.Interaction {
	return e.slash(member, "", "digest", discordtest.SubcommandOption(sub, opts...))
}

// setupDigest runs /digest setup as a server manager and returns the answer.
func (e *env) setupDigest(opts ...*discordgo.ApplicationCommandInteractionDataOption) *discordgo.Message {
	e.t.Helper()
	return e.answer(e.digestCmd(manager(), "setup", append([]*discordgo.ApplicationCommandInteractionDataOption{channelOption("channel", digestChannelID)}, opts...)...))
}

// brief ingests a test page through /brief.
func (e *env) brief(page string) {
	e.t.Helper()
	m := e.answer(e.slash(nil, "", "brief", discordtest.StringOption("url", e.pages.link(page))))
	if len(m.Embeds) != 1 {
		e.t.Fatalf("/brief %s answered %+v", page, m)
	}
}

func (e *env) digestRuns() []storage.DigestRun {
	e.t.Helper()
	runs, err := e.db.DigestRuns(context.Background(), discordtest.DefaultGuildID, 0)
	if err != nil {
		e.t.Fatal(err)
	}
	return runs
}

// posted is the text of every digest message the bot posted, in order.
func (e *env) posted() ([]*discordgo.Message, string) {
	msgs := e.fake.ChannelMessages(digestChannelID)
	var b strings.Builder
	for _, m := range msgs {
		for _, text := range messageTexts(reply{content: m.Content, embeds: m.Embeds}) {
			b.WriteString(text + "\n")
		}
	}
	return msgs, b.String()
}

// restart stops the running bot and starts a new one over the same database
// file and fake Discord, as a restarted process would be. It returns once
// the new bot has registered its commands, which it does after starting its
// scheduler.
func (e *env) restart() *env {
	e.t.Helper()
	if err := e.stop(); err != nil {
		e.t.Fatalf("stop bot: %v", err)
	}
	registrations := func(s *discordtest.Server) int {
		n := 0
		for _, r := range s.Requests() {
			if r.Method == "PUT" && strings.HasSuffix(r.Path, "/commands") && r.Status == 200 {
				n++
			}
		}
		return n
	}
	before := registrations(e.fake)
	cfg := Config{Token: testToken, Workers: 3, LinksPerMinute: 10, JobTimeout: 10 * time.Second, ShutdownGrace: 3 * time.Second, MessageContent: true, AllowLoopback: true}
	logger := slog.New(slog.NewTextHandler(e.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	b, err := New(cfg, Deps{Store: e.db, Briefer: testEngine(), Logger: logger, Now: e.clock.Now, HTTPClient: e.fake.HTTPClient()})
	if err != nil {
		e.t.Fatalf("create bot: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.Run(ctx) }()
	var once sync.Once
	var runErr error
	n := *e
	n.bot = b
	n.stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case runErr = <-done:
			case <-time.After(cfg.ShutdownGrace + 15*time.Second):
				runErr = errors.New("Run did not return after shutdown")
			}
		})
		return runErr
	}
	// Registered after startEnv's cleanup, so it runs first: the bot stops
	// before the database closes.
	e.t.Cleanup(func() {
		if err := n.stop(); err != nil {
			e.t.Errorf("restarted bot: %v", err)
		}
	})
	n.waitFor("the restarted bot's commands", func(s *discordtest.Server) bool { return registrations(s) > before })
	wctx, cancelWait := context.WithTimeout(context.Background(), waitTimeout)
	defer cancelWait()
	if _, err := e.fake.WaitIdentified(wctx); err != nil {
		e.t.Fatalf("restarted bot never identified: %v", err)
	}
	return &n
}

// setClock moves the bot's clock to t.
func (e *env) setClock(t time.Time) { e.clock.Add(t.Sub(e.clock.Now())) }

func TestE2EDigestSetupPermissions(t *testing.T) {
	e := startEnv(t)
	ctx := context.Background()
	opts := []*discordgo.ApplicationCommandInteractionDataOption{
		channelOption("channel", digestChannelID),
		discordtest.StringOption("time", "07:30"),
		discordtest.StringOption("timezone", "europe/london"),
	}

	in := e.digestCmd(bystander(), "setup", opts...)
	m := e.answer(in)
	if !isEphemeral(m) || m.Content != notAllowedToConfigureDigest {
		t.Errorf("setup by a member without Manage Server answered %q (ephemeral %v)", m.Content, isEphemeral(m))
	}
	if _, err := e.db.Server(ctx, discordtest.DefaultGuildID); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("refused setup saved settings: %v", err)
	}
	m = e.answer(e.digestCmd(bystander(), "off"))
	if !isEphemeral(m) || m.Content != notAllowedToConfigureDigest {
		t.Errorf("off by a member without Manage Server answered %q", m.Content)
	}

	// Bad input is refused before anything is saved.
	for _, tc := range []struct{ option, value, want string }{
		{"time", "25:00", "use HH:MM on a 24-hour clock"},
		{"timezone", "Mars/Olympus_Mons", "I don't know the time zone"},
		{"timezone", "Local", "I don't know the time zone"},
	} {
		m := e.answer(e.digestCmd(manager(), "setup", channelOption("channel", digestChannelID), discordtest.StringOption(tc.option, tc.value)))
		if !isEphemeral(m) || !strings.Contains(m.Content, tc.want) {
			t.Errorf("setup %s:%s answered %q, want an ephemeral line with %q", tc.option, tc.value, m.Content, tc.want)
		}
	}
	if _, err := e.db.Server(ctx, discordtest.DefaultGuildID); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("setup with bad input saved settings: %v", err)
	}

	in = e.digestCmd(manager(), "setup", opts...)
	m = e.answer(in)
	// 09:00 UTC on Saturday 14 Feb; London is on UTC in February.
	next := time.Date(2026, 2, 15, 7, 30, 0, 0, time.UTC)
	for _, want := range []string{"The digest is on", "<#" + digestChannelID + ">", fmt.Sprintf("every day at <t:%d:t> (set in Europe/London)", next.Unix()), fmt.Sprintf("due <t:%d:R>", next.Unix())} {
		if !strings.Contains(m.Content, want) {
			t.Errorf("setup answered %q, want %q in it", m.Content, want)
		}
	}
	if !isEphemeral(m) {
		t.Error("setup's confirmation should be private")
	}
	srv, err := e.db.Server(ctx, discordtest.DefaultGuildID)
	if err != nil || !srv.DigestEnabled || srv.DigestChannel != digestChannelID || srv.DigestSchedule != "30 7 * * *" || srv.TimeZone != "Europe/London" {
		t.Fatalf("saved settings %+v (%v)", srv, err)
	}

	// Status is for everyone: the next run in the server's time and as a timestamp.
	m = e.answer(e.digestCmd(bystander(), "status"))
	if !isEphemeral(m) || len(m.Embeds) != 1 {
		t.Fatalf("status answered %+v", m)
	}
	desc := m.Embeds[0].Description
	for _, want := range []string{"**on**", fmt.Sprintf("every day at <t:%d:t> (set in Europe/London)", next.Unix()), fmt.Sprintf("due <t:%d:R>", next.Unix()), "No digest has been posted yet."} {
		if !strings.Contains(desc, want) {
			t.Errorf("status %q lacks %q", desc, want)
		}
	}

	// Only a channel: the configured default time applies, the zone stays.
	m = e.setupDigest()
	if !strings.Contains(m.Content, ", the bot's default time (set in Europe/London)") {
		t.Errorf("setup with only a channel answered %q", m.Content)
	}
	if srv, _ := e.db.Server(ctx, discordtest.DefaultGuildID); srv.DigestSchedule != "" || srv.TimeZone != "Europe/London" {
		t.Errorf("settings after a channel-only setup: %+v", srv)
	}
}

func TestE2EDigestTimezoneAutocomplete(t *testing.T) {
	e := startEnv(t)
	choices := func(typed string) []*discordgo.ApplicationCommandOptionChoice {
		in := discordtest.SlashCommand("digest", discordtest.SubcommandOption("setup",
			channelOption("channel", digestChannelID),
			&discordgo.ApplicationCommandInteractionDataOption{Name: "timezone", Type: discordgo.ApplicationCommandOptionString, Value: typed, Focused: true}))
		in.Type = discordgo.InteractionApplicationCommandAutocomplete
		in = e.fake.DispatchInteraction(in)
		e.waitFor("autocomplete answer", func(s *discordtest.Server) bool { return len(s.InteractionResponses(in.ID)) > 0 })
		var resp struct {
			Data struct {
				Choices []*discordgo.ApplicationCommandOptionChoice `json:"choices"`
			} `json:"data"`
		}
		if err := json.Unmarshal(e.callbacks(in)[0].Raw, &resp); err != nil {
			t.Fatal(err)
		}
		return resp.Data.Choices
	}
	got := choices("LONDON")
	if len(got) != 1 || got[0].Value != "Europe/London" || got[0].Name != "Europe/London" {
		t.Errorf("LONDON suggested %+v", got)
	}
	if got := choices("new york"); len(got) == 0 || got[0].Value != "America/New_York" {
		t.Errorf("new york suggested %+v", got)
	}
	if got := choices("a"); len(got) != 25 {
		t.Errorf("a suggested %d zones, want the 25 Discord allows", len(got))
	}
}

func TestE2EDigestPostedOnceAtTheHour(t *testing.T) {
	e := startEnv(t)
	ctx := context.Background()
	guild := discordtest.DefaultGuildID
	e.setupDigest(discordtest.StringOption("time", "08:00"), discordtest.StringOption("timezone", "America/New_York"))
	pages := []string{"harbour-levy", "river-drought", "rail-strike"}
	for _, p := range pages {
		e.brief(p)
	}

	// 08:00 in New York is 13:00 UTC; the clock stands at 09:00 UTC.
	fire := time.Date(2026, 2, 14, 13, 0, 0, 0, time.UTC)
	e.setClock(fire)
	if err := e.bot.digests.Fire(ctx, guild, fire); err != nil {
		t.Fatalf("Fire: %v", err)
	}
	msgs, text := e.posted()
	if len(msgs) == 0 {
		t.Fatal("nothing posted at the hour")
	}
	head := msgs[0].Content
	if !strings.HasPrefix(head, "**[Digest](") || !strings.Contains(head, fmt.Sprintf("<t:%d:f> – <t:%d:f>", fire.Add(-24*time.Hour).Unix(), fire.Unix())) ||
		!strings.Contains(head, "from 3 articles shared by 1 member") || strings.Contains(head, "late") {
		t.Errorf("header %q", head)
	}
	linked := map[string]bool{}
	for _, m := range msgs {
		for _, em := range m.Embeds {
			linked[em.URL] = true
		}
	}
	for _, p := range pages {
		if !linked[e.pages.link(p)] && !strings.Contains(text, "("+e.pages.link(p)+")") {
			t.Errorf("the digest does not link %s", p)
		}
	}
	ids := make([]string, len(msgs))
	for i, m := range msgs {
		ids[i] = m.ID
	}
	// Each message went out with a nonce Discord enforces.
	for _, r := range e.fake.Requests() {
		if r.Method == "POST" && r.Path == "/channels/"+digestChannelID+"/messages" {
			var body struct {
				Nonce        string `json:"nonce"`
				EnforceNonce bool   `json:"enforce_nonce"`
			}
			if err := json.Unmarshal(r.Body, &body); err != nil || !strings.HasPrefix(body.Nonce, "bd") || !body.EnforceNonce {
				t.Errorf("digest message sent with nonce %q enforce %v (%v)", body.Nonce, body.EnforceNonce, err)
			}
		}
	}

	// Firing again, later in the hour, or a tick: nothing more.
	for _, at := range []time.Time{fire, fire.Add(time.Minute)} {
		if err := e.bot.digests.Fire(ctx, guild, at); err != nil {
			t.Errorf("Fire again at %v: %v", at, err)
		}
	}
	if err := e.bot.digests.Tick(ctx, fire.Add(5*time.Minute)); err != nil {
		t.Errorf("Tick: %v", err)
	}
	if got, _ := e.posted(); len(got) != len(msgs) {
		t.Fatalf("%d messages after firing again, want the first %d only", len(got), len(msgs))
	}
	runs := e.digestRuns()
	if len(runs) != 1 || runs[0].State != storage.StatePosted || len(runs[0].ArticleIDs) != 3 || strings.Join(runs[0].MessageIDs, ",") != strings.Join(ids, ",") {
		t.Fatalf("digest log %+v, want one posted digest of the 3 articles", runs)
	}

	m := e.answer(e.digestCmd(nil, "status"))
	desc := m.Embeds[0].Description
	nextFire := fire.Add(24 * time.Hour)
	for _, want := range []string{fmt.Sprintf("**Last digest:** the day to <t:%d:f>", fire.Unix()), "3 articles in " + countText(len(msgs), "message", "messages"),
		fmt.Sprintf("every day at <t:%d:t>", nextFire.Unix()), fmt.Sprintf("due <t:%d:R>", nextFire.Unix()), "https://discord.com/channels/" + guild + "/" + digestChannelID + "/" + ids[0]} {
		if !strings.Contains(desc, want) {
			t.Errorf("status %q lacks %q", desc, want)
		}
	}

	// A restart at the same hour posts nothing again.
	e.setClock(fire.Add(10 * time.Minute))
	e = e.restart()
	if err := e.bot.digests.CatchUp(ctx, e.clock.Now()); err != nil {
		t.Errorf("CatchUp after restart: %v", err)
	}
	if err := e.bot.digests.Fire(ctx, guild, fire); err != nil {
		t.Errorf("Fire after restart: %v", err)
	}
	if got, _ := e.posted(); len(got) != len(msgs) {
		t.Fatalf("%d messages after a restart, want still %d", len(got), len(msgs))
	}

	// One more article, then the bot is offline at the next hour: the next
	// start posts that digest late, with only the new article.
	e.setClock(fire.Add(time.Hour))
	e.brief("mention-storm")
	if err := e.stop(); err != nil {
		t.Fatal(err)
	}
	e.setClock(nextFire.Add(2 * time.Hour))
	e = e.restart()
	e.waitFor("the late digest", func(s *discordtest.Server) bool { return len(s.ChannelMessages(digestChannelID)) > len(msgs) })
	// The start-up catch-up holds the server's digest lock until it has
	// recorded the post; a second catch-up waits for it, then finds it done.
	if err := e.bot.digests.CatchUp(ctx, e.clock.Now()); err != nil {
		t.Errorf("CatchUp: %v", err)
	}
	all, _ := e.posted()
	late := all[len(msgs):]
	var lateText strings.Builder
	for _, m := range late {
		for _, s := range messageTexts(reply{content: m.Content, embeds: m.Embeds}) {
			lateText.WriteString(s + "\n")
		}
	}
	lt := lateText.String()
	for _, want := range []string{"posted late: the bot was offline", "1 story from 1 article shared by 1 member", e.pages.link("mention-storm")} {
		if !strings.Contains(lt, want) {
			t.Errorf("late digest lacks %q:\n%s", want, lt)
		}
	}
	for _, p := range pages {
		if strings.Contains(lt, e.pages.link(p)+")") {
			t.Errorf("late digest repeats %s, already posted", p)
		}
	}
	if loc := pingable.FindStringIndex(lt); loc != nil {
		t.Errorf("late digest holds pingable text %q", lt[loc[0]:loc[1]])
	}
	runs = e.digestRuns()
	if len(runs) != 2 || runs[0].State != storage.StatePosted || !runs[0].Late || !runs[0].PeriodStart.Equal(fire) {
		t.Errorf("digest log after the late one: %+v", runs)
	}
}

func TestE2EDigestFailingChannel(t *testing.T) {
	e := startEnv(t)
	ctx := context.Background()
	guild := discordtest.DefaultGuildID
	e.setupDigest(discordtest.StringOption("time", "08:00"))
	e.brief("harbour-levy")
	e.fake.DenyChannel(digestChannelID, discordgo.ErrCodeMissingPermissions)

	fire := time.Date(2026, 2, 15, 8, 0, 0, 0, time.UTC)
	e.setClock(fire)
	err := e.bot.digests.Fire(ctx, guild, fire)
	if !schedule.IsPermanent(err) {
		t.Fatalf("Fire into a channel the bot may not post in: %v, want a permanent error", err)
	}
	if msgs, _ := e.posted(); len(msgs) != 0 {
		t.Fatalf("%d messages in a denied channel", len(msgs))
	}
	runs := e.digestRuns()
	if len(runs) != 1 || runs[0].State != storage.StateFailed || !strings.Contains(runs[0].LastError, "50013") {
		t.Fatalf("digest log %+v, want the failure recorded", runs)
	}
	// Nothing retries it on its own.
	if err := e.bot.digests.Tick(ctx, fire.Add(time.Hour)); err != nil {
		t.Errorf("Tick: %v", err)
	}
	if runs := e.digestRuns(); runs[0].Attempts != 1 {
		t.Errorf("a permanent failure was retried: %+v", runs[0])
	}

	m := e.answer(e.digestCmd(bystander(), "status"))
	desc := m.Embeds[0].Description
	for _, want := range []string{fmt.Sprintf("**Last digest failed:** the day to <t:%d:f>, after 1 attempt of 4", fire.Unix()),
		"I'm not allowed to post in <#" + digestChannelID + "> (Discord error 50013)", "I won't try again until the settings change"} {
		if !strings.Contains(desc, want) {
			t.Errorf("status %q lacks %q", desc, want)
		}
	}

	// The permission is granted and the digest set up again: the next tick posts it.
	e.fake.DenyChannel(digestChannelID, 0)
	e.setClock(fire.Add(2 * time.Hour))
	e.setupDigest(discordtest.StringOption("time", "08:00"))
	if err := e.bot.digests.Tick(ctx, e.clock.Now()); err != nil {
		t.Fatalf("Tick after the fix: %v", err)
	}
	msgs, text := e.posted()
	if len(msgs) == 0 || !strings.Contains(text, e.pages.link("harbour-levy")) || !strings.Contains(text, "posted late") {
		t.Fatalf("after the fix posted %d messages:\n%s", len(msgs), text)
	}
	if runs := e.digestRuns(); len(runs) != 1 || runs[0].State != storage.StatePosted || runs[0].Attempts != 2 {
		t.Errorf("digest log %+v, want the same period posted on its second attempt", runs)
	}
}

func TestE2EDigestNowIsPrivateAndNotClaimed(t *testing.T) {
	e := startEnv(t)
	ctx := context.Background()
	m := e.answer(e.digestCmd(nil, "now"))
	if !isEphemeral(m) || m.Content != "Nothing was shared here in the last 24 hours." {
		t.Errorf("/digest now with nothing shared answered %q", m.Content)
	}

	e.setupDigest(discordtest.StringOption("time", "08:00"))
	e.brief("harbour-levy")
	e.brief("rail-strike")
	e.clock.Add(time.Hour)

	in := e.digestCmd(nil, "now", discordtest.IntegerOption("hours", 48))
	m = e.answer(in)
	if !isEphemeral(m) || len(m.Embeds) == 0 {
		t.Fatalf("/digest now answered %+v, want a private digest", m)
	}
	if cb := e.callbacks(in); cb[0].Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Errorf("/digest now was not deferred: %+v", cb[0])
	}
	now := e.clock.Now()
	if head := m.Content; !strings.HasPrefix(head, "**Digest preview**") || !strings.Contains(head, "2 stories from 2 articles shared by 1 member") ||
		!strings.Contains(head, fmt.Sprintf("<t:%d:f> – <t:%d:f>", now.Add(-48*time.Hour).Unix(), now.Unix())) {
		t.Errorf("preview header %q", head)
	}
	if runs := e.digestRuns(); len(runs) != 0 {
		t.Fatalf("/digest now claimed a period: %+v", runs)
	}
	if msgs, _ := e.posted(); len(msgs) != 0 {
		t.Fatalf("/digest now posted in the digest channel")
	}

	m = e.answer(e.digestCmd(nil, "now", discordtest.BooleanOption("public", true)))
	if isEphemeral(m) || len(m.Embeds) == 0 {
		t.Errorf("/digest now public:true answered privately: %+v", m)
	}

	// The daily digest still has both articles.
	fire := time.Date(2026, 2, 15, 8, 0, 0, 0, time.UTC)
	if err := e.bot.digests.Fire(ctx, discordtest.DefaultGuildID, fire); err != nil {
		t.Fatal(err)
	}
	if _, text := e.posted(); !strings.Contains(text, "2 stories from 2 articles shared by 1 member") {
		t.Errorf("the daily digest after a preview:\n%s", text)
	}
}

func TestE2EDigestOff(t *testing.T) {
	e := startEnv(t)
	ctx := context.Background()
	e.setupDigest(discordtest.StringOption("time", "08:00"))
	e.brief("harbour-levy")

	m := e.answer(e.digestCmd(manager(), "off"))
	if !isEphemeral(m) || !strings.Contains(m.Content, "The digest is off") {
		t.Errorf("/digest off answered %q", m.Content)
	}
	if srv, err := e.db.Server(ctx, discordtest.DefaultGuildID); err != nil || srv.DigestEnabled || srv.DigestChannel != digestChannelID {
		t.Errorf("settings after off: %+v (%v)", srv, err)
	}
	fire := time.Date(2026, 2, 15, 8, 0, 0, 0, time.UTC)
	e.setClock(fire)
	if err := e.bot.digests.Fire(ctx, discordtest.DefaultGuildID, fire); !errors.Is(err, schedule.ErrNotScheduled) {
		t.Errorf("Fire after off: %v, want ErrNotScheduled", err)
	}
	if err := e.bot.digests.Tick(ctx, fire); err != nil {
		t.Error(err)
	}
	m = e.answer(e.digestCmd(nil, "status"))
	if desc := m.Embeds[0].Description; !strings.Contains(desc, "The digest is **off**. It was posted in <#"+digestChannelID+">.") {
		t.Errorf("status after off: %q", desc)
	}
	if m := e.answer(e.digestCmd(manager(), "off")); !strings.Contains(m.Content, "already off") {
		t.Errorf("second off answered %q", m.Content)
	}

	// Nor does a restart bring it back.
	e = e.restart()
	if err := e.bot.digests.CatchUp(ctx, e.clock.Now()); err != nil {
		t.Error(err)
	}
	if msgs, _ := e.posted(); len(msgs) != 0 || len(e.digestRuns()) != 0 {
		t.Errorf("digest posted after /digest off: %d messages", len(msgs))
	}
}

// TestE2EDigestPosterLimitsAndFind posts a digest of many long stories
// through the poster: the fake fails the test on any limit or ping. Then
// the poster finds it again by its marker, and a digest found only in part
// is removed so that it is posted whole.
func TestE2EDigestPosterLimitsAndFind(t *testing.T) {
	e := startEnv(t)
	ctx := context.Background()
	guild := discordtest.DefaultGuildID
	p := digestPoster{e.bot}
	d := longDigest(30, 25)
	opts := schedule.PostOptions{Nonce: "bd00aa11bb22cc33dd44", Scheduled: d.PeriodEnd, Attempt: 1}
	ids, err := p.PostDigest(ctx, guild, digestChannelID, d, opts)
	if err != nil {
		t.Fatalf("PostDigest: %v", err)
	}
	msgs, _ := e.posted()
	if len(ids) < 2 || len(ids) > maxDigestMessages || len(msgs) != len(ids) {
		t.Fatalf("posted %d messages (ids %d), want several, at most %d", len(msgs), len(ids), maxDigestMessages)
	}
	// A retry inside Discord's nonce window gets the same messages back.
	again, err := p.PostDigest(ctx, guild, digestChannelID, d, opts)
	if err != nil || strings.Join(again, ",") != strings.Join(ids, ",") {
		t.Errorf("retry with the same nonce returned %v (%v), want %v", again, err, ids)
	}
	if got, _ := e.posted(); len(got) != len(ids) {
		t.Errorf("%d messages after a retry, want %d", len(got), len(ids))
	}

	// Someone else talks in the channel meanwhile.
	e.fake.DispatchMessage(&discordgo.Message{ChannelID: digestChannelID, Content: "morning all"})
	found, err := p.FindPosted(ctx, guild, digestChannelID, opts.Nonce)
	if err != nil || strings.Join(found, ",") != strings.Join(ids, ",") {
		t.Errorf("FindPosted = %v (%v), want %v", found, err, ids)
	}
	if found, err := p.FindPosted(ctx, guild, digestChannelID, "bd99999999999999999999"); found != nil || err != nil {
		t.Errorf("FindPosted of another digest = %v, %v", found, err)
	}

	if err := e.bot.session.Load().ChannelMessageDelete(digestChannelID, ids[1]); err != nil {
		t.Fatal(err)
	}
	if found, err := p.FindPosted(ctx, guild, digestChannelID, opts.Nonce); found != nil || err != nil {
		t.Errorf("FindPosted of a digest in part = %v, %v; want not found", found, err)
	}
	// Finishing it sends only the missing part, under a nonce never used
	// for a deleted message, and keeps the parts already there.
	before := len(e.fake.Requests())
	retry := opts
	retry.Attempt = 2
	done, err := p.PostDigest(ctx, guild, digestChannelID, d, retry)
	if err != nil || len(done) != len(ids) || done[0] != ids[0] || done[1] == ids[1] {
		t.Fatalf("finishing the digest gave %v (%v); want the first part kept and the second posted anew", done, err)
	}
	posts := 0
	for _, r := range e.fake.Requests()[before:] {
		if r.Method == "POST" && r.Path == "/channels/"+digestChannelID+"/messages" {
			posts++
		}
	}
	if posts != 1 {
		t.Errorf("finishing a digest missing one part sent %d messages, want 1", posts)
	}
	if found, err := p.FindPosted(ctx, guild, digestChannelID, opts.Nonce); strings.Join(found, ",") != strings.Join(done, ",") || err != nil {
		t.Errorf("FindPosted after finishing = %v, %v; want %v", found, err, done)
	}

	e.fake.DenyChannel(digestChannelID, discordgo.ErrCodeUnknownChannel)
	if _, err := p.PostDigest(ctx, guild, digestChannelID, d, schedule.PostOptions{Nonce: "bd01"}); !schedule.IsPermanent(err) || !strings.Contains(err.Error(), "no longer exists") {
		t.Errorf("posting to a deleted channel: %v, want a permanent error saying so", err)
	}
	if _, err := p.FindPosted(ctx, guild, digestChannelID, opts.Nonce); !schedule.IsPermanent(err) {
		t.Errorf("finding in a deleted channel: %v, want a permanent error", err)
	}
}
