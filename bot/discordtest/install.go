package discordtest

import (
	"fmt"
	"net/http"
	"slices"

	"github.com/bwmarrin/discordgo"
)

// Installation contexts, interaction contexts and message commands, as Discord documents them
// (developers/resources/application "Installation Context", developers/interactions
// "receiving-and-responding" and "application-commands"):
//
//   - An application is installable to servers (GUILD_INSTALL, 0) and, if its owner ticks it, to
//     users (USER_INSTALL, 1); GET /applications/@me says which in integration_types_config. A new
//     application supports server installs only (WithUserInstall adds user installs).
//   - A global command lists where it is available: integration_types (installation contexts; only
//     ones the application supports, else the registration is refused) and contexts (GUILD 0,
//     BOT_DM 1, PRIVATE_CHANNEL 2). Guild-scoped commands take neither.
//   - Each interaction carries its context and authorizing_integration_owners: "0" -> the guild ID
//     (or "0" in the bot's DM) when the server's install authorised it, "1" -> the user ID when the
//     user's own install did. Discord only sends a command where it is available.
//   - A message command (type 3) is sent as an application command interaction whose data holds
//     target_id and the message in resolved.messages, content included without the Message
//     Content intent.
//   - An interaction authorised only by a user install may have at most 5 follow-ups.

// Channels of the default user's private conversations.
const (
	// DefaultGroupDMChannelID is a group DM of DefaultUserID and friends, without the bot.
	DefaultGroupDMChannelID = "1100000000000000390"
)

// MaxUserInstallFollowups is how many follow-ups an interaction authorised only by a user install
// may send.
const MaxUserInstallFollowups = 5

// WithUserInstall makes the application installable to users as well as servers, as ticking
// Installation > Installation Contexts > User Install in the Developer Portal does.
func WithUserInstall() Option {
	return func(c *config) { c.userInstall = true }
}

// integrationTypesConfig is the application's integration_types_config.
func (s *Server) integrationTypesConfig() map[string]any {
	out := map[string]any{"0": map[string]any{}}
	if s.cfg.userInstall {
		out["1"] = map[string]any{}
	}
	return out
}

// checkInstallContexts lists why Discord would refuse the commands' contexts: installation types
// the application does not support, unknown contexts, or contexts on guild-scoped commands.
func (s *Server) checkInstallContexts(guild string, cmds []*discordgo.ApplicationCommand) []string {
	var out []string
	for _, c := range cmds {
		if c == nil {
			continue
		}
		if guild != "" {
			if c.IntegrationTypes != nil && len(*c.IntegrationTypes) > 0 {
				out = append(out, fmt.Sprintf("command %q: integration_types apply to global commands only", c.Name))
			}
			if c.Contexts != nil && slices.ContainsFunc(*c.Contexts, func(x discordgo.InteractionContextType) bool { return x != discordgo.InteractionContextGuild }) {
				out = append(out, fmt.Sprintf("command %q: guild commands cannot be used in DMs (contexts)", c.Name))
			}
			continue
		}
		if c.IntegrationTypes != nil {
			for _, t := range *c.IntegrationTypes {
				switch {
				case t == discordgo.ApplicationIntegrationGuildInstall:
				case t == discordgo.ApplicationIntegrationUserInstall && s.cfg.userInstall:
				case t == discordgo.ApplicationIntegrationUserInstall:
					out = append(out, fmt.Sprintf("command %q: integration type USER_INSTALL is not supported by the application (Installation Contexts)", c.Name))
				default:
					out = append(out, fmt.Sprintf("command %q: unknown integration type %d", c.Name, t))
				}
			}
		}
		if c.Contexts != nil {
			for _, x := range *c.Contexts {
				if x > discordgo.InteractionContextPrivateChannel {
					out = append(out, fmt.Sprintf("command %q: unknown context %d", c.Name, x))
				}
			}
		}
	}
	return out
}

// commandTypes are the installation types a registered command is available in.
func commandTypes(c *discordgo.ApplicationCommand) []discordgo.ApplicationIntegrationType {
	if c.GuildID != "" || c.IntegrationTypes == nil || len(*c.IntegrationTypes) == 0 {
		return []discordgo.ApplicationIntegrationType{discordgo.ApplicationIntegrationGuildInstall}
	}
	return *c.IntegrationTypes
}

// commandContexts are the interaction contexts a registered command is available in.
func commandContexts(c *discordgo.ApplicationCommand) []discordgo.InteractionContextType {
	switch {
	case c.GuildID != "":
		return []discordgo.InteractionContextType{discordgo.InteractionContextGuild}
	case c.Contexts != nil:
		return *c.Contexts
	case c.DMPermission != nil && !*c.DMPermission:
		return []discordgo.InteractionContextType{discordgo.InteractionContextGuild}
	}
	return []discordgo.InteractionContextType{discordgo.InteractionContextGuild, discordgo.InteractionContextBotDM, discordgo.InteractionContextPrivateChannel}
}

func (s *Server) inGuild(id string) bool { return s.guild(id) != nil }

