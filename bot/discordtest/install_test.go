package discordtest_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/discordtest"
)

func commandsAnywhere(userInstall bool) []*discordgo.ApplicationCommand {
	types := []discordgo.ApplicationIntegrationType{discordgo.ApplicationIntegrationGuildInstall}
	contexts := []discordgo.InteractionContextType{discordgo.InteractionContextGuild, discordgo.InteractionContextBotDM}
	if userInstall {
		types = append(types, discordgo.ApplicationIntegrationUserInstall)
		contexts = append(contexts, discordgo.InteractionContextPrivateChannel)
	}
	serverOnly := []discordgo.InteractionContextType{discordgo.InteractionContextGuild}
	guildType := []discordgo.ApplicationIntegrationType{discordgo.ApplicationIntegrationGuildInstall}
	return []*discordgo.ApplicationCommand{
		{Name: "brief", Description: "Brief", IntegrationTypes: &types, Contexts: &contexts},
		{Name: "Brief this article", Type: discordgo.MessageApplicationCommand, IntegrationTypes: &types, Contexts: &contexts},
		{Name: "articles", Description: "List", IntegrationTypes: &guildType, Contexts: &serverOnly},
	}
}

func TestApplicationSaysWhereItInstalls(t *testing.T) {
	t.Parallel()
	for _, userInstall := range []bool{false, true} {
		var opts []discordtest.Option
		if userInstall {
			opts = append(opts, discordtest.WithUserInstall())
		}
		fake := discordtest.New(t, opts...)
		sess := connect(t, fake, discordgo.IntentsGuilds, nil)
		raw, err := sess.RequestWithBucketID("GET", discordgo.EndpointApplication("@me"), nil, "app")
		if err != nil {
			t.Fatal(err)
		}
		var app struct {
			Config map[string]json.RawMessage `json:"integration_types_config"`
		}
		if err := json.Unmarshal(raw, &app); err != nil {
			t.Fatal(err)
		}
		_, guild := app.Config["0"]
		_, user := app.Config["1"]
		if !guild || user != userInstall {
			t.Errorf("user install %v: integration_types_config %s", userInstall, raw)
		}
	}
}

func TestRegistrationChecksInstallContexts(t *testing.T) {
	t.Parallel()
	// USER_INSTALL is refused unless the application supports it.
	rec := &recordingTB{TB: t}
	fake := discordtest.New(rec)
	sess := connect(t, fake, discordgo.IntentsGuilds, nil)
	if _, err := sess.ApplicationCommandBulkOverwrite(discordtest.ApplicationID, "", commandsAnywhere(true)); err == nil {
		t.Error("USER_INSTALL registered on an application without user installs")
	}
	if _, err := sess.ApplicationCommandBulkOverwrite(discordtest.ApplicationID, "", commandsAnywhere(false)); err != nil {
		t.Errorf("server-install registration refused: %v", err)
	}
	// Contexts and installation types belong to global commands.
	if _, err := sess.ApplicationCommandBulkOverwrite(discordtest.ApplicationID, discordtest.DefaultGuildID, commandsAnywhere(false)); err == nil {
		t.Error("guild commands with DM contexts were accepted")
	}
	if errs := rec.errors(); len(errs) != 2 || !strings.Contains(errs[0], "USER_INSTALL is not supported") {
		t.Errorf("reported %q", errs)
	}

	fake = discordtest.New(t, discordtest.WithUserInstall())
	sess = connect(t, fake, discordgo.IntentsGuilds, nil)
	if _, err := sess.ApplicationCommandBulkOverwrite(discordtest.ApplicationID, "", commandsAnywhere(true)); err != nil {
		t.Errorf("user-install registration refused: %v", err)
	}
}

