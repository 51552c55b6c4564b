package bot

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/discordtest"
)

func TestApplyWatch(t *testing.T) {
	tests := []struct {
		name     string
		current  []string
		sub, ch  string
		want     []string
		wantLine string
	}{
		{"first add narrows from all", nil, "add", "1", []string{"1"}, "will be briefed"},
		{"add again is a no-op", []string{"1"}, "add", "1", []string{"1"}, "already watched"},
		{"add second", []string{"1"}, "add", "2", []string{"1", "2"}, "<#1>, <#2>"},
		{"remove one", []string{"1", "2"}, "remove", "1", []string{"2"}, "no longer"},
		{"remove last widens to all", []string{"2"}, "remove", "2", []string{}, "every channel are briefed again"},
		{"remove unwatched", []string{"2"}, "remove", "3", []string{"2"}, "is not watched"},
		{"remove when all watched", nil, "remove", "3", []string{}, "Every channel is watched"},
		{"all", []string{"1", "2"}, "all", "", nil, "every channel"},
		{"list", []string{"1"}, "list", "", []string{"1"}, "Watched: <#1>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := slices.Clone(tt.current)
			got, line := applyWatch(tt.current, tt.sub, tt.ch)
			if len(got) != len(tt.want) || (len(got) > 0 && !slices.Equal(got, tt.want)) {
				t.Errorf("channels = %v, want %v", got, tt.want)
			}
			if !strings.Contains(line, tt.wantLine) {
				t.Errorf("line %q lacks %q", line, tt.wantLine)
			}
			if !slices.Equal(tt.current, before) {
				t.Errorf("applyWatch changed its input: %v", tt.current)
			}
		})
	}
	full := make([]string, maxWatchChannels)
	for i := range full {
		full[i] = strings.Repeat("9", i+1)
	}
	if got, line := applyWatch(full, "add", "1"); len(got) != maxWatchChannels || !strings.Contains(line, "remove one first") {
		t.Errorf("over the bound: %d channels, %q", len(got), line)
	}
}

func TestE2EWatchNarrowsPastedLinks(t *testing.T) {
	e := startEnv(t)
	const news, chat = "1100000000000000301", "1100000000000000302"
	watch := func(m *discordgo.Member, sub string, opts ...*discordgo.ApplicationCommandInteractionDataOption) *discordgo.Message {
		return e.answer(e.slash(m, "", "watch", discordtest.SubcommandOption(sub, opts...)))
	}

	m := watch(bystander(), "add", channelOption("channel", news))
	if !isEphemeral(m) || m.Content != notAllowedToConfigureWatch {
		t.Errorf("add by a member without Manage Server answered %q", m.Content)
	}
	m = watch(manager(), "add", channelOption("channel", news))
	if !isEphemeral(m) || !strings.Contains(m.Content, "<#"+news+"> will be briefed") {
		t.Fatalf("add answered %q", m.Content)
	}
	srv, err := e.db.Server(context.Background(), discordtest.DefaultGuildID)
	if err != nil || !slices.Equal(srv.WatchChannels, []string{news}) {
		t.Fatalf("saved %v (%v), want only the news channel", srv.WatchChannels, err)
	}
	if m := watch(bystander(), "list"); !strings.Contains(m.Content, "<#"+news+">") {
		t.Errorf("list answered %q", m.Content)
	}

	// A link in an unwatched channel is left alone; the same link in the watched one is briefed.
	link := e.pages.link("river-drought")
	ignored := e.fake.DispatchMessage(&discordgo.Message{ChannelID: chat, Content: "look " + link})
	briefed := e.fake.DispatchMessage(&discordgo.Message{ChannelID: news, Content: "look " + link})
	e.waitReaction(briefed.ChannelID, briefed.ID, reactDone)
	if r := e.repliesTo(ignored.ChannelID, ignored.ID); len(r) != 0 || len(e.fake.Reactions(ignored.ChannelID, ignored.ID)) != 0 {
		t.Errorf("a link in an unwatched channel was answered: %+v", r)
	}
	if n := e.countArticles(discordtest.DefaultGuildID); n != 1 {
		t.Errorf("%d articles stored, want 1", n)
	}

	if m := watch(manager(), "all"); !strings.Contains(m.Content, "every channel") {
		t.Errorf("all answered %q", m.Content)
	}
	if srv, _ := e.db.Server(context.Background(), discordtest.DefaultGuildID); len(srv.WatchChannels) != 0 {
		t.Errorf("after /watch all, still watching %v", srv.WatchChannels)
	}
}
