package discordtest_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/discordtest"
	"github.com/bwmarrin/discordgo"
)

// TestRateLimitHonoured: a 429 makes discordgo wait Retry-After and retry; the call then succeeds.
func TestRateLimitHonoured(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	sess, err := fake.Session("test-token")
	if err != nil {
		t.Fatal(err)
	}
	limited := make(chan *discordgo.RateLimit, 1)
	sess.AddHandler(func(_ *discordgo.Session, rl *discordgo.RateLimit) { limited <- rl })

	const retryAfter = 120 * time.Millisecond
	fake.RateLimitNext("POST", "/channels/{id}/messages", retryAfter)
	m, err := sess.ChannelMessageSendComplex(discordtest.DefaultChannelID, &discordgo.MessageSend{
		Content: "digest", AllowedMentions: noMentions(),
	})
	if err != nil {
		t.Fatalf("send after a 429: %v", err)
	}
	rl := receive(t, limited, "RateLimit event")
	if rl.RetryAfter != retryAfter || rl.Message != "You are being rate limited." {
		t.Errorf("discordgo read retry_after %v message %q, want %v", rl.RetryAfter, rl.Message, retryAfter)
	}

	var attempts []discordtest.Request
	for _, r := range fake.Requests() {
		if r.Method == "POST" && r.Path == "/channels/"+discordtest.DefaultChannelID+"/messages" {
			attempts = append(attempts, r)
		}
	}
	if len(attempts) != 2 || attempts[0].Status != http.StatusTooManyRequests || attempts[1].Status != http.StatusOK {
		t.Fatalf("attempts = %+v, want a 429 then a 200", attempts)
	}
	if gap := attempts[1].At.Sub(attempts[0].At); gap < retryAfter {
		t.Errorf("retried after %v, want at least Retry-After %v", gap, retryAfter)
	}
	posted := fake.ChannelMessages(discordtest.DefaultChannelID)
	if len(posted) != 1 || posted[0].ID != m.ID || posted[0].Content != "digest" {
		t.Errorf("ChannelMessages = %+v, want exactly the one message (the 429 must not post)", posted)
	}
}

// TestRateLimitPatternsAreOneShot: a pattern arms exactly one 429 and only for matching calls.
func TestRateLimitPatternsAreOneShot(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	sess, _ := fake.Session("test-token")
	fake.RateLimitNext("PATCH", "/api/v9/channels/*/messages/*", 10*time.Millisecond)

	m, err := sess.ChannelMessageSendComplex(discordtest.DefaultChannelID, &discordgo.MessageSend{Content: "a", AllowedMentions: noMentions()})
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if _, err := sess.ChannelMessageEditComplex(&discordgo.MessageEdit{
			ID: m.ID, Channel: m.ChannelID, Content: strPtr("b"), AllowedMentions: noMentions(),
		}); err != nil {
			t.Fatal(err)
		}
	}
	var statuses []int
	for _, r := range fake.Requests() {
		statuses = append(statuses, r.Status)
	}
	want := []int{200, 429, 200, 200}
	if len(statuses) != len(want) {
		t.Fatalf("statuses = %v, want %v", statuses, want)
	}
	for i := range want {
		if statuses[i] != want[i] {
			t.Fatalf("statuses = %v, want %v", statuses, want)
		}
	}
}