func TestInteractionContextsAndOwners(t *testing.T) {
	t.Parallel()
	rec := &recordingTB{TB: t}
	fake := discordtest.New(rec, discordtest.WithUserInstall())
	sess := connect(t, fake, discordgo.IntentsGuilds, nil)
	if _, err := sess.ApplicationCommandBulkOverwrite(discordtest.ApplicationID, "", commandsAnywhere(true)); err != nil {
		t.Fatal(err)
	}
	owners := func(in *discordgo.Interaction) map[discordgo.ApplicationIntegrationType]string {
		return in.AuthorizingIntegrationOwners
	}
	// A server that added the bot.
	in := fake.DispatchInteraction(discordtest.SlashCommand("brief"))
	if in.Context != discordgo.InteractionContextGuild || owners(in)[0] != discordtest.DefaultGuildID || len(owners(in)) != 1 {
		t.Errorf("server interaction: context %d owners %v", in.Context, owners(in))
	}
	// The bot's DM through the user's install: both keys, the server one "0".
	in = fake.DispatchInteraction(discordtest.UserInstalled(discordtest.SlashCommand("brief"), discordtest.DefaultUserID, discordgo.InteractionContextBotDM, ""))
	if in.GuildID != "" || in.User == nil || in.Member != nil || owners(in)[0] != "0" || owners(in)[1] != discordtest.DefaultUserID {
		t.Errorf("bot DM: %+v owners %v", in, owners(in))
	}
	// A group DM and a server without the bot: the user's install alone.
	in = fake.DispatchInteraction(discordtest.UserInstalled(discordtest.SlashCommand("brief"), discordtest.DefaultUserID, discordgo.InteractionContextPrivateChannel, ""))
	if in.Context != discordgo.InteractionContextPrivateChannel || in.ChannelID != discordtest.DefaultGroupDMChannelID || len(owners(in)) != 1 {
		t.Errorf("group DM: context %d channel %s owners %v", in.Context, in.ChannelID, owners(in))
	}
	in = fake.DispatchInteraction(discordtest.UserInstalled(discordtest.SlashCommand("brief"), discordtest.DefaultUserID, discordgo.InteractionContextGuild, "1100000000000000888"))
	if in.Member == nil || len(owners(in)) != 1 || owners(in)[1] != discordtest.DefaultUserID {
		t.Errorf("server without the bot: owners %v", owners(in))
	}
	if errs := rec.errors(); len(errs) != 0 {
		t.Fatalf("valid interactions reported: %q", errs)
	}
	// A server-only command in a DM, or through a user install alone: Discord could not send it.
	fake.DispatchInteraction(discordtest.UserInstalled(discordtest.SlashCommand("articles"), discordtest.DefaultUserID, discordgo.InteractionContextBotDM, ""))
	fake.DispatchInteraction(discordtest.UserInstalled(discordtest.SlashCommand("articles"), discordtest.DefaultUserID, discordgo.InteractionContextGuild, "1100000000000000888"))
	if errs := rec.errors(); len(errs) != 2 || !strings.Contains(errs[0], "not available in context 1") || !strings.Contains(errs[1], "no installation authorises it") {
		t.Errorf("impossible interactions reported %q", errs)
	}
}

func TestMessageCommandCarriesTheWholeMessage(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t, discordtest.WithDisallowedIntents(discordgo.IntentMessageContent))
	got := make(chan *discordgo.Interaction, 1)
	sess := connect(t, fake, discordgo.IntentsGuilds|discordgo.IntentGuildMessages, func(s *discordgo.Session) {
		s.AddHandler(func(_ *discordgo.Session, ic *discordgo.InteractionCreate) { got <- ic.Interaction })
	})
	if _, err := sess.ApplicationCommandBulkOverwrite(discordtest.ApplicationID, "", commandsAnywhere(false)); err != nil {
		t.Fatal(err)
	}
	msg := fake.DispatchMessage(&discordgo.Message{Content: "read https://news.example/a"})
	fake.DispatchInteraction(discordtest.MessageCommand("Brief this article", msg))
	in := receive(t, got, "the message command")
	data := in.ApplicationCommandData()
	if in.Type != discordgo.InteractionApplicationCommand || data.CommandType != discordgo.MessageApplicationCommand || data.TargetID != msg.ID {
		t.Fatalf("interaction %+v data %+v", in, data)
	}
	if m := data.Resolved.Messages[msg.ID]; m == nil || m.Content != "read https://news.example/a" {
		t.Errorf("resolved message %+v: the content comes without the intent", m)
	}
}

func TestShownPubliclyAndUserInstallFollowupLimit(t *testing.T) {
	t.Parallel()
	rec := &recordingTB{TB: t}
	fake := discordtest.New(rec, discordtest.WithUserInstall())
	sess := connect(t, fake, discordgo.IntentsGuilds, nil)
	if _, err := sess.ApplicationCommandBulkOverwrite(discordtest.ApplicationID, "", commandsAnywhere(true)); err != nil {
		t.Fatal(err)
	}
	in := fake.DispatchInteraction(discordtest.UserInstalled(discordtest.SlashCommand("brief"), discordtest.DefaultUserID, discordgo.InteractionContextPrivateChannel, ""))
	if err := sess.InteractionRespond(in, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral},
	}); err != nil {
		t.Fatal(err)
	}
	if err := sess.InteractionResponseDelete(in); err != nil {
		t.Fatal(err)
	}
	for k := range discordtest.MaxUserInstallFollowups {
		if _, err := sess.FollowupMessageCreate(in, true, &discordgo.WebhookParams{Content: "part", AllowedMentions: noMentions()}); err != nil {
			t.Fatalf("follow-up %d: %v", k+1, err)
		}
	}
	if _, err := sess.FollowupMessageCreate(in, true, &discordgo.WebhookParams{Content: "one too many", AllowedMentions: noMentions()}); err == nil {
		t.Error("a sixth follow-up of a user-install-only interaction was accepted")
	}
	shown := fake.ShownPublicly(in.Token)
	if len(shown) != discordtest.MaxUserInstallFollowups || slices.ContainsFunc(shown, func(m *discordgo.Message) bool { return m.Flags&discordgo.MessageFlagsLoading != 0 }) {
		t.Errorf("shown publicly: %d messages, want the %d follow-ups and no private thinking", len(shown), discordtest.MaxUserInstallFollowups)
	}
	if errs := rec.errors(); len(errs) != 1 || !strings.Contains(errs[0], "follow-ups") {
		t.Errorf("reported %q", errs)
	}
}
