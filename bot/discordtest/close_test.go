package discordtest_test

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/bot/discordtest"
	"github.com/bwmarrin/discordgo"
)

// TestCloseStopsEverything: after Close no goroutine of the fake is left, waiters return, and the
// HTTP endpoint is gone. Not parallel: it counts goroutines of the whole process.
func TestCloseStopsEverything(t *testing.T) {
	fake := discordtest.New(t)
	sess := connect(t, fake, discordgo.IntentsGuilds, nil)
	if err := sess.Close(); err != nil {
		t.Fatalf("close session: %v", err)
	}

	waiting := make(chan error, 1)
	go func() {
		waiting <- fake.WaitFor(context.Background(), func(*discordtest.Server) bool { return false })
	}()
	fake.Close()
	fake.Close() // idempotent
	if err := receive(t, waiting, "WaitFor to return"); !errors.Is(err, discordtest.ErrClosed) {
		t.Errorf("WaitFor after Close = %v, want ErrClosed", err)
	}
	if _, err := fake.HTTPClient().Get("https://discord.com/api/v9/gateway"); err == nil {
		t.Error("the fake still answers HTTP after Close")
	}

	buf := make([]byte, 1<<20)
	stacks := string(buf[:runtime.Stack(buf, true)])
	for _, g := range strings.Split(stacks, "\n\n") {
		if strings.Contains(g, "bot/discordtest.(*Server)") || strings.Contains(g, "bot/discordtest.(*gwConn)") {
			t.Errorf("goroutine of the fake still running after Close:\n%s", g)
		}
	}
}
