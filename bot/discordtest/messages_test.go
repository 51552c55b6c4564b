package discordtest_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/discordtest"
)

// postWithNonce posts a message with a nonce the way the bot's digest poster does; discordgo's
// MessageSend has no nonce field.
func postWithNonce(t *testing.T, sess *discordgo.Session, channelID, content, nonce string, enforce bool) (*discordgo.Message, error) {
	t.Helper()
	body := map[string]any{
		"content": content, "nonce": nonce, "enforce_nonce": enforce,
		"allowed_mentions": map[string]any{"parse": []string{}},
	}
	raw, err := sess.RequestWithBucketID("POST", discordgo.EndpointChannelMessages(channelID), body, discordgo.EndpointChannelMessages(channelID))
	if err != nil {
		return nil, err
	}
	var m discordgo.Message
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	return &m, nil
}

// TestNonceDedupe: with enforce_nonce a repeated nonce returns the first message inside
// NonceWindow, and posts anew after it or once the first message is gone; without enforce_nonce
// every post is a new message.
func TestNonceDedupe(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	fake := discordtest.New(t, discordtest.WithClock(clock.Now))
	sess, _ := fake.Session("test-token")
	ch := discordtest.DefaultChannelID

	first, err := postWithNonce(t, sess, ch, "digest", "bd0011223344556677", true)
	if err != nil {
		t.Fatal(err)
	}
	again, err := postWithNonce(t, sess, ch, "digest, second try", "bd0011223344556677", true)
	if err != nil {
		t.Fatal(err)
	}
	if again.ID != first.ID || again.Content != "digest" {
		t.Errorf("retry with the same nonce posted %+v, want the first message back", again)
	}
	if n := len(fake.ChannelMessages(ch)); n != 1 {
		t.Fatalf("%d messages after a deduplicated retry, want 1", n)
	}
	if _, err := postWithNonce(t, sess, ch, "not enforced", "bd0011223344556677", false); err != nil {
		t.Fatal(err)
	}
	if n := len(fake.ChannelMessages(ch)); n != 2 {
		t.Errorf("%d messages, want a new one when enforce_nonce is false", n)
	}
	// Another channel has its own nonces.
	if m, err := postWithNonce(t, sess, "1100000000000000777", "elsewhere", "bd0011223344556677", true); err != nil || m.ID == first.ID {
		t.Errorf("same nonce in another channel: %+v, %v; want a new message", m, err)
	}

	clock.Advance(discordtest.NonceWindow)
	late, err := postWithNonce(t, sess, ch, "after the window", "bd0011223344556677", true)
	if err != nil || late.ID == first.ID {
		t.Errorf("after NonceWindow: %+v, %v; want a new message", late, err)
	}
	if err := sess.ChannelMessageDelete(ch, late.ID); err != nil {
		t.Fatal(err)
	}
	again, err = postWithNonce(t, sess, ch, "after a delete", "bd0011223344556677", true)
	if err != nil || again.ID == late.ID {
		t.Errorf("nonce of a deleted message: %+v, %v; want a new message", again, err)
	}
}

func TestNonceTooLong(t *testing.T) {
	t.Parallel()
	rec := &recordingTB{TB: t}
	fake := discordtest.New(rec)
	sess, _ := fake.Session("test-token")
	_, err := postWithNonce(t, sess, discordtest.DefaultChannelID, "x", "12345678901234567890123456", true)
	var rest *discordgo.RESTError
	if !errors.As(err, &rest) || rest.Response.StatusCode != http.StatusBadRequest {
		t.Fatalf("26-character nonce: %v, want 400", err)
	}
	if v := fake.Violations(); len(v) != 1 || v[0].Rule != discordtest.RuleInvalidRequest {
		t.Errorf("violations = %v", v)
	}
	if len(rec.errors()) != 1 {
		t.Errorf("the test was told %v", rec.errors())
	}
}