// TestChannelMessagesReactionsThreads covers what the bot does with pasted links: react, reply in a
// thread, edit its reply.
func TestChannelMessagesReactionsThreads(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	sess := connect(t, fake, discordgo.IntentsGuildMessages|discordgo.IntentMessageContent, nil)
	link := fake.DispatchMessage(&discordgo.Message{Content: "https://news.example/story"})

	if err := sess.MessageReactionAdd(link.ChannelID, link.ID, "👀"); err != nil {
		t.Fatalf("MessageReactionAdd: %v", err)
	}
	if err := sess.MessageReactionAdd(link.ChannelID, link.ID, "✅"); err != nil {
		t.Fatalf("MessageReactionAdd: %v", err)
	}
	if err := sess.MessageReactionRemove(link.ChannelID, link.ID, "👀", "@me"); err != nil {
		t.Fatalf("MessageReactionRemove: %v", err)
	}
	if got := fake.Reactions(link.ChannelID, link.ID); len(got) != 1 || got[0] != "✅" {
		t.Errorf("Reactions = %q, want [✅]", got)
	}

	th, err := sess.MessageThreadStart(link.ChannelID, link.ID, "Briefing: story", 1440)
	if err != nil {
		t.Fatalf("MessageThreadStart: %v", err)
	}
	if th.ID != link.ID || th.ParentID != link.ChannelID || th.Type != discordgo.ChannelTypeGuildPublicThread {
		t.Errorf("thread = %+v, want a public thread with the message's ID under its channel", th)
	}
	ch, err := sess.Channel(th.ID)
	if err != nil || !ch.IsThread() || ch.Name != "Briefing: story" {
		t.Errorf("Channel(thread) = %+v, %v; want the thread", ch, err)
	}
	if ts := fake.Threads(link.ChannelID); len(ts) != 1 || ts[0].ID != th.ID {
		t.Errorf("Threads = %+v, want the new thread", ts)
	}

	reply, err := sess.ChannelMessageSendComplex(th.ID, &discordgo.MessageSend{
		Embeds:          []*discordgo.MessageEmbed{{Title: "Story", Description: "Who said what."}},
		AllowedMentions: noMentions(),
	})
	if err != nil {
		t.Fatalf("post in thread: %v", err)
	}
	if reply.GuildID != discordtest.DefaultGuildID || reply.Author == nil || reply.Author.ID != discordtest.BotUserID {
		t.Errorf("reply = %+v, want the bot's message in the default guild", reply)
	}
	edited, err := sess.ChannelMessageEditComplex(&discordgo.MessageEdit{
		ID: reply.ID, Channel: th.ID, Content: strPtr("Updated"), AllowedMentions: noMentions(),
	})
	if err != nil {
		t.Fatalf("edit: %v", err)
	}
	if edited.Content != "Updated" || len(edited.Embeds) != 1 || edited.EditedTimestamp == nil {
		t.Errorf("edited = %+v, want new content and the embed kept", edited)
	}
	if got := fake.ChannelMessages(th.ID); len(got) != 1 || got[0].Content != "Updated" {
		t.Errorf("ChannelMessages(thread) = %+v, want the edited reply", got)
	}
	if v := fake.Violations(); len(v) != 0 {
		t.Errorf("Violations() = %v, want none", v)
	}
}

// TestFollowupAfterDeferEditsOriginal: Discord turns the first follow-up after a deferral into the
// reply itself, so a bot relying on follow-ups there loses its "thinking" message; the fake does
// the same.
func TestFollowupAfterDeferEditsOriginal(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	sess := connect(t, fake, discordgo.IntentsGuilds, nil)
	registerBrief(t, sess, discordtest.DefaultGuildID)
	in := fake.DispatchInteraction(discordtest.SlashCommand("brief", discordtest.StringOption("url", "https://x.example")))
	if err := sess.InteractionRespond(in, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral},
	}); err != nil {
		t.Fatal(err)
	}
	first, err := sess.FollowupMessageCreate(in, true, &discordgo.WebhookParams{Content: "done", AllowedMentions: noMentions()})
	if err != nil {
		t.Fatal(err)
	}
	orig := fake.Original(in.Token)
	if orig == nil || first.ID != orig.ID || orig.Content != "done" || orig.Flags&discordgo.MessageFlagsEphemeral == 0 || orig.Flags&discordgo.MessageFlagsLoading != 0 {
		t.Fatalf("first follow-up %s, original %+v: want the follow-up to become the ephemeral original", first.ID, orig)
	}
	second, err := sess.FollowupMessageCreate(in, true, &discordgo.WebhookParams{Content: "more", AllowedMentions: noMentions()})
	if err != nil {
		t.Fatal(err)
	}
	if fs := fake.Followups(in.Token); len(fs) != 1 || fs[0].ID != second.ID {
		t.Errorf("Followups = %+v, want only the second follow-up", fs)
	}
	if err := sess.InteractionResponseDelete(in); err != nil {
		t.Fatal(err)
	}
	if fake.Original(in.Token) != nil {
		t.Error("Original still set after delete")
	}
}

