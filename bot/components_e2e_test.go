package bot

import (
	"context"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/discordtest"
	"github.com/briefbot/briefbot/storage"
)

// press dispatches a button press (or a menu choice, with values) on m.
func (e *env) press(m *discordgo.Message, customID string, kind discordgo.ComponentType, values ...string) *discordgo.Interaction {
	return e.fake.DispatchInteraction(&discordgo.Interaction{
		Type:    discordgo.InteractionMessageComponent,
		Data:    discordgo.MessageComponentInteractionData{CustomID: customID, ComponentType: kind, Values: values},
		Message: m,
	})
}

// pressAnswer waits for the one callback a press gets and returns it.
func (e *env) pressAnswer(in *discordgo.Interaction) discordtest.Callback {
	e.t.Helper()
	e.waitFor("the answer to a button", func(s *discordtest.Server) bool { return len(s.InteractionResponses(in.ID)) > 0 })
	return e.callbacks(in)[0]
}

// buttons are the buttons of a message's first row, by label prefix.
func buttons(m *discordgo.Message) map[string]*discordgo.Button {
	out := map[string]*discordgo.Button{}
	for _, row := range m.Components {
		r, ok := row.(*discordgo.ActionsRow)
		if !ok {
			continue
		}
		for _, c := range r.Components {
			if b, ok := c.(*discordgo.Button); ok {
				out[strings.Fields(b.Label + " ")[0]] = b
			}
		}
	}
	return out
}

func TestE2EBriefingButtonsAnswerPrivately(t *testing.T) {
	e := startEnv(t)
	link := e.pages.link("harbour-levy")
	m := e.answer(e.slash(nil, "", "brief", discordtest.StringOption("url", link)))
	bs := buttons(m)
	if bs["All"] == nil || bs["Everyone"] == nil || bs["Open"] == nil {
		t.Fatalf("briefing buttons %+v, want All quotes, Everyone named and Open article", m.Components)
	}
	if bs["Open"].Style != discordgo.LinkButton || bs["Open"].URL != link {
		t.Errorf("Open article is %+v, want a link button to %s", bs["Open"], link)
	}
	stored, err := e.db.ArticleByURL(context.Background(), discordtest.DefaultGuildID, link)
	if err != nil {
		t.Fatal(err)
	}
	br, err := e.db.Briefing(context.Background(), discordtest.DefaultGuildID, stored.ID)
	if err != nil {
		t.Fatal(err)
	}

	cb := e.pressAnswer(e.press(m, bs["All"].CustomID, discordgo.ButtonComponent))
	if cb.Type != discordgo.InteractionResponseChannelMessageWithSource || cb.Message == nil || cb.Message.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Fatalf("All quotes answered %+v, want a private message", cb)
	}
	if len(cb.Message.Embeds) != 1 || !strings.Contains(cb.Message.Embeds[0].Description, "“") {
		t.Fatalf("All quotes showed %+v", cb.Message.Embeds)
	}
	for _, q := range br.Briefing.Quotes {
		if head := strings.Fields(q.Text)[0]; !strings.Contains(cb.Message.Embeds[0].Description, head) {
			t.Errorf("All quotes lacks the quote starting %q", head)
		}
	}

	cb = e.pressAnswer(e.press(m, bs["Everyone"].CustomID, discordgo.ButtonComponent))
	if cb.Message == nil || cb.Message.Flags&discordgo.MessageFlagsEphemeral == 0 || len(cb.Message.Embeds) != 1 {
		t.Fatalf("Everyone named answered %+v, want a private embed", cb)
	}
	all := cb.Message.Embeds[0].Description
	for _, f := range cb.Message.Embeds[0].Fields {
		all += "\n" + f.Value
	}
	for _, a := range br.Briefing.Actors {
		if !strings.Contains(all, a.Name) {
			t.Errorf("Everyone named lacks %q", a.Name)
		}
	}

	// A button cannot reach another server's article, whatever its id says.
	other := e.fake.DispatchInteraction(&discordgo.Interaction{
		Type:    discordgo.InteractionMessageComponent,
		GuildID: "1100000000000000999",
		Data:    discordgo.MessageComponentInteractionData{CustomID: bs["All"].CustomID, ComponentType: discordgo.ButtonComponent},
		Message: m,
	})
	if cb := e.pressAnswer(other); cb.Message == nil || len(cb.Message.Embeds) != 0 || cb.Message.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Errorf("a press from another server answered %+v, want a private line only", cb)
	}
	if v := e.fake.Violations(); len(v) != 0 {
		t.Errorf("Discord rules broken: %v", v)
	}
}

