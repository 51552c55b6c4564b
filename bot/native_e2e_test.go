package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/discordtest"
	"github.com/briefbot/briefbot/bot/embeds"
	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/storage"
)

// End-to-end tests of the Discord-native ways in: autocomplete that finds
// what members type, the "Brief this article" message command, user
// installs, private errors, and per-server article numbers.

// storeBriefed saves an article and its briefing in a space, as if briefed.
func (e *env) storeBriefed(spaceID, url, title string, b briefing.Briefing) storage.StoredArticle {
	e.t.Helper()
	ctx := context.Background()
	a := briefingArticleFor(url, title)
	st, _, err := e.db.SaveArticle(ctx, storage.Submission{GuildID: spaceID, UserID: discordtest.DefaultUserID, At: e.clock.Now()}, a)
	if err != nil {
		e.t.Fatal(err)
	}
	if err := e.db.SaveBriefing(ctx, spaceID, st.ID, e.bot.engineVersion, b, e.clock.Now()); err != nil {
		e.t.Fatal(err)
	}
	e.clock.Add(time.Minute)
	return st
}

// choices dispatches an autocomplete interaction and returns what the bot offered.
func (e *env) choices(in *discordgo.Interaction) []*discordgo.ApplicationCommandOptionChoice {
	e.t.Helper()
	in.Type = discordgo.InteractionApplicationCommandAutocomplete
	in = e.fake.DispatchInteraction(in)
	e.waitFor("autocomplete answer", func(s *discordtest.Server) bool { return len(s.InteractionResponses(in.ID)) > 0 })
	cb := e.callbacks(in)[0]
	if cb.Type != discordgo.InteractionApplicationCommandAutocompleteResult || cb.Status != http.StatusNoContent {
		e.t.Fatalf("autocomplete answered with %+v", cb)
	}
	var resp struct {
		Data struct {
			Choices []*discordgo.ApplicationCommandOptionChoice `json:"choices"`
		} `json:"data"`
	}
	if err := json.Unmarshal(cb.Raw, &resp); err != nil {
		e.t.Fatal(err)
	}
	for _, c := range resp.Data.Choices {
		v, _ := c.Value.(string)
		if embeds.Len(c.Name) > embeds.MaxChoiceName || embeds.Len(v) > embeds.MaxChoiceValue || c.Name == "" {
			e.t.Errorf("choice over Discord's limits: %+v", c)
		}
	}
	if len(resp.Data.Choices) > embeds.MaxChoices {
		e.t.Errorf("%d choices, Discord takes 25", len(resp.Data.Choices))
	}
	return resp.Data.Choices
}

func focused(name, typed string) *discordgo.ApplicationCommandInteractionDataOption {
	return &discordgo.ApplicationCommandInteractionDataOption{Name: name, Type: discordgo.ApplicationCommandOptionString, Value: typed, Focused: true}
}

func choiceValues(cs []*discordgo.ApplicationCommandOptionChoice) []string {
	var out []string
	for _, c := range cs {
		v, _ := c.Value.(string)
		out = append(out, v)
	}
	return out
}

func quoted(speaker string, n int) briefing.Briefing {
	var b briefing.Briefing
	for k := range n {
		b.Quotes = append(b.Quotes, briefing.Quote{Text: fmt.Sprintf("words %d", k), Speaker: speaker, Direct: true, Start: k * 10, End: k*10 + 7})
	}
	b.Actors = []briefing.Actor{{Name: speaker, Kind: briefing.KindPerson, Key: true, Mentions: n}}
	return b
}