// TestListChannelMessages: newest first, limit, before and after, dispatched and posted messages alike.
func TestListChannelMessages(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	sess := connect(t, fake, discordgo.IntentsGuildMessages, nil)
	ch := discordtest.DefaultChannelID
	var ids []string
	for i := range 5 {
		if i == 2 {
			ids = append(ids, fake.DispatchMessage(&discordgo.Message{Content: "from a member"}).ID)
			continue
		}
		m, err := sess.ChannelMessageSendComplex(ch, &discordgo.MessageSend{Content: "bot", AllowedMentions: noMentions()})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, m.ID)
	}
	if _, err := sess.ChannelMessageSendComplex("1100000000000000777", &discordgo.MessageSend{Content: "other channel", AllowedMentions: noMentions()}); err != nil {
		t.Fatal(err)
	}
	got := func(limit int, before, after string) []string {
		t.Helper()
		ms, err := sess.ChannelMessages(ch, limit, before, after, "")
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, m := range ms {
			out = append(out, m.ID)
		}
		return out
	}
	same := func(what string, a, b []string) {
		t.Helper()
		if len(a) != len(b) {
			t.Errorf("%s = %v, want %v", what, a, b)
			return
		}
		for i := range a {
			if a[i] != b[i] {
				t.Errorf("%s = %v, want %v", what, a, b)
				return
			}
		}
	}
	same("all", got(0, "", ""), []string{ids[4], ids[3], ids[2], ids[1], ids[0]})
	same("limit 2", got(2, "", ""), []string{ids[4], ids[3]})
	same("before", got(2, ids[3], ""), []string{ids[2], ids[1]})
	same("after", got(2, "", ids[1]), []string{ids[3], ids[2]})
	ms, _ := sess.ChannelMessages(ch, 1, "", "", "")
	if len(ms) != 1 || ms[0].Author == nil || ms[0].Author.ID != discordtest.BotUserID {
		t.Errorf("newest message %+v, want the bot as author", ms)
	}
}

// TestDenyChannel: a denied channel answers Discord's error for every call on it, without a rule
// violation, until the denial is lifted.
func TestDenyChannel(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	sess, _ := fake.Session("test-token")
	ch := discordtest.DefaultChannelID
	send := func() error {
		_, err := sess.ChannelMessageSendComplex(ch, &discordgo.MessageSend{Content: "digest", AllowedMentions: noMentions()})
		return err
	}
	for _, tc := range []struct {
		code, status int
	}{
		{discordgo.ErrCodeMissingPermissions, http.StatusForbidden},
		{discordgo.ErrCodeMissingAccess, http.StatusForbidden},
		{discordgo.ErrCodeUnknownChannel, http.StatusNotFound},
	} {
		fake.DenyChannel(ch, tc.code)
		var rest *discordgo.RESTError
		if err := send(); !errors.As(err, &rest) || rest.Message == nil || rest.Message.Code != tc.code || rest.Response.StatusCode != tc.status {
			t.Errorf("denied with %d: send error %v, want HTTP %d code %d", tc.code, err, tc.status, tc.code)
		}
		if _, err := sess.ChannelMessages(ch, 10, "", "", ""); !errors.As(err, &rest) || rest.Message.Code != tc.code {
			t.Errorf("denied with %d: listing answered %v", tc.code, err)
		}
	}
	if n := len(fake.ChannelMessages(ch)); n != 0 {
		t.Errorf("%d messages posted to a denied channel", n)
	}
	if _, err := sess.ChannelMessageSendComplex("1100000000000000777", &discordgo.MessageSend{Content: "ok", AllowedMentions: noMentions()}); err != nil {
		t.Errorf("another channel was denied too: %v", err)
	}
	fake.DenyChannel(ch, 0)
	if err := send(); err != nil {
		t.Errorf("after lifting the denial: %v", err)
	}
	if v := fake.Violations(); len(v) != 0 {
		t.Errorf("denials recorded as violations: %v", v)
	}
}