func TestE2ESeveralLinksAndAReshare(t *testing.T) {
	e := startEnv(t)
	harbour, drought := e.pages.link("harbour-levy"), e.pages.link("river-drought")
	first := e.fake.DispatchMessage(&discordgo.Message{Content: "two reads: " + harbour + " and " + drought})
	e.waitReaction(first.ChannelID, first.ID, reactDone)
	replies := e.repliesTo(first.ChannelID, first.ID)
	if len(replies) != 1 || len(replies[0].Embeds) != 2 || len(replies[0].Components) != 1 {
		t.Fatalf("want one reply of two cards and a menu, got %+v", replies)
	}
	row := replies[0].Components[0].(*discordgo.ActionsRow)
	menu, ok := row.Components[0].(*discordgo.SelectMenu)
	if !ok || len(menu.Options) != 2 {
		t.Fatalf("menu %+v", row.Components)
	}
	cb := e.pressAnswer(e.press(replies[0], menu.CustomID, discordgo.SelectMenuComponent, menu.Options[1].Value))
	if cb.Message == nil || cb.Message.Flags&discordgo.MessageFlagsEphemeral == 0 || len(cb.Message.Embeds) != 1 || cb.Message.Embeds[0].URL != drought {
		t.Fatalf("choosing the second card answered %+v, want its full briefing, privately", cb)
	}
	if len(cb.Message.Embeds[0].Fields) == 0 {
		t.Errorf("the full briefing has no sides or quotes: %+v", cb.Message.Embeds[0])
	}

	// The harbour link again, later: one line pointing at the first share.
	again := e.fake.DispatchMessage(&discordgo.Message{Content: "did you see " + harbour + "?utm_source=x"})
	e.waitReaction(again.ChannelID, again.ID, reactDone)
	replies = e.repliesTo(again.ChannelID, again.ID)
	if len(replies) != 1 || len(replies[0].Embeds) != 0 || strings.Contains(replies[0].Content, "\n") {
		t.Fatalf("a link shared again: want one line, got %+v", replies)
	}
	jump := "https://discord.com/channels/" + discordtest.DefaultGuildID + "/" + first.ChannelID + "/" + first.ID
	if !strings.Contains(replies[0].Content, jump) || !strings.Contains(replies[0].Content, "<t:") {
		t.Errorf("re-share line %q, want when and a link to %s", replies[0].Content, jump)
	}
	if bs := buttons(replies[0]); bs["Briefing"] == nil || bs["Open"] == nil {
		t.Errorf("re-share line without its buttons: %+v", replies[0].Components)
	}
	if n := e.countArticles(discordtest.DefaultGuildID); n != 2 {
		t.Errorf("%d articles stored, want 2", n)
	}
}

func TestE2EEmptyLookupsArePrivate(t *testing.T) {
	e := startEnv(t)
	for _, in := range []*discordgo.Interaction{
		e.slash(nil, "", "articles"),
		e.slash(nil, "", "articles", discordtest.StringOption("query", "nothing like this")),
		e.slash(nil, "", "quotes"),
	} {
		m := e.answer(in)
		if !isEphemeral(m) || len(m.Embeds) != 0 {
			t.Errorf("/%s with nothing to show answered publicly: %+v", commandName(in), m)
		}
		if shown := e.fake.ShownPublicly(in.Token); len(shown) != 0 {
			t.Errorf("/%s showed the channel %+v", commandName(in), shown)
		}
	}
	// Commands are named as mentions members can click.
	m := e.answer(e.slash(nil, "", "articles"))
	if !strings.Contains(m.Content, "</brief:") {
		t.Errorf("empty /articles %q does not mention /brief as a command", m.Content)
	}
	if n, _ := e.db.CountArticles(context.Background(), discordtest.DefaultGuildID, storage.ArticleQuery{}); n != 0 {
		t.Errorf("%d articles", n)
	}
}