func TestE2EAutocompleteFindsWordStartsAnyCaseAnyAccent(t *testing.T) {
	e := startEnv(t)
	g := discordtest.DefaultGuildID
	base := e.pages.URL + "/news/harbour-levy?story="
	aldwick := e.storeBriefed(g, base+"1", "Aldwick ferry fares rise again", quoted("Helen Ortíz", 3))
	e.storeBriefed(g, base+"2", "Council approves harbour levy", quoted("Ortega Port Authority", 1))
	e.storeBriefed(g, base+"3", "Why Southaldwick voted no", quoted("Ann Mortimer", 5))
	eu := briefing.Briefing{Actors: []briefing.Actor{{Name: "European Union", Kind: briefing.KindOrganization, Aliases: []string{"EU"}, Key: true}}}
	e.storeBriefed(g, base+"4", "Brussels weighs in", eu)

	article := func(typed string) []string {
		return choiceValues(e.choices(discordtest.SlashCommand("brief", focused("article", typed))))
	}
	num := fmt.Sprint(aldwick.Number)
	for _, typed := range []string{"ald", "ALD", "Ald", "aldw", "fer", "ferry fares", "fares ferry"} {
		if got := article(typed); len(got) == 0 || got[0] != num {
			t.Errorf("/brief article:%q offered %v, want the Aldwick article (#%s) first", typed, got, num)
		}
	}
	// A word start ranks above a match inside a word: "ald" is also in
	// "Southaldwick", which comes after.
	if got := article("ald"); len(got) != 2 || got[1] == num {
		t.Errorf("ald offered %v, want Aldwick then Southaldwick", got)
	}
	if got := article("haldw"); len(got) != 1 {
		t.Errorf("anywhere in a word: haldw offered %v", got)
	}

	speakers := func(typed string) []string {
		return choiceValues(e.choices(discordtest.SlashCommand("quotes", focused("speaker", typed))))
	}
	for _, typed := range []string{"orti", "ortiz", "ORTIZ", "Ortíz", "hel", "helen o", "ortiz hel"} {
		if got := speakers(typed); len(got) == 0 || got[0] != "Helen Ortíz" {
			t.Errorf("/quotes speaker:%q offered %v, want Helen Ortíz first", typed, got)
		}
	}
	// Best first: the name that starts with it, then a word that does, then inside a word.
	if got, want := speakers("ort"), []string{"Ortega Port Authority", "Helen Ortíz", "Ann Mortimer"}; !slices.Equal(got, want) {
		t.Errorf("ort offered %v, want %v", got, want)
	}
	// Nothing typed: most quoted first.
	if got := speakers(""); len(got) != 3 || got[0] != "Ann Mortimer" {
		t.Errorf("empty speaker offered %v, want the most quoted first", got)
	}

	actors := func(typed string) []string {
		return choiceValues(e.choices(discordtest.SlashCommand("actor", focused("name", typed))))
	}
	if got := actors("ortiz"); len(got) != 1 || got[0] != "Helen Ortíz" {
		t.Errorf("/actor name:ortiz offered %v", got)
	}
	if got := actors("eu"); len(got) == 0 || got[0] != "European Union" {
		t.Errorf("/actor name:eu offered %v, want the alias to find European Union", got)
	}
	if got := actors("union"); len(got) != 1 || got[0] != "European Union" {
		t.Errorf("/actor name:union offered %v", got)
	}

	zone := func(typed string) []string {
		in := discordtest.SlashCommand("digest", &discordgo.ApplicationCommandInteractionDataOption{
			Name: "setup", Type: discordgo.ApplicationCommandOptionSubCommand,
			Options: []*discordgo.ApplicationCommandInteractionDataOption{focused("timezone", typed)},
		})
		return choiceValues(e.choices(in))
	}
	if got := zone("york"); len(got) == 0 || got[0] != "America/New_York" {
		t.Errorf("timezone york offered %v", got)
	}
	if got := zone("são p"); len(got) == 0 || got[0] != "America/Sao_Paulo" {
		t.Errorf("timezone são p offered %v", got)
	}
	if v := e.fake.Violations(); len(v) != 0 {
		t.Errorf("Discord rules broken (late answers included): %v", v)
	}
}

