package bot

import (
	"context"
	"fmt"
	"runtime/debug"
	"strings"
	"sync"

	"github.com/bwmarrin/discordgo"
)

// command is one slash command: how it is registered and how it is served.
// All commands live in one table (commandTable), registered with a single
// bulk overwrite, so adding one is adding a row.
type command struct {
	def *discordgo.ApplicationCommand
	// run answers the command. It must acknowledge the interaction within
	// 3 s: at once with an ephemeral error, or by deferring.
	run func(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction, opts options)
	// complete answers autocomplete for the focused option; nil if none.
	complete func(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction, focused *discordgo.ApplicationCommandInteractionDataOption) []*discordgo.ApplicationCommandOptionChoice
	// anywhere commands also work outside servers that added the bot: in
	// its DMs and, for members who installed briefbot to their account,
	// in group DMs and any server, on the member's own space (see
	// userinstall.go). The others are server-only.
	anywhere bool
}

// Option bounds, also stated in the registration so Discord enforces them.
const (
	maxQueryLength = 80
	maxDays        = 3650
	maxURLLength   = 2000
)

func floatPtr(f float64) *float64 { return &f }

// guildOnly: each server has its own articles, so commands make no sense in DMs.
func guildOnly() *[]discordgo.InteractionContextType {
	return &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild}
}

func daysOption(what string) *discordgo.ApplicationCommandOption {
	return &discordgo.ApplicationCommandOption{
		Type:        discordgo.ApplicationCommandOptionInteger,
		Name:        "days",
		Description: "Only " + what + " from the last N days",
		MinValue:    floatPtr(1),
		MaxValue:    maxDays,
	}
}

// commandTable is every slash command the bot registers and serves.
func (b *Bot) commandTable() []command {
	noDM := false
	return []command{
		{
			def: &discordgo.ApplicationCommand{
				Name:        "brief",
				Description: "Brief a news article: give a link, or pick one already briefed",
				Options: []*discordgo.ApplicationCommandOption{
					{Type: discordgo.ApplicationCommandOptionString, Name: "url", Description: "Link to a news article to fetch and brief", MaxLength: maxURLLength},
					{Type: discordgo.ApplicationCommandOptionString, Name: "article", Description: "An article already briefed: its number or words from its title", Autocomplete: true, MaxLength: maxQueryLength},
				},
			},
			run:      b.cmdBrief,
			complete: b.completeArticle,
			anywhere: true,
		},
		{
			def:      &discordgo.ApplicationCommand{Name: briefMessageCommand, Type: discordgo.MessageApplicationCommand},
			run:      b.cmdBriefMessage,
			anywhere: true,
		},
		{
			def: &discordgo.ApplicationCommand{
				Name:         "articles",
				Description:  "List the articles shared here, newest first, or search them",
				DMPermission: &noDM,
				Contexts:     guildOnly(),
				Options: []*discordgo.ApplicationCommandOption{
					{Type: discordgo.ApplicationCommandOptionString, Name: "query", Description: "Words to search for in titles and text", MaxLength: maxQueryLength},
					daysOption("articles shared"),
				},
			},
			run: b.cmdArticles,
		},
		{
			def: &discordgo.ApplicationCommand{
				Name:         "quotes",
				Description:  "Quotes from the articles shared here, optionally by one speaker",
				DMPermission: &noDM,
				Contexts:     guildOnly(),
				Options: []*discordgo.ApplicationCommandOption{
					{Type: discordgo.ApplicationCommandOptionString, Name: "speaker", Description: "Who said it (part of the name is enough)", Autocomplete: true, MaxLength: maxQueryLength},
					daysOption("quotes from articles shared"),
				},
			},
			run:      b.cmdQuotes,
			complete: b.completeSpeaker,
		},
		{
			def: &discordgo.ApplicationCommand{
				Name:         "actor",
				Description:  "What the shared articles say about a person, organisation or country",
				DMPermission: &noDM,
				Contexts:     guildOnly(),
				Options: []*discordgo.ApplicationCommandOption{
					{Type: discordgo.ApplicationCommandOptionString, Name: "name", Description: "The actor's name", Required: true, Autocomplete: true, MaxLength: maxQueryLength},
				},
			},
			run:      b.cmdActor,
			complete: b.completeActor,
		},
		{
			def: &discordgo.ApplicationCommand{
				Name:         "forget",
				Description:  "Remove an article and its briefing (whoever shared it, or Manage Server)",
				DMPermission: &noDM,
				Contexts:     guildOnly(),
				Options: []*discordgo.ApplicationCommandOption{
					{Type: discordgo.ApplicationCommandOptionString, Name: "article", Description: "The article: pick it from the suggestions", Required: true, Autocomplete: true, MaxLength: maxQueryLength},
				},
			},
			run:      b.cmdForget,
			complete: b.completeArticle,
		},
		{
			def:      digestCommand(),
			run:      b.cmdDigest,
			complete: b.completeDigest,
		},
		{
			def: watchCommand(),
			run: b.cmdWatch,
		},
	}
}

