package discordtest_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/discordtest"
	"github.com/bwmarrin/discordgo"
)

// waitTimeout bounds every wait; a correct run takes a small fraction of it.
const waitTimeout = 15 * time.Second

func waitCtx(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), waitTimeout)
	t.Cleanup(cancel)
	return ctx
}

// recordingTB stands in for the test given to discordtest.New so a test of the fake can see the
// failures the fake reports instead of failing itself. Everything else goes to the real test.
type recordingTB struct {
	testing.TB
	mu   sync.Mutex
	errs []string
}

func (r *recordingTB) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

func (r *recordingTB) Error(args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errs = append(r.errs, fmt.Sprint(args...))
}

func (r *recordingTB) Helper() {}

func (r *recordingTB) errors() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.errs...)
}

// fakeClock is a clock tests move by hand.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2025, 3, 14, 9, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// connect opens a discordgo session on the fake and waits for READY.
func connect(t *testing.T, fake *discordtest.Server, intents discordgo.Intent, setup func(*discordgo.Session)) *discordgo.Session {
	t.Helper()
	sess, err := fake.Session("test-token")
	if err != nil {
		t.Fatalf("Session: %v", err)
	}
	sess.Identify.Intents = intents
	if setup != nil {
		setup(sess)
	}
	if err := sess.Open(); err != nil {
		t.Fatalf("Open: %v", err)
	}
	if _, err := fake.WaitIdentified(waitCtx(t)); err != nil {
		t.Fatalf("WaitIdentified: %v", err)
	}
	return sess
}

// registerBrief registers the /brief command the way the bot does.
func registerBrief(t *testing.T, sess *discordgo.Session, guildID string) {
	t.Helper()
	_, err := sess.ApplicationCommandBulkOverwrite(discordtest.ApplicationID, guildID, []*discordgo.ApplicationCommand{{
		Name:        "brief",
		Description: "Brief an article",
		Options: []*discordgo.ApplicationCommandOption{{
			Type: discordgo.ApplicationCommandOptionString, Name: "url", Description: "Article link", Required: true,
		}},
	}})
	if err != nil {
		t.Fatalf("register /brief: %v", err)
	}
}

func noMentions() *discordgo.MessageAllowedMentions { return &discordgo.MessageAllowedMentions{} }

func strPtr(s string) *string { return &s }

// receive waits for one value or fails the test.
func receive[T any](t *testing.T, ch <-chan T, what string) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(waitTimeout):
		t.Fatalf("timed out waiting for %s", what)
		panic("unreachable")
	}
}