func TestE2EAutocompleteWithinDiscordLimits(t *testing.T) {
	e := startEnv(t)
	g := discordtest.DefaultGuildID
	long := strings.Repeat("Very long speaker name ", 8) // over 100 characters: cannot be a value
	var b briefing.Briefing
	for k := range 40 {
		b.Quotes = append(b.Quotes, briefing.Quote{Text: "x", Speaker: fmt.Sprintf("Speaker Number %02d", k), Direct: true})
	}
	b.Quotes = append(b.Quotes, briefing.Quote{Text: "x", Speaker: long, Direct: true})
	e.storeBriefed(g, e.pages.link("harbour-levy"), strings.Repeat("A headline that goes on and on ", 10), b)
	got := e.choices(discordtest.SlashCommand("quotes", focused("speaker", "speaker")))
	if len(got) != embeds.MaxChoices {
		t.Errorf("%d choices for 41 matching speakers, want Discord's 25", len(got))
	}
	for _, c := range got {
		if strings.HasPrefix(c.Value.(string), "Very long") {
			t.Errorf("a name over 100 characters was offered as a value: %q", c.Value)
		}
	}
	if a := e.choices(discordtest.SlashCommand("brief", focused("article", "headline"))); len(a) != 1 || !strings.HasSuffix(a[0].Name, embeds.Ellipsis) && embeds.Len(a[0].Name) > embeds.MaxChoiceName {
		t.Errorf("long title choice = %+v", a)
	}
}

// targetMessage posts a member's message in a channel and returns it.
func (e *env) postedMessage(channelID, content string, es ...*discordgo.MessageEmbed) *discordgo.Message {
	return e.fake.DispatchMessage(&discordgo.Message{ChannelID: channelID, Content: content, Embeds: es})
}

// settled waits until an interaction has its final state: no "thinking"
// reply left and, if want > 0, that many briefing embeds in public.
func (e *env) publicEmbeds(in *discordgo.Interaction, want int) []*discordgo.MessageEmbed {
	e.t.Helper()
	var got []*discordgo.MessageEmbed
	e.waitFor(fmt.Sprintf("%d public briefings", want), func(s *discordtest.Server) bool {
		if o := s.Original(in.Token); o != nil && o.Flags&discordgo.MessageFlagsLoading != 0 {
			return false
		}
		got = got[:0]
		for _, f := range s.Followups(in.Token) {
			if !isEphemeral(f) {
				got = append(got, f.Embeds...)
			}
		}
		return len(got) >= want
	})
	return got
}