// fillOwnersLocked sets the interaction's context and authorizing_integration_owners the way
// Discord would for command c, and reports a command Discord could not have sent there. A test
// marks a user install by putting the "1" key in (see UserInstalled); the "0" key follows from
// where the bot is.
func (s *Server) fillOwnersLocked(in *discordgo.Interaction, c *discordgo.ApplicationCommand) {
	if in.GuildID == "" && in.Context == discordgo.InteractionContextGuild {
		in.Context = discordgo.InteractionContextBotDM
		if in.ChannelID != DefaultDMChannelID {
			if ch := s.channels[in.ChannelID]; ch != nil && ch.Type == discordgo.ChannelTypeGroupDM {
				in.Context = discordgo.InteractionContextPrivateChannel
			}
		}
	}
	owners := map[discordgo.ApplicationIntegrationType]string{}
	if u, ok := in.AuthorizingIntegrationOwners[discordgo.ApplicationIntegrationUserInstall]; ok {
		owners[discordgo.ApplicationIntegrationUserInstall] = u
	}
	types, contexts := []discordgo.ApplicationIntegrationType{discordgo.ApplicationIntegrationGuildInstall}, []discordgo.InteractionContextType{in.Context}
	if c != nil {
		types, contexts = commandTypes(c), commandContexts(c)
	}
	if slices.Contains(types, discordgo.ApplicationIntegrationGuildInstall) {
		switch in.Context {
		case discordgo.InteractionContextGuild:
			if s.inGuild(in.GuildID) {
				owners[discordgo.ApplicationIntegrationGuildInstall] = in.GuildID
			}
		case discordgo.InteractionContextBotDM:
			owners[discordgo.ApplicationIntegrationGuildInstall] = "0"
		}
	}
	if _, ok := owners[discordgo.ApplicationIntegrationUserInstall]; ok &&
		(!s.cfg.userInstall || !slices.Contains(types, discordgo.ApplicationIntegrationUserInstall)) {
		delete(owners, discordgo.ApplicationIntegrationUserInstall)
	}
	in.AuthorizingIntegrationOwners = owners
	if c == nil {
		return
	}
	name := c.Name
	switch {
	case !slices.Contains(contexts, in.Context):
		s.violateLocked(RuleUnregisteredCommand, "GATEWAY", "INTERACTION_CREATE", fmt.Sprintf("command %q is not available in context %d (contexts %v)", name, in.Context, contexts))
	case len(owners) == 0:
		s.violateLocked(RuleUnregisteredCommand, "GATEWAY", "INTERACTION_CREATE", fmt.Sprintf("command %q is not installed where it was used: no installation authorises it (integration types %v, context %d, guild %q)", name, types, in.Context, in.GuildID))
	}
}

// userOnly reports an interaction authorised by a user install alone.
func userOnly(in *discordgo.Interaction) bool {
	_, user := in.AuthorizingIntegrationOwners[discordgo.ApplicationIntegrationUserInstall]
	_, guild := in.AuthorizingIntegrationOwners[discordgo.ApplicationIntegrationGuildInstall]
	return user && !guild
}

// followupAllowedLocked refuses a follow-up over the user-install limit.
func (s *Server) followupAllowedLocked(r *http.Request, st *interactionState) *reply {
	if !userOnly(&st.in) || st.followupsSent < MaxUserInstallFollowups {
		return nil
	}
	rep := s.rejectLocked(r, RuleInvalidRequest, fmt.Sprintf("more than %d follow-ups for an interaction authorised only by a user install", MaxUserInstallFollowups), http.StatusBadRequest, codeInvalidFormBody, "Invalid Form Body")
	return &rep
}

// showLocked records a message of an interaction as the channel saw it, if it was public.
func (s *Server) showLocked(st *interactionState, m *discordgo.Message) {
	if st == nil || m == nil || m.Flags&discordgo.MessageFlagsEphemeral != 0 {
		return
	}
	cp := *m
	st.shown = append(st.shown, &cp)
}

// ShownPublicly returns every version of every message of the interaction with this token that
// the channel could see (not ephemeral), in order, including "thinking" replies and messages later
// edited or deleted: what the bot ever showed the channel for it.
func (s *Server) ShownPublicly(token string) []*discordgo.Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.byToken[token]
	if st == nil {
		return nil
	}
	return slices.Clone(st.shown)
}

// MessageCommand builds a message context-menu interaction (type 2 with command type 3) used on
// target, for DispatchInteraction. As on Discord, the target travels whole in
// data.resolved.messages, content included, whatever intents the bot has.
func MessageCommand(name string, target *discordgo.Message) *discordgo.Interaction {
	return &discordgo.Interaction{
		Type: discordgo.InteractionApplicationCommand,
		Data: discordgo.ApplicationCommandInteractionData{
			Name:        name,
			CommandType: discordgo.MessageApplicationCommand,
			TargetID:    target.ID,
			Resolved: &discordgo.ApplicationCommandInteractionDataResolved{
				Messages: map[string]*discordgo.Message{target.ID: target},
			},
		},
		ChannelID: target.ChannelID,
		GuildID:   target.GuildID,
	}
}

// UserInstalled makes in come through userID's own installation of the app, used in context
// where: in guild guildID (a server that may or may not have added the bot), the bot's DM, or a
// group DM (DefaultGroupDMChannelID unless in.ChannelID is set). DispatchInteraction adds the
// server's key too when the bot is in that server and the command allows server installs.
func UserInstalled(in *discordgo.Interaction, userID string, where discordgo.InteractionContextType, guildID string) *discordgo.Interaction {
	u := &discordgo.User{ID: userID, Username: "user-" + userID}
	if userID == DefaultUserID {
		u = defaultUser()
	}
	in.Context = where
	in.AuthorizingIntegrationOwners = map[discordgo.ApplicationIntegrationType]string{discordgo.ApplicationIntegrationUserInstall: userID}
	switch where {
	case discordgo.InteractionContextGuild:
		in.GuildID = guildID
		in.Member = &discordgo.Member{User: u, Roles: []string{}}
		in.User = nil
	case discordgo.InteractionContextBotDM:
		in.GuildID, in.Member, in.User = "", nil, u
		if in.ChannelID == "" {
			in.ChannelID = DefaultDMChannelID
		}
	default:
		in.GuildID, in.Member, in.User = "", nil, u
		if in.ChannelID == "" {
			in.ChannelID = DefaultGroupDMChannelID
		}
	}
	return in
}
