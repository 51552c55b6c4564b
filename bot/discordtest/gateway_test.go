package discordtest_test

import (
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/discordtest"
	"github.com/bwmarrin/discordgo"
)

// TestSlashCommandFlow walks the bot's main path: READY, command registration, an interaction
// answered with a deferral and an edit, then a follow-up, all through the real discordgo client.
func TestSlashCommandFlow(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	// Handlers hand over copies: discordgo's state goes on writing to the structs it passed (READY's
	// guilds are overwritten in place by the GUILD_CREATE that follows), which -race would flag.
	type readyInfo struct {
		user      discordgo.User
		sessionID string
	}
	ready := make(chan readyInfo, 1)
	guilds := make(chan string, 1)
	got := make(chan *discordgo.Interaction, 1)
	handlerErr := make(chan error, 4)
	sess := connect(t, fake, discordgo.IntentsGuilds|discordgo.IntentsGuildMessages, func(s *discordgo.Session) {
		s.AddHandler(func(_ *discordgo.Session, r *discordgo.Ready) {
			info := readyInfo{sessionID: r.SessionID}
			if r.User != nil {
				info.user = *r.User
			}
			ready <- info
		})
		s.AddHandler(func(_ *discordgo.Session, g *discordgo.GuildCreate) { guilds <- g.ID })
		s.AddHandler(func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
			got <- ic.Interaction
			err := s.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{
				Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
			})
			if err != nil {
				handlerErr <- err
				return
			}
			url := ic.ApplicationCommandData().Options[0].StringValue()
			_, err = s.InteractionResponseEdit(ic.Interaction, &discordgo.WebhookEdit{
				Content:         strPtr("Briefing: " + url),
				Embeds:          &[]*discordgo.MessageEmbed{{Title: "Actors", Description: "The council wants a new bridge."}},
				AllowedMentions: noMentions(),
			})
			if err != nil {
				handlerErr <- err
			}
		})
	})

	r := receive(t, ready, "READY")
	if r.user.ID != discordtest.BotUserID || !r.user.Bot {
		t.Errorf("READY user = %+v, want the bot user %s", r.user, discordtest.BotUserID)
	}
	if r.sessionID == "" {
		t.Error("READY without a session ID")
	}
	if g := receive(t, guilds, "GUILD_CREATE"); g != discordtest.DefaultGuildID {
		t.Errorf("GUILD_CREATE for %s, want the default guild", g)
	}
	ids := fake.Identifies()
	if len(ids) != 1 || ids[0].Token != "Bot test-token" || ids[0].Intents != discordgo.IntentsGuilds|discordgo.IntentsGuildMessages {
		t.Fatalf("Identifies() = %+v, want one with token %q and the session's intents", ids, "Bot test-token")
	}

	registerBrief(t, sess, "")
	cmds := fake.Commands("")
	if len(cmds) != 1 || cmds[0].Name != "brief" || cmds[0].ID == "" || cmds[0].ApplicationID != discordtest.ApplicationID {
		t.Fatalf("Commands(\"\") = %+v, want /brief with an ID", cmds)
	}
	if g := fake.Commands(discordtest.DefaultGuildID); len(g) != 0 {
		t.Errorf("guild commands = %v, want none (registered globally)", g)
	}

	in := fake.DispatchInteraction(discordtest.SlashCommand("brief", discordtest.StringOption("url", "https://news.example/a")))
	recv := receive(t, got, "INTERACTION_CREATE")
	if recv.ID != in.ID || recv.Token != in.Token || recv.GuildID != discordtest.DefaultGuildID || recv.Member == nil {
		t.Errorf("bot received %+v, want the dispatched interaction in the default guild with a member", recv)
	}
	if d := recv.ApplicationCommandData(); d.Name != "brief" || d.ID != cmds[0].ID {
		t.Errorf("command data = %+v, want /brief with the registered ID %s", d, cmds[0].ID)
	}

	err := fake.WaitFor(waitCtx(t), func(s *discordtest.Server) bool {
		m := s.Original(in.Token)
		return m != nil && m.Flags&discordgo.MessageFlagsLoading == 0
	})
	if err != nil {
		t.Fatalf("waiting for the edited reply: %v (handler errors: %v)", err, drain(handlerErr))
	}
	orig := fake.Original(in.Token)
	if orig.Content != "Briefing: https://news.example/a" || len(orig.Embeds) != 1 || orig.Embeds[0].Title != "Actors" {
		t.Errorf("Original = content %q embeds %v, want the edited briefing", orig.Content, orig.Embeds)
	}
	cbs := fake.InteractionResponses(in.ID)
	if len(cbs) != 1 || cbs[0].Type != discordgo.InteractionResponseDeferredChannelMessageWithSource || cbs[0].Status != 204 {
		t.Errorf("InteractionResponses = %+v, want one accepted deferral", cbs)
	}

	// The bot can read its reply back and add a follow-up.
	back, err := sess.InteractionResponse(in)
	if err != nil || back.ID != orig.ID || back.Content != orig.Content {
		t.Errorf("InteractionResponse = %+v, %v; want the original reply %s", back, err, orig.ID)
	}
	f, err := sess.FollowupMessageCreate(in, true, &discordgo.WebhookParams{Content: "More sources", AllowedMentions: noMentions()})
	if err != nil {
		t.Fatalf("FollowupMessageCreate: %v", err)
	}
	if _, err := sess.FollowupMessageEdit(in, f.ID, &discordgo.WebhookEdit{Content: strPtr("More sources (2)"), AllowedMentions: noMentions()}); err != nil {
		t.Fatalf("FollowupMessageEdit: %v", err)
	}
	fs := fake.Followups(in.Token)
	if len(fs) != 1 || fs[0].ID != f.ID || fs[0].Content != "More sources (2)" || fs[0].EditedTimestamp == nil {
		t.Errorf("Followups = %+v, want the edited follow-up %s", fs, f.ID)
	}

	var paths []string
	for _, r := range fake.Requests() {
		paths = append(paths, r.Method+" "+r.Path)
	}
	joined := strings.Join(paths, "\n")
	for _, want := range []string{
		"GET /gateway",
		"PUT /applications/" + discordtest.ApplicationID + "/commands",
		"POST /interactions/" + in.ID + "/" + in.Token + "/callback",
		"PATCH /webhooks/" + discordtest.ApplicationID + "/" + in.Token + "/messages/@original",
	} {
		if !strings.Contains(joined, want) {
			t.Errorf("Requests() lacks %q; got:\n%s", want, joined)
		}
	}
	if v := fake.Violations(); len(v) != 0 {
		t.Errorf("Violations() = %v, want none", v)
	}
}