func TestE2EBriefThisArticleWithoutMessageContent(t *testing.T) {
	e := startEnv(t, withFake(discordtest.WithDisallowedIntents(discordgo.IntentMessageContent)))
	var menu *discordgo.ApplicationCommand
	for _, c := range e.fake.Commands("") {
		if c.Type == discordgo.MessageApplicationCommand {
			menu = c
		}
	}
	if menu == nil || menu.Name != "Brief this article" || menu.Description != "" {
		t.Fatalf("message command registered as %+v", menu)
	}

	harbour, drought, rail := e.pages.link("harbour-levy"), e.pages.link("river-drought"), e.pages.link("rail-strike")
	// Two links in the text (one twice, with tracking), a video, and a third
	// article only in an embed, the way a news feed posts.
	msg := e.postedMessage(discordtest.DefaultChannelID,
		fmt.Sprintf("Morning reads: %s and %s?utm_source=feed, clip https://youtu.be/abc, again %s", harbour, drought, harbour),
		&discordgo.MessageEmbed{Type: discordgo.EmbedTypeLink, URL: rail, Title: "Rail strike"})
	in := e.fake.DispatchInteraction(discordtest.MessageCommand("Brief this article", msg))
	got := e.publicEmbeds(in, 3)
	if len(got) != 3 {
		t.Fatalf("%d briefings published, want one per article link (3)", len(got))
	}
	for k, want := range []string{harbour, drought, rail} {
		if !strings.HasPrefix(got[k].URL, want) {
			t.Errorf("briefing %d is of %s, want %s (the message's order)", k, got[k].URL, want)
		}
	}
	cbs := e.callbacks(in)
	if len(cbs) != 1 || !deferredPrivately(cbs[0]) {
		t.Errorf("callbacks %+v, want one private deferral", cbs)
	}
	if o := e.fake.Original(in.Token); o != nil {
		t.Errorf("with nothing to say privately the private reply should go: %+v", o)
	}
	for _, m := range e.fake.ShownPublicly(in.Token) {
		if m.Flags&discordgo.MessageFlagsLoading != 0 || len(m.Embeds) == 0 {
			t.Errorf("the channel saw %+v; it should only see briefings", m)
		}
	}
	stored, err := e.db.ArticleByURL(context.Background(), discordtest.DefaultGuildID, rail)
	if err != nil || stored.MessageID != msg.ID || stored.SubmittedBy != discordtest.DefaultUserID {
		t.Errorf("stored %+v, %v; want the message and who asked recorded", stored, err)
	}
	// The same message's content never reached the bot through MESSAGE_CREATE.
	if r := e.repliesTo(msg.ChannelID, msg.ID); len(r) != 0 {
		t.Errorf("the bot replied to the pasted message without the intent: %+v", r)
	}

	// One good link and one broken: the good one for everyone, the failure
	// for the member alone.
	mixed := e.postedMessage(discordtest.DefaultChannelID, "see "+harbour+"?edition=2 and "+e.pages.URL+"/news/no-such-story")
	in = e.fake.DispatchInteraction(discordtest.MessageCommand("Brief this article", mixed))
	if got := e.publicEmbeds(in, 1); len(got) != 1 {
		t.Fatalf("mixed message published %d briefings, want 1", len(got))
	}
	e.waitFor("the private note", func(s *discordtest.Server) bool {
		o := s.Original(in.Token)
		return o != nil && o.Flags&discordgo.MessageFlagsLoading == 0
	})
	if o := e.fake.Original(in.Token); !isEphemeral(o) || !strings.Contains(o.Content, "I couldn't brief <") || !strings.Contains(o.Content, "HTTP 404") {
		t.Errorf("private note = %+v", o)
	}
	for _, m := range e.fake.ShownPublicly(in.Token) {
		if strings.Contains(m.Content, "couldn't") {
			t.Errorf("a failure was shown publicly: %q", m.Content)
		}
	}

	// No link at all: known at once, answered at once, privately.
	chatter := e.postedMessage(discordtest.DefaultChannelID, "good morning everyone")
	in = e.fake.DispatchInteraction(discordtest.MessageCommand("Brief this article", chatter))
	m := e.answer(in)
	if cb := e.callbacks(in); len(cb) != 1 || cb[0].Type != discordgo.InteractionResponseChannelMessageWithSource || !isEphemeral(m) ||
		!strings.Contains(m.Content, "no link to a news article") {
		t.Errorf("no-link message answered %+v with %+v", m, cb)
	}
	if v := e.fake.Violations(); len(v) != 0 {
		t.Errorf("Discord rules broken: %v", v)
	}
}

// commandNamed finds a registered global command.
func commandNamed(cmds []*discordgo.ApplicationCommand, name string) *discordgo.ApplicationCommand {
	for _, c := range cmds {
		if c.Name == name {
			return c
		}
	}
	return nil
}

