package discordtest_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/discordtest"
	"github.com/bwmarrin/discordgo"
)

// ruleFixture is one fake whose failures go to a recorder, with a connected session and /brief
// registered, shared by the subtests of TestRulesDetected.
type ruleFixture struct {
	t     *testing.T
	fake  *discordtest.Server
	tb    *recordingTB
	clock *fakeClock
	sess  *discordgo.Session
}

// expect runs do and asserts that exactly the given rules were broken, each reported to the test.
func (f *ruleFixture) expect(t *testing.T, do func(), rules ...discordtest.Rule) {
	t.Helper()
	beforeV, beforeE := len(f.fake.Violations()), len(f.tb.errors())
	do()
	v := f.fake.Violations()[beforeV:]
	errs := f.tb.errors()[beforeE:]
	var got []discordtest.Rule
	for _, x := range v {
		got = append(got, x.Rule)
	}
	if len(got) != len(rules) {
		t.Fatalf("violations = %v, want rules %v", v, rules)
	}
	for i := range rules {
		if got[i] != rules[i] {
			t.Fatalf("violations = %v, want rules %v", v, rules)
		}
	}
	if len(errs) != len(rules) {
		t.Fatalf("fake reported %d errors to the test (%q), want %d", len(errs), errs, len(rules))
	}
	for i, e := range errs {
		if !strings.Contains(e, string(rules[i])) {
			t.Errorf("error %q does not name rule %s", e, rules[i])
		}
	}
}

func (f *ruleFixture) dispatch() *discordgo.Interaction {
	return f.fake.DispatchInteraction(discordtest.SlashCommand("brief", discordtest.StringOption("url", "https://x.example")))
}

func (f *ruleFixture) defer_(t *testing.T, in *discordgo.Interaction) {
	t.Helper()
	if err := f.sess.InteractionRespond(in, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}); err != nil {
		t.Fatalf("defer: %v", err)
	}
}

func wantErr(t *testing.T, err error, code int) {
	t.Helper()
	var rest *discordgo.RESTError
	if err == nil {
		t.Fatalf("call succeeded, want Discord error %d", code)
	}
	if !errors.As(err, &rest) || rest.Message == nil || rest.Message.Code != code {
		t.Fatalf("err = %v, want Discord error code %d", err, code)
	}
}