// commandsByName indexes the table once per run.
func (b *Bot) commandsByName() map[string]command {
	b.commandsOnce.Do(func() {
		b.commands = make(map[string]command)
		for _, c := range b.commandTable() {
			b.commands[c.def.Name] = c
		}
	})
	return b.commands
}

// registered is c's definition as registered: server-only commands in
// servers that added the bot; anywhere commands also in the bot's DMs and,
// when the application may be installed to users, for user installs in every
// context. Guild-scoped registrations (Config.GuildID) carry no contexts,
// which Discord reads on global commands only.
func (c command) registered(guildScope, userInstall bool) *discordgo.ApplicationCommand {
	d := *c.def
	switch {
	case guildScope:
		d.Contexts, d.IntegrationTypes, d.DMPermission = nil, nil, nil
	case !c.anywhere:
		noDM := false
		d.DMPermission = &noDM
		d.Contexts = guildOnly()
		d.IntegrationTypes = &[]discordgo.ApplicationIntegrationType{discordgo.ApplicationIntegrationGuildInstall}
	default:
		contexts := []discordgo.InteractionContextType{discordgo.InteractionContextGuild, discordgo.InteractionContextBotDM}
		types := []discordgo.ApplicationIntegrationType{discordgo.ApplicationIntegrationGuildInstall}
		if userInstall {
			contexts = append(contexts, discordgo.InteractionContextPrivateChannel)
			types = append(types, discordgo.ApplicationIntegrationUserInstall)
		}
		d.DMPermission = nil
		d.Contexts, d.IntegrationTypes = &contexts, &types
	}
	return &d
}

// registerCommands replaces the application's commands with the table, in
// Config.GuildID if set (instant) or globally.
func (b *Bot) registerCommands(ctx context.Context, s *discordgo.Session) error {
	appID, _ := b.appID.Load().(string)
	if appID == "" {
		return fmt.Errorf("register commands: READY named no application")
	}
	guildScope := b.cfg.GuildID != ""
	if !guildScope {
		ic, err := readInstallContexts(ctx, s)
		if err != nil {
			// Registering for user installs the app does not allow would
			// fail the whole overwrite: register for servers only.
			b.log.Warn("could not read the application's installation contexts; registering for servers only", "err", err)
		}
		b.userInstall.Store(ic.user)
		if !ic.user {
			b.log.Info(userInstallOffLine)
		}
	}
	var defs []*discordgo.ApplicationCommand
	for _, c := range b.commandTable() {
		defs = append(defs, c.registered(guildScope, b.userInstall.Load()))
	}
	got, err := s.ApplicationCommandBulkOverwrite(appID, b.cfg.GuildID, defs, discordgo.WithContext(ctx))
	if err != nil {
		return fmt.Errorf("register commands: %w", err)
	}
	b.rememberCommands(got)
	scope := "global"
	if b.cfg.GuildID != "" {
		scope = "guild " + b.cfg.GuildID
	}
	b.log.Info("registered slash commands", "count", len(got), "scope", scope)
	return nil
}

// options indexes a command's option values by name.
type options map[string]*discordgo.ApplicationCommandInteractionDataOption

func optionsOf(list []*discordgo.ApplicationCommandInteractionDataOption) options {
	o := make(options, len(list))
	for _, opt := range list {
		if opt != nil {
			o[opt.Name] = opt
		}
	}
	return o
}

// str is a string option, trimmed; "" when absent.
func (o options) str(name string) string {
	opt := o[name]
	if opt == nil {
		return ""
	}
	v, _ := opt.Value.(string)
	return strings.TrimSpace(v)
}

// int is an integer option; 0 when absent.
func (o options) int(name string) int {
	opt := o[name]
	if opt == nil {
		return 0
	}
	switch v := opt.Value.(type) {
	case float64: // JSON numbers decode as float64
		return int(v)
	case int64:
		return int(v)
	case int:
		return v
	}
	return 0
}