func TestE2ERegistrationFollowsInstallContexts(t *testing.T) {
	for _, tc := range []struct {
		name         string
		userInstall  bool
		wantTypes    []discordgo.ApplicationIntegrationType
		wantContexts []discordgo.InteractionContextType
	}{
		{"server install only", false, []discordgo.ApplicationIntegrationType{0}, []discordgo.InteractionContextType{0, 1}},
		{"user install too", true, []discordgo.ApplicationIntegrationType{0, 1}, []discordgo.InteractionContextType{0, 1, 2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var opts []discordtest.Option
			if tc.userInstall {
				opts = append(opts, discordtest.WithUserInstall())
			}
			e := startEnv(t, withFake(opts...))
			cmds := e.fake.Commands("")
			for _, name := range []string{"brief", "Brief this article"} {
				c := commandNamed(cmds, name)
				if c == nil || c.IntegrationTypes == nil || c.Contexts == nil ||
					!slices.Equal(*c.IntegrationTypes, tc.wantTypes) || !slices.Equal(*c.Contexts, tc.wantContexts) {
					t.Errorf("%s registered as %+v", name, c)
				}
			}
			for _, name := range []string{"articles", "quotes", "actor", "forget", "watch", "digest"} {
				c := commandNamed(cmds, name)
				if c == nil || c.IntegrationTypes == nil || c.Contexts == nil ||
					!slices.Equal(*c.IntegrationTypes, []discordgo.ApplicationIntegrationType{0}) ||
					!slices.Equal(*c.Contexts, []discordgo.InteractionContextType{0}) {
					t.Errorf("server-only %s registered as %+v", name, c)
				}
			}
			if off := strings.Count(e.logs.String(), "user install is off"); off != map[bool]int{false: 1, true: 0}[tc.userInstall] {
				t.Errorf("'user install is off' logged %d times", off)
			}
		})
	}
}