func TestRulesDetected(t *testing.T) {
	t.Parallel()
	tb := &recordingTB{TB: t}
	clock := newFakeClock()
	fake := discordtest.New(tb, discordtest.WithClock(clock.Now))
	sess := connect(t, fake, discordgo.IntentsGuilds, nil)
	registerBrief(t, sess, "")
	f := &ruleFixture{t: t, fake: fake, tb: tb, clock: clock, sess: sess}
	if errs := tb.errors(); len(errs) != 0 {
		t.Fatalf("setup reported errors: %q", errs)
	}

	t.Run("ack within deadline is fine", func(t *testing.T) {
		f.expect(t, func() {
			in := f.dispatch()
			clock.Advance(discordtest.AckDeadline)
			f.defer_(t, in)
		})
	})
	t.Run("late ack", func(t *testing.T) {
		f.expect(t, func() {
			in := f.dispatch()
			clock.Advance(discordtest.AckDeadline + time.Millisecond)
			err := sess.InteractionRespond(in, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource})
			wantErr(t, err, 10062)
			// Discord has forgotten the interaction: later edits fail without a second report.
			_, err = sess.InteractionResponseEdit(in, &discordgo.WebhookEdit{Content: strPtr("x"), AllowedMentions: noMentions()})
			wantErr(t, err, 10015)
		}, discordtest.RuleAckDeadline)
	})
	t.Run("second callback", func(t *testing.T) {
		f.expect(t, func() {
			in := f.dispatch()
			f.defer_(t, in)
			err := sess.InteractionRespond(in, &discordgo.InteractionResponse{
				Type: discordgo.InteractionResponseChannelMessageWithSource,
				Data: &discordgo.InteractionResponseData{Content: "hi", AllowedMentions: noMentions()},
			})
			wantErr(t, err, 40060)
			if cbs := fake.InteractionResponses(in.ID); len(cbs) != 2 || cbs[1].Status != 400 {
				t.Errorf("InteractionResponses = %+v, want the rejected second callback recorded", cbs)
			}
		}, discordtest.RuleAckedTwice)
	})
	t.Run("edit before ack", func(t *testing.T) {
		f.expect(t, func() {
			in := f.dispatch()
			_, err := sess.InteractionResponseEdit(in, &discordgo.WebhookEdit{Content: strPtr("x"), AllowedMentions: noMentions()})
			wantErr(t, err, 10015)
		}, discordtest.RuleNotAcknowledged)
	})
	t.Run("token expired", func(t *testing.T) {
		f.expect(t, func() {
			in := f.dispatch()
			f.defer_(t, in)
			clock.Advance(discordtest.TokenLifetime + time.Second)
			_, err := sess.InteractionResponseEdit(in, &discordgo.WebhookEdit{Content: strPtr("late"), AllowedMentions: noMentions()})
			wantErr(t, err, 50027)
		}, discordtest.RuleTokenExpired)
	})
	t.Run("unknown interaction", func(t *testing.T) {
		f.expect(t, func() {
			err := sess.InteractionRespond(&discordgo.Interaction{ID: "123", Token: "nope"}, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource})
			wantErr(t, err, 10062)
		}, discordtest.RuleUnknownInteraction)
	})

	edit := func(t *testing.T, e *discordgo.WebhookEdit) error {
		t.Helper()
		in := f.dispatch()
		f.defer_(t, in)
		_, err := sess.InteractionResponseEdit(in, e)
		return err
	}
	t.Run("content at the limit is fine", func(t *testing.T) {
		f.expect(t, func() {
			// 2000 characters, 4000 bytes: the limit counts characters.
			if err := edit(t, &discordgo.WebhookEdit{Content: strPtr(strings.Repeat("é", 2000)), AllowedMentions: noMentions()}); err != nil {
				t.Fatal(err)
			}
		})
	})
	t.Run("content over the limit", func(t *testing.T) {
		f.expect(t, func() {
			wantErr(t, edit(t, &discordgo.WebhookEdit{Content: strPtr(strings.Repeat("a", 2001)), AllowedMentions: noMentions()}), 50035)
		}, discordtest.RuleContentLength)
	})
	t.Run("embed over the limit", func(t *testing.T) {
		f.expect(t, func() {
			e := &discordgo.MessageEmbed{Title: "t", Description: strings.Repeat("d", 4097)}
			wantErr(t, edit(t, &discordgo.WebhookEdit{Embeds: &[]*discordgo.MessageEmbed{e}, AllowedMentions: noMentions()}), 50035)
		}, discordtest.RuleEmbedLimits)
	})
	t.Run("empty message", func(t *testing.T) {
		f.expect(t, func() {
			wantErr(t, edit(t, &discordgo.WebhookEdit{Content: strPtr(""), AllowedMentions: noMentions()}), 50006)
		}, discordtest.RuleEmptyMessage)
	})

	t.Run("edit without allowed_mentions", func(t *testing.T) {
		f.expect(t, func() {
			if err := edit(t, &discordgo.WebhookEdit{Content: strPtr("@everyone look")}); err != nil {
				t.Fatalf("Discord accepts a pinging edit, the fake must too: %v", err)
			}
		}, discordtest.RuleAllowedMentions)
	})
	t.Run("reply that may ping users", func(t *testing.T) {
		f.expect(t, func() {
			in := f.dispatch()
			err := sess.InteractionRespond(in, &discordgo.InteractionResponse{
				Type: discordgo.InteractionResponseChannelMessageWithSource,
				Data: &discordgo.InteractionResponseData{
					Content:         "hi <@1>",
					AllowedMentions: &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{discordgo.AllowedMentionTypeUsers}},
				},
			})
			if err != nil {
				t.Fatal(err)
			}
		}, discordtest.RuleAllowedMentions)
	})
	t.Run("follow-up without allowed_mentions", func(t *testing.T) {
		f.expect(t, func() {
			in := f.dispatch()
			if err := sess.InteractionRespond(in, &discordgo.InteractionResponse{
				Type: discordgo.InteractionResponseChannelMessageWithSource,
				Data: &discordgo.InteractionResponseData{Content: "first", AllowedMentions: noMentions()},
			}); err != nil {
				t.Fatal(err)
			}
			if _, err := sess.FollowupMessageCreate(in, true, &discordgo.WebhookParams{Content: "second"}); err != nil {
				t.Fatal(err)
			}
		}, discordtest.RuleAllowedMentions)
	})
	t.Run("channel message without allowed_mentions", func(t *testing.T) {
		f.expect(t, func() {
			if _, err := sess.ChannelMessageSend(discordtest.DefaultChannelID, "digest"); err != nil {
				t.Fatal(err)
			}
		}, discordtest.RuleAllowedMentions)
	})

	t.Run("unregistered command", func(t *testing.T) {
		f.expect(t, func() {
			fake.DispatchInteraction(discordtest.SlashCommand("digest"))
		}, discordtest.RuleUnregisteredCommand)
	})
	t.Run("invalid command", func(t *testing.T) {
		f.expect(t, func() {
			_, err := sess.ApplicationCommandBulkOverwrite(discordtest.ApplicationID, "", []*discordgo.ApplicationCommand{{Name: "Brief", Description: "x"}})
			wantErr(t, err, 50035)
		}, discordtest.RuleInvalidCommand)
		if cmds := fake.Commands(""); len(cmds) != 1 || cmds[0].Name != "brief" {
			t.Errorf("a refused overwrite changed the commands: %+v", cmds)
		}
	})
	t.Run("emoji name instead of emoji", func(t *testing.T) {
		f.expect(t, func() {
			m := fake.DispatchMessage(&discordgo.Message{Content: "x"})
			wantErr(t, sess.MessageReactionAdd(m.ChannelID, m.ID, ":white_check_mark:"), 10014)
		}, discordtest.RuleInvalidRequest)
	})
	t.Run("unsupported endpoint", func(t *testing.T) {
		f.expect(t, func() {
			_, err := sess.GuildRoles(discordtest.DefaultGuildID)
			if err == nil {
				t.Fatal("GuildRoles succeeded against an endpoint the fake does not implement")
			}
		}, discordtest.RuleUnsupportedEndpoint)
	})
	t.Run("missing bot prefix", func(t *testing.T) {
		f.expect(t, func() {
			raw, _ := fake.Session("test-token")
			raw.Token = "test-token" // a user-style token: Discord answers 401
			if _, err := raw.User("@me"); err == nil {
				t.Fatal("call without the Bot prefix succeeded")
			}
		}, discordtest.RuleAuthorization)
	})
}