func drain(ch chan error) []error {
	var out []error
	for {
		select {
		case err := <-ch:
			out = append(out, err)
		default:
			return out
		}
	}
}

// TestResumeAfterDrop: a cut connection is resumed, not re-identified, and dispatches sent while
// the bot was away are replayed.
func TestResumeAfterDrop(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	msgs := make(chan *discordgo.MessageCreate, 4)
	resumed := make(chan struct{}, 1)
	connect(t, fake, discordgo.IntentsGuildMessages|discordgo.IntentMessageContent, func(s *discordgo.Session) {
		s.AddHandler(func(_ *discordgo.Session, m *discordgo.MessageCreate) { msgs <- m })
		s.AddHandler(func(_ *discordgo.Session, _ *discordgo.Resumed) { resumed <- struct{}{} })
	})
	first := fake.DispatchMessage(&discordgo.Message{Content: "before the drop"})
	if m := receive(t, msgs, "first message"); m.ID != first.ID || m.Content != "before the drop" {
		t.Fatalf("got %+v, want %s", m.Message, first.ID)
	}

	fake.DropConnection()
	missed := fake.DispatchMessage(&discordgo.Message{Content: "while away"})
	if m := receive(t, msgs, "replayed message"); m.ID != missed.ID {
		t.Fatalf("after resume got %s (%q), want the missed message %s", m.ID, m.Content, missed.ID)
	}
	receive(t, resumed, "RESUMED")
	// The fake records the resume after sending RESUMED, so wait for the record.
	if err := fake.WaitFor(waitCtx(t), func(s *discordtest.Server) bool { return len(s.Resumes()) > 0 }); err != nil {
		t.Fatal(err)
	}
	rs := fake.Resumes()
	if len(rs) != 1 || !rs[0].Accepted || rs[0].SessionID != fake.Identifies()[0].SessionID {
		t.Fatalf("Resumes() = %+v, want one accepted resume of the first session", rs)
	}
	if len(fake.Identifies()) != 1 {
		t.Errorf("Identifies() = %d, want 1: a dropped connection is resumed, not re-identified", len(fake.Identifies()))
	}

	later := fake.DispatchMessage(&discordgo.Message{Content: "after the resume"})
	if m := receive(t, msgs, "later message"); m.ID != later.ID {
		t.Errorf("got %s, want %s", m.ID, later.ID)
	}
	select {
	case m := <-msgs:
		t.Errorf("unexpected extra message %s %q (a replay must not repeat what the bot had seen)", m.ID, m.Content)
	default:
	}
	if fake.Connections() != 2 {
		t.Errorf("Connections() = %d, want 2", fake.Connections())
	}
}