func TestE2EUserInstallBriefsInTheUsersOwnSpace(t *testing.T) {
	e := startEnv(t, withFake(discordtest.WithUserInstall()))
	const elsewhere = "1100000000000000888" // a server that never added the bot
	own := userSpacePrefix + discordtest.DefaultUserID
	harbour, drought, rail := e.pages.link("harbour-levy"), e.pages.link("river-drought"), e.pages.link("rail-strike")

	// /brief in the bot's DM (context 1).
	in := e.fake.DispatchInteraction(discordtest.UserInstalled(
		discordtest.SlashCommand("brief", discordtest.StringOption("url", harbour)), discordtest.DefaultUserID, discordgo.InteractionContextBotDM, ""))
	if in.GuildID != "" || in.Context != discordgo.InteractionContextBotDM || in.AuthorizingIntegrationOwners[discordgo.ApplicationIntegrationUserInstall] != discordtest.DefaultUserID {
		t.Fatalf("dispatched %+v", in)
	}
	if got := e.publicEmbeds(in, 1); len(got) != 1 || got[0].URL != harbour {
		t.Fatalf("DM /brief published %+v", got)
	}

	// "Brief this article" in a group DM (context 2).
	msg := &discordgo.Message{ID: "1100000000000007001", ChannelID: discordtest.DefaultGroupDMChannelID, Content: "did you see " + drought,
		Author: &discordgo.User{ID: "1100000000000000444", Username: "friend"}}
	in = e.fake.DispatchInteraction(discordtest.UserInstalled(
		discordtest.MessageCommand("Brief this article", msg), discordtest.DefaultUserID, discordgo.InteractionContextPrivateChannel, ""))
	if in.Context != discordgo.InteractionContextPrivateChannel || len(in.AuthorizingIntegrationOwners) != 1 {
		t.Fatalf("group DM interaction %+v", in)
	}
	if got := e.publicEmbeds(in, 1); len(got) != 1 || got[0].URL != drought {
		t.Fatalf("group DM menu published %+v", got)
	}

	// /brief in a server that never added the bot (context 0, user install only).
	in = e.fake.DispatchInteraction(discordtest.UserInstalled(
		discordtest.SlashCommand("brief", discordtest.StringOption("url", rail)), discordtest.DefaultUserID, discordgo.InteractionContextGuild, elsewhere))
	if _, guild := in.AuthorizingIntegrationOwners[discordgo.ApplicationIntegrationGuildInstall]; guild {
		t.Fatalf("a server without the bot cannot authorise it: %+v", in.AuthorizingIntegrationOwners)
	}
	if got := e.publicEmbeds(in, 1); len(got) != 1 || got[0].URL != rail {
		t.Fatalf("/brief in a server without the bot published %+v", got)
	}

	// All three are the member's own, numbered 1, 2, 3 in their space; no
	// server has them.
	if n := e.countArticles(own); n != 3 {
		t.Errorf("%d articles in the member's own space, want 3", n)
	}
	for _, g := range []string{discordtest.DefaultGuildID, elsewhere} {
		if n := e.countArticles(g); n != 0 {
			t.Errorf("server %s holds %d of the member's articles", g, n)
		}
	}
	if a, err := e.db.ArticleByURL(context.Background(), own, rail); err != nil || a.Number != 3 {
		t.Errorf("third own article = #%d, %v", a.Number, err)
	}

	// In a server that added the bot, the member's own articles are not
	// offered, listed or found; in their DM they are.
	inServer := e.choices(discordtest.SlashCommand("brief", focused("article", "")))
	if len(inServer) != 0 {
		t.Errorf("the server's autocomplete offered the member's own articles: %+v", inServer)
	}
	// The server has no articles of its own: the empty answer is private.
	if m := e.answer(e.slash(nil, "", "articles")); !isEphemeral(m) || len(m.Embeds) != 0 || strings.Contains(strings.ToLower(m.Content), "harbour") {
		t.Errorf("the server's /articles showed the member's own: %q %+v", m.Content, m.Embeds)
	}
	dm := e.choices(discordtest.UserInstalled(discordtest.SlashCommand("brief", focused("article", "farm")),
		discordtest.DefaultUserID, discordgo.InteractionContextBotDM, ""))
	if len(dm) != 1 || dm[0].Value != "2" {
		t.Errorf("DM autocomplete for farm offered %+v, want the member's article #2 (Farmers ask ...)", dm)
	}
	m := e.answer(e.fake.DispatchInteraction(discordtest.UserInstalled(discordtest.SlashCommand("brief", discordtest.StringOption("article", "1")),
		discordtest.DefaultUserID, discordgo.InteractionContextBotDM, "")))
	if len(m.Embeds) != 1 || m.Embeds[0].URL != harbour {
		t.Errorf("DM /brief article:1 answered %+v", m)
	}

	m = e.answer(e.fake.DispatchInteraction(discordtest.UserInstalled(discordtest.SlashCommand("brief", discordtest.StringOption("article", "9")),
		discordtest.DefaultUserID, discordgo.InteractionContextBotDM, "")))
	if !isEphemeral(m) || !strings.Contains(m.Content, "no such article of your own") {
		t.Errorf("DM /brief article:9 answered %+v", m)
	}

	// Used again in a server that added the bot, with the user install too:
	// the server's space, as for any member.
	in = e.fake.DispatchInteraction(discordtest.UserInstalled(
		discordtest.SlashCommand("brief", discordtest.StringOption("url", harbour)), discordtest.DefaultUserID, discordgo.InteractionContextGuild, discordtest.DefaultGuildID))
	if in.AuthorizingIntegrationOwners[discordgo.ApplicationIntegrationGuildInstall] != discordtest.DefaultGuildID {
		t.Fatalf("owners %+v, want the server's install too", in.AuthorizingIntegrationOwners)
	}
	if got := e.publicEmbeds(in, 1); len(got) != 1 {
		t.Fatalf("server /brief published %+v", got)
	}
	if n := e.countArticles(discordtest.DefaultGuildID); n != 1 {
		t.Errorf("the server has %d articles, want the one briefed there", n)
	}
	if v := e.fake.Violations(); len(v) != 0 {
		t.Errorf("Discord rules broken: %v", v)
	}
}