// TestHTTPClientStaysLocal: the rewritten client reaches the fake for Discord hosts only.
func TestHTTPClientStaysLocal(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	c := fake.HTTPClient()
	for _, u := range []string{"https://discord.com/api/v9/gateway", "https://discordapp.com/api/v9/gateway"} {
		resp, err := c.Get(u)
		if err != nil {
			t.Fatalf("GET %s: %v", u, err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s = %d, want 200", u, resp.StatusCode)
		}
	}
	_, err := c.Get("https://news.example/article")
	if err == nil || !strings.Contains(err.Error(), "refusing") {
		t.Errorf("GET of a non-Discord host: err = %v, want a refusal", err)
	}
	sess, _ := fake.Session("test-token")
	gw, err := sess.Gateway()
	if err != nil || gw != fake.GatewayURL() {
		t.Errorf("Gateway() = %q, %v; want %q", gw, err, fake.GatewayURL())
	}
	me, err := sess.User("@me")
	if err != nil || me.ID != discordtest.BotUserID || !me.Bot {
		t.Errorf("User(@me) = %+v, %v; want the bot", me, err)
	}
}

// TestComponentUpdate: a button press answered with UPDATE_MESSAGE edits the message the button is
// on, and components survive the round trip through the fake. discordgo sends "components": null
// when a response leaves them unset, which Discord ignores, so the button stays; [] removes it.
func TestComponentUpdate(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	sess := connect(t, fake, discordgo.IntentsGuilds, nil)
	buttons := []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Label: "More", CustomID: "digest:more", Style: discordgo.PrimaryButton},
	}}}
	posted, err := sess.ChannelMessageSendComplex(discordtest.DefaultChannelID, &discordgo.MessageSend{
		Content:         "Digest for today",
		Components:      buttons,
		AllowedMentions: noMentions(),
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(posted.Components) != 1 {
		t.Fatalf("posted message came back with %d component rows, want 1", len(posted.Components))
	}
	in := fake.DispatchInteraction(&discordgo.Interaction{
		Type:    discordgo.InteractionMessageComponent,
		Data:    discordgo.MessageComponentInteractionData{CustomID: "digest:more", ComponentType: discordgo.ButtonComponent},
		Message: posted,
	})
	err = sess.InteractionRespond(in, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseUpdateMessage,
		Data: &discordgo.InteractionResponseData{Content: "Digest for today (expanded)", AllowedMentions: noMentions()},
	})
	if err != nil {
		t.Fatal(err)
	}
	m := fake.Message(posted.ID)
	if m.Content != "Digest for today (expanded)" || len(m.Components) != 1 || m.EditedTimestamp == nil {
		t.Errorf("message after UPDATE_MESSAGE = %+v, want new content, the button kept", m)
	}
	if o := fake.Original(in.Token); o == nil || o.ID != posted.ID {
		t.Errorf("Original = %+v, want the message the button is on", o)
	}
	if got := fake.ChannelMessages(discordtest.DefaultChannelID); len(got) != 1 || got[0].Content != m.Content {
		t.Errorf("ChannelMessages = %+v, want the updated message", got)
	}

	cleared, err := sess.ChannelMessageEditComplex(&discordgo.MessageEdit{
		ID: posted.ID, Channel: posted.ChannelID, Components: &[]discordgo.MessageComponent{}, AllowedMentions: noMentions(),
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(cleared.Components) != 0 || len(fake.Message(posted.ID).Components) != 0 {
		t.Errorf("edit with components [] left %d rows, want none", len(cleared.Components))
	}
	if v := fake.Violations(); len(v) != 0 {
		t.Errorf("Violations() = %v, want none", v)
	}
}