// TestReconnectOp7: on RECONNECT discordgo closes, dials again and resumes.
func TestReconnectOp7(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	msgs := make(chan *discordgo.MessageCreate, 4)
	connect(t, fake, discordgo.IntentsGuildMessages|discordgo.IntentMessageContent, func(s *discordgo.Session) {
		s.AddHandler(func(_ *discordgo.Session, m *discordgo.MessageCreate) { msgs <- m })
	})
	fake.SendReconnect()
	err := fake.WaitFor(waitCtx(t), func(s *discordtest.Server) bool {
		rs := s.Resumes()
		return len(rs) == 1 && rs[0].Accepted
	})
	if err != nil {
		t.Fatalf("waiting for RESUME after op 7: %v", err)
	}
	m := fake.DispatchMessage(&discordgo.Message{Content: "still here"})
	if got := receive(t, msgs, "message after reconnect"); got.ID != m.ID {
		t.Errorf("got %s, want %s", got.ID, m.ID)
	}
	if len(fake.Identifies()) != 1 {
		t.Errorf("Identifies() = %d, want 1", len(fake.Identifies()))
	}
}

// TestInvalidSession: after a non-resumable INVALID_SESSION discordgo identifies again and gets a
// new session that receives dispatches.
func TestInvalidSession(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	msgs := make(chan *discordgo.MessageCreate, 4)
	connect(t, fake, discordgo.IntentsGuildMessages|discordgo.IntentMessageContent, func(s *discordgo.Session) {
		s.AddHandler(func(_ *discordgo.Session, m *discordgo.MessageCreate) { msgs <- m })
	})
	fake.SendInvalidSession(false)
	err := fake.WaitFor(waitCtx(t), func(s *discordtest.Server) bool { return len(s.Identifies()) == 2 })
	if err != nil {
		t.Fatalf("waiting for the second IDENTIFY: %v", err)
	}
	ids := fake.Identifies()
	if ids[0].SessionID == ids[1].SessionID {
		t.Errorf("second identify reused session %s", ids[1].SessionID)
	}
	m := fake.DispatchMessage(&discordgo.Message{Content: "new session"})
	if got := receive(t, msgs, "message on the new session"); got.ID != m.ID {
		t.Errorf("got %s, want %s", got.ID, m.ID)
	}
	if n := fake.Connections(); n != 1 {
		t.Errorf("Connections() = %d, want 1: discordgo identifies again on the same socket", n)
	}
}