func TestE2EErrorsNeverShowPublicly(t *testing.T) {
	e := startEnv(t, withBriefer(stubEngine{}))
	e.answer(e.slash(nil, "", "brief", discordtest.StringOption("url", e.pages.link("rail-strike"))))

	for _, tc := range []struct {
		name  string
		in    *discordgo.Interaction
		want  string
		atOnc bool // known before deferring: one private type-4 answer
	}{
		{"no such article", discordtest.SlashCommand("brief", discordtest.StringOption("article", "99")), "no such article", true},
		{"bad link", discordtest.SlashCommand("brief", discordtest.StringOption("url", "not a link")), "full address", true},
		{"unknown actor", discordtest.SlashCommand("actor", discordtest.StringOption("name", "Nobody Atall")), "No article shared here names", false},
		{"fetch fails", discordtest.SlashCommand("brief", discordtest.StringOption("url", e.pages.URL+"/news/gone")), "HTTP 404", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := e.on(t)
			in := e.fake.DispatchInteraction(tc.in)
			m := e.answer(in)
			if !isEphemeral(m) || !strings.Contains(m.Content, tc.want) {
				t.Errorf("answered %+v, want a private line with %q", m, tc.want)
			}
			if shown := e.fake.ShownPublicly(in.Token); len(shown) != 0 {
				t.Errorf("the channel saw %d messages, first %+v", len(shown), shown[0])
			}
			cbs := e.callbacks(in)
			switch {
			case tc.atOnc && (len(cbs) != 1 || cbs[0].Type != discordgo.InteractionResponseChannelMessageWithSource):
				t.Errorf("callbacks %+v, want one immediate answer", cbs)
			case !tc.atOnc && (len(cbs) != 1 || !deferredPrivately(cbs[0])):
				t.Errorf("callbacks %+v, want one private deferral", cbs)
			}
		})
	}

	// Successes after a deferral are public and the channel never sees a
	// "thinking" reply.
	for _, in := range []*discordgo.Interaction{
		discordtest.SlashCommand("articles"),
		discordtest.SlashCommand("quotes"),
	} {
		in = e.fake.DispatchInteraction(in)
		m := e.answer(in)
		if isEphemeral(m) || len(m.Embeds) != 1 {
			t.Errorf("/%s answered %+v", commandName(in), m)
		}
		for _, s := range e.fake.ShownPublicly(in.Token) {
			if s.Flags&discordgo.MessageFlagsLoading != 0 {
				t.Errorf("/%s showed the channel a thinking reply", commandName(in))
			}
		}
	}
}

func TestE2ESlowStoredBriefingIsDeferredPrivately(t *testing.T) {
	e := startEnv(t, withBot(func(b *Bot) { b.quickAnswer = 0 }))
	e.answer(e.slash(nil, "", "brief", discordtest.StringOption("url", e.pages.link("harbour-levy"))))
	in := e.slash(nil, "", "brief", discordtest.StringOption("article", "1"))
	m := e.answer(in)
	if cbs := e.callbacks(in); len(cbs) != 1 || !deferredPrivately(cbs[0]) {
		t.Errorf("callbacks %+v, want a private deferral when the answer is not instant", cbs)
	}
	if isEphemeral(m) || len(m.Embeds) != 1 {
		t.Errorf("answered %+v, want the public briefing", m)
	}
	in = e.slash(nil, "", "brief", discordtest.StringOption("article", "7"))
	if m := e.answer(in); !isEphemeral(m) || len(e.fake.ShownPublicly(in.Token)) != 0 {
		t.Errorf("a slow miss answered %+v publicly", m)
	}
}