// onInteraction routes every interaction; each runs in its own goroutine
// (discordgo's default), tracked so shutdown can wait for it.
func (b *Bot) onInteraction(s *discordgo.Session, ic *discordgo.InteractionCreate) {
	if ic == nil || ic.Interaction == nil {
		return
	}
	b.inflight.enter()
	defer b.inflight.leave()
	defer b.recoverHandler("interaction")
	i := ic.Interaction
	// Cancelled when the shutdown grace period ends.
	ctx, cancel := context.WithTimeout(b.work, replyTimeout)
	defer cancel()
	switch i.Type {
	case discordgo.InteractionApplicationCommand:
		b.runCommand(ctx, s, i)
	case discordgo.InteractionApplicationCommandAutocomplete:
		b.runAutocomplete(ctx, s, i)
	case discordgo.InteractionMessageComponent:
		b.runComponent(ctx, s, i)
	}
}

func (b *Bot) runCommand(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction) {
	data := i.ApplicationCommandData()
	log := b.log.With("command", data.Name, "guild", i.GuildID, "user", userID(i))
	c, ok := b.commandsByName()[data.Name]
	switch {
	case !ok:
		log.Warn("unknown command; the registration may be stale")
		b.failNow(ctx, s, i, "I don't know that command any more: Discord may still show an old list. Try again in a minute.")
		return
	case b.closing.Load():
		b.failNow(ctx, s, i, userMessage(errShutdown))
		return
	case !c.anywhere && !inServer(i):
		b.failNow(ctx, s, i, userMessage(errNotInServer))
		return
	}
	log.Debug("command", "context", i.Context)
	c.run(ctx, s, i, optionsOf(data.Options))
}

func (b *Bot) runAutocomplete(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction) {
	data := i.ApplicationCommandData()
	var choices []*discordgo.ApplicationCommandOptionChoice
	c, ok := b.commandsByName()[data.Name]
	if ok && c.complete != nil && (c.anywhere || inServer(i)) && !b.closing.Load() {
		if opt := focusedOption(data.Options); opt != nil {
			choices = c.complete(ctx, s, i, opt)
		}
	}
	if err := autocomplete(ctx, s, i, choices); err != nil {
		b.log.Warn("answer autocomplete", "command", data.Name, "guild", i.GuildID, "err", err)
	}
}

// inServer reports an interaction from a server that added the bot, where
// server-only commands work.
func inServer(i *discordgo.Interaction) bool {
	_, ok := serverSpace(i)
	return ok
}

// focusedOption is the option being typed, also inside a subcommand.
func focusedOption(list []*discordgo.ApplicationCommandInteractionDataOption) *discordgo.ApplicationCommandInteractionDataOption {
	for _, opt := range list {
		if opt == nil {
			continue
		}
		if opt.Focused {
			return opt
		}
		if f := focusedOption(opt.Options); f != nil {
			return f
		}
	}
	return nil
}

// recoverHandler keeps one bad event from taking the bot down: discordgo
// runs handlers in bare goroutines, where a panic would end the process.
func (b *Bot) recoverHandler(what string) {
	if r := recover(); r != nil {
		b.log.Error(what+" handler panicked", "panic", r, "stack", string(debug.Stack()))
	}
}

// failNow answers an interaction at once with an ephemeral line.
func (b *Bot) failNow(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction, line string) {
	if err := respond(ctx, s, i, reply{content: line}, true); err != nil {
		b.log.Warn("answer interaction with an error line", "guild", i.GuildID, "err", err)
	}
}

// failAfterDefer reports an error on a privately deferred interaction: the
// private "thinking" reply becomes the line.
func (b *Bot) failAfterDefer(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction, line string) {
	if err := editReply(ctx, s, i, reply{content: line}); err != nil {
		b.log.Warn("report error on deferred interaction", "guild", i.GuildID, "err", err)
	}
}

// userID is whoever used the interaction.
func userID(i *discordgo.Interaction) string {
	if i.Member != nil && i.Member.User != nil {
		return i.Member.User.ID
	}
	if i.User != nil {
		return i.User.ID
	}
	return ""
}

// tracker counts work in progress and says when none is left.
type tracker struct {
	mu   sync.Mutex
	n    int
	idle chan struct{}
}

func (t *tracker) enter() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.n == 0 {
		t.idle = make(chan struct{})
	}
	t.n++
}

func (t *tracker) leave() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.n--
	if t.n == 0 {
		close(t.idle)
	}
}

// done is closed once nothing is in progress.
func (t *tracker) done() <-chan struct{} {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.n == 0 {
		c := make(chan struct{})
		close(c)
		return c
	}
	return t.idle
}