// TestHeartbeats: every heartbeat is acknowledged, so discordgo never decides the link is dead.
func TestHeartbeats(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t, discordtest.WithHeartbeatInterval(40*time.Millisecond))
	connect(t, fake, discordgo.IntentsGuilds, func(s *discordgo.Session) {
		// discordgo's heartbeat loop may pick a tick over its stop signal while Close sleeps and
		// then "reconnect" on its own; with a 40 ms interval that is likely, so turn it off here,
		// and keep the failed write it logs out of the test output.
		s.ShouldReconnectOnError = false
		s.LogLevel = discordgo.LogError - 1
	})
	if err := fake.WaitFor(waitCtx(t), func(s *discordtest.Server) bool { return s.Heartbeats() >= 4 }); err != nil {
		t.Fatalf("waiting for heartbeats: %v", err)
	}
	if n := fake.Connections(); n != 1 {
		t.Errorf("Connections() = %d, want 1: acknowledged heartbeats keep the connection", n)
	}
}

// TestMessageContentIntent: without the privileged intent granted, asking for it fails like on
// Discord (close 4014); without asking, guild messages arrive with empty content unless they
// mention the bot.
func TestMessageContentIntent(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t, discordtest.WithDisallowedIntents(discordgo.IntentMessageContent))

	greedy, err := fake.Session("test-token")
	if err != nil {
		t.Fatal(err)
	}
	greedy.Identify.Intents = discordgo.IntentsGuildMessages | discordgo.IntentMessageContent
	err = greedy.Open()
	if err == nil || !strings.Contains(err.Error(), "4014") {
		t.Fatalf("Open with a disallowed intent: err = %v, want close 4014", err)
	}
	app, err := greedy.Application("@me")
	if err != nil {
		t.Fatalf("Application(@me): %v", err)
	}
	if app.Flags&(1<<19) != 0 || app.Flags&(1<<18) != 0 {
		t.Errorf("application flags %b grant message content, want not", app.Flags)
	}

	msgs := make(chan *discordgo.MessageCreate, 4)
	connect(t, fake, discordgo.IntentsGuildMessages, func(s *discordgo.Session) {
		s.AddHandler(func(_ *discordgo.Session, m *discordgo.MessageCreate) { msgs <- m })
	})
	fake.DispatchMessage(&discordgo.Message{Content: "https://news.example/a"})
	if m := receive(t, msgs, "plain message"); m.Content != "" {
		t.Errorf("content %q reached a session without the message-content intent", m.Content)
	}
	fake.DispatchMessage(&discordgo.Message{
		Content:  "<@" + discordtest.BotUserID + "> https://news.example/b",
		Mentions: []*discordgo.User{{ID: discordtest.BotUserID}},
	})
	if m := receive(t, msgs, "mention"); !strings.Contains(m.Content, "news.example/b") {
		t.Errorf("content %q of a message mentioning the bot was stripped", m.Content)
	}
}

// TestResumeOfClosedSessionIsRefused: a session the client closed with 1000 is gone, as on
// Discord; discordgo's RESUME on reopening gets INVALID_SESSION and it identifies again.
func TestResumeOfClosedSessionIsRefused(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	sess := connect(t, fake, discordgo.IntentsGuilds, nil)
	if err := sess.Close(); err != nil {
		t.Fatal(err)
	}
	if err := sess.Open(); err != nil {
		t.Fatalf("reopen: %v", err)
	}
	err := fake.WaitFor(waitCtx(t), func(s *discordtest.Server) bool { return len(s.Identifies()) == 2 })
	if err != nil {
		t.Fatalf("waiting for a fresh IDENTIFY: %v", err)
	}
	rs := fake.Resumes()
	if len(rs) != 1 || rs[0].Accepted {
		t.Errorf("Resumes() = %+v, want one refused resume", rs)
	}
}