func TestE2EArticleNumbersPerServer(t *testing.T) {
	e := startEnv(t, withFake(twoGuilds()))
	harbour, drought, rail := e.pages.link("harbour-levy"), e.pages.link("river-drought"), e.pages.link("rail-strike")
	e.answer(e.slash(nil, discordtest.DefaultGuildID, "brief", discordtest.StringOption("url", harbour)))
	e.answer(e.slash(nil, discordtest.DefaultGuildID, "brief", discordtest.StringOption("url", drought)))
	if m := e.answer(e.slash(nil, secondGuildID, "brief", discordtest.StringOption("url", rail))); len(m.Embeds) != 1 {
		t.Fatalf("no briefing in the second server: %+v", m)
	}
	if a, err := e.db.ArticleByURL(context.Background(), secondGuildID, rail); err != nil || a.Number != 1 {
		t.Errorf("the second server's first article = #%d, %v; want #1", a.Number, err)
	}
	for _, tc := range []struct {
		guild, ref, want string
	}{
		{discordtest.DefaultGuildID, "1", harbour},
		{discordtest.DefaultGuildID, "#2", drought},
		{secondGuildID, "1", rail},
	} {
		m := e.answer(e.slash(nil, tc.guild, "brief", discordtest.StringOption("article", tc.ref)))
		if len(m.Embeds) != 1 || m.Embeds[0].URL != tc.want {
			t.Errorf("server %s article:%s answered %+v, want %s", tc.guild, tc.ref, m, tc.want)
		}
	}
	if m := e.answer(e.slash(nil, secondGuildID, "brief", discordtest.StringOption("article", "2"))); !isEphemeral(m) {
		t.Errorf("the second server has one article; #2 answered %+v", m)
	}
	if c := e.choices(&discordgo.Interaction{GuildID: secondGuildID, Data: discordgo.ApplicationCommandInteractionData{
		Name: "forget", CommandType: discordgo.ChatApplicationCommand, Options: []*discordgo.ApplicationCommandInteractionDataOption{focused("article", "")}}}); len(c) != 1 || c[0].Value != "1" || !strings.HasPrefix(c[0].Name, "#1 ") {
		t.Errorf("second server's suggestions %+v, want its own #1", c)
	}
	// /forget 1 in the second server removes its article only.
	m := e.answer(e.slash(manager(), secondGuildID, "forget", discordtest.StringOption("article", "1")))
	if !strings.Contains(m.Content, "Removed article #1") || e.countArticles(secondGuildID) != 0 || e.countArticles(discordtest.DefaultGuildID) != 2 {
		t.Errorf("forget answered %q; articles %d and %d", m.Content, e.countArticles(discordtest.DefaultGuildID), e.countArticles(secondGuildID))
	}
	// A number is never reused: the next article there is #2.
	m = e.answer(e.slash(nil, secondGuildID, "brief", discordtest.StringOption("url", harbour)))
	if len(m.Embeds) != 1 {
		t.Fatalf("no briefing after forgetting: %+v", m)
	}
	if a, err := e.db.ArticleByURL(context.Background(), secondGuildID, harbour); err != nil || a.Number != 2 {
		t.Errorf("after forgetting #1 the next = #%d, %v; want #2", a.Number, err)
	}
}

func TestE2EBotDMWithoutUserInstall(t *testing.T) {
	e := startEnv(t)
	in := discordtest.SlashCommand("brief", discordtest.StringOption("url", e.pages.link("harbour-levy")))
	in.User = &discordgo.User{ID: discordtest.DefaultUserID, Username: discordtest.DefaultUsername}
	in = e.fake.DispatchInteraction(in)
	if in.Context != discordgo.InteractionContextBotDM || in.AuthorizingIntegrationOwners[discordgo.ApplicationIntegrationGuildInstall] != "0" {
		t.Fatalf("bot DM interaction %+v", in)
	}
	if got := e.publicEmbeds(in, 1); len(got) != 1 {
		t.Fatalf("bot DM /brief published %+v", got)
	}
	if n := e.countArticles(userSpacePrefix + discordtest.DefaultUserID); n != 1 {
		t.Errorf("%d articles in the member's own space, want 1", n)
	}
	if n := e.countArticles(discordtest.DefaultGuildID); n != 0 {
		t.Errorf("a DM briefing reached the server: %d articles", n)
	}
}
