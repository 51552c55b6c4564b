package discordtest

import (
	"encoding/json"
	"fmt"

	"github.com/bwmarrin/discordgo"
)

// DispatchInteraction sends INTERACTION_CREATE and starts tracking the interaction: its AckDeadline
// runs from now. Missing fields are filled in place and the same pointer is returned, so the test
// has the ID and Token to look replies up with:
//   - ID, Token (random), AppID, Version, Locale "en-US";
//   - Type: an application command when zero;
//   - invoker: a guild member (DefaultUserID, no permissions) in DefaultGuildID unless User is set
//     (a DM); GuildID defaults to DefaultGuildID when Member is set;
//   - ChannelID: DefaultChannelID in a guild, DefaultDMChannelID in a DM;
//   - for application commands, Data.ID from the registered command of that name.
//
// Dispatching a command the bot has not registered (globally or in the interaction's guild) is a
// RuleUnregisteredCommand violation: real Discord could not send it.
func (s *Server) DispatchInteraction(in *discordgo.Interaction) *discordgo.Interaction {
	s.mu.Lock()
	now := s.now()
	if in.ID == "" {
		in.ID = s.nextIDLocked()
	}
	if in.Token == "" {
		in.Token = "itok_" + randomHex(40)
	}
	if in.AppID == "" {
		in.AppID = ApplicationID
	}
	if in.Type == 0 {
		in.Type = discordgo.InteractionApplicationCommand
	}
	in.Version = 1
	if in.Locale == "" {
		in.Locale = discordgo.EnglishUS
	}
	if in.User == nil && in.Member == nil {
		in.Member = GuildMember(DefaultUserID, 0)
	}
	if in.Member != nil {
		if in.Member.User == nil {
			in.Member.User = defaultUser()
		}
		if in.GuildID == "" {
			in.GuildID = DefaultGuildID
		}
		if in.Member.JoinedAt.IsZero() {
			in.Member.JoinedAt = now
		}
	}
	if in.ChannelID == "" {
		if in.GuildID != "" {
			in.ChannelID = DefaultChannelID
		} else {
			in.ChannelID = DefaultDMChannelID
		}
	}
	if in.Type == discordgo.InteractionApplicationCommand || in.Type == discordgo.InteractionApplicationCommandAutocomplete {
		s.resolveCommandLocked(in)
	}
	st := &interactionState{in: *in, dispatchedAt: now}
	s.interactions[in.ID] = st
	s.byToken[in.Token] = st
	s.mu.Unlock()

	raw := mustJSON(in)
	s.dispatch("INTERACTION_CREATE", func(*gwSession) (json.RawMessage, bool) { return raw, true })
	return in
}

// resolveCommandLocked fills Data.ID from the registered command, or reports that there is none.
func (s *Server) resolveCommandLocked(in *discordgo.Interaction) {
	var data discordgo.ApplicationCommandInteractionData
	switch d := in.Data.(type) {
	case discordgo.ApplicationCommandInteractionData:
		data = d
	case *discordgo.ApplicationCommandInteractionData:
		data = *d
	default:
		s.violateLocked(RuleUnregisteredCommand, "GATEWAY", "INTERACTION_CREATE", fmt.Sprintf("application command interaction without ApplicationCommandInteractionData (got %T)", in.Data))
		return
	}
	typ := data.CommandType
	if typ == 0 {
		typ = discordgo.ChatApplicationCommand
		data.CommandType = typ
	}
	var found *discordgo.ApplicationCommand
	for _, scope := range []string{in.GuildID, ""} {
		for _, c := range s.commands[scope] {
			if c.Name == data.Name && c.Type == typ {
				found = c
			}
		}
		if found != nil || scope == "" {
			break
		}
	}
	if found == nil {
		s.violateLocked(RuleUnregisteredCommand, "GATEWAY", "INTERACTION_CREATE", fmt.Sprintf("command %q (type %d) is not registered for guild %q or globally", data.Name, typ, in.GuildID))
	} else if data.ID == "" {
		data.ID = found.ID
	}
	in.Data = data
	s.fillOwnersLocked(in, found)
}

// DispatchMessage sends MESSAGE_CREATE for a message someone posted, and remembers the message so
// the bot can react to it or start a thread from it. Missing fields are filled in place: ID,
// Timestamp, Author (DefaultUserID), ChannelID (DefaultChannelID) and GuildID (the channel's guild;
// a channel the fake does not know is taken to be in the first guild, DefaultDMChannelID is a DM).
//
// Delivery follows the intents each session identified with, as on Discord: guild messages need
// IntentGuildMessages, DMs IntentDirectMessages, and without IntentMessageContent the content,
// embeds, attachments and components arrive empty unless the message is a DM or mentions the bot.
func (s *Server) DispatchMessage(m *discordgo.Message) *discordgo.Message {
	s.mu.Lock()
	if m.ID == "" {
		m.ID = s.nextIDLocked()
	}
	if m.Timestamp.IsZero() {
		m.Timestamp = s.now()
	}
	if m.Author == nil {
		m.Author = defaultUser()
	}
	if m.ChannelID == "" {
		m.ChannelID = DefaultChannelID
	}
	if m.GuildID == "" {
		if ch := s.channelLocked(m.ChannelID); ch != nil {
			m.GuildID = ch.GuildID
		}
	}
	if m.GuildID != "" && m.Member == nil {
		m.Member = &discordgo.Member{Roles: []string{}, JoinedAt: m.Timestamp}
	}
	if m.Embeds == nil {
		m.Embeds = []*discordgo.MessageEmbed{}
	}
	if m.Mentions == nil {
		m.Mentions = []*discordgo.User{}
	}
	if m.Attachments == nil {
		m.Attachments = []*discordgo.MessageAttachment{}
	}
	stored := *m
	s.messages[m.ID] = &stored
	s.bumpLocked()
	s.mu.Unlock()

	full := marshalMessage(m)
	stripped := full
	if m.GuildID != "" && !mentionsBot(m) && (m.Author == nil || m.Author.ID != BotUserID) {
		cp := *m
		cp.Content = ""
		cp.Embeds = []*discordgo.MessageEmbed{}
		cp.Attachments = []*discordgo.MessageAttachment{}
		cp.Components = nil
		cp.Poll = nil
		stripped = marshalMessage(&cp)
	}
	s.dispatch("MESSAGE_CREATE", func(g *gwSession) (json.RawMessage, bool) {
		need := discordgo.IntentGuildMessages
		if m.GuildID == "" {
			need = discordgo.IntentDirectMessages
		}
		if g.intents&need == 0 {
			return nil, false
		}
		if g.intents&discordgo.IntentMessageContent == 0 {
			return stripped, true
		}
		return full, true
	})
	return m
}

func mentionsBot(m *discordgo.Message) bool {
	for _, u := range m.Mentions {
		if u != nil && u.ID == BotUserID {
			return true
		}
	}
	return false
}

// SlashCommand builds a chat-input command interaction for DispatchInteraction.
func SlashCommand(name string, options ...*discordgo.ApplicationCommandInteractionDataOption) *discordgo.Interaction {
	return &discordgo.Interaction{
		Type: discordgo.InteractionApplicationCommand,
		Data: discordgo.ApplicationCommandInteractionData{
			Name:        name,
			CommandType: discordgo.ChatApplicationCommand,
			Options:     options,
		},
	}
}

// StringOption is a string option value of a command interaction.
func StringOption(name, value string) *discordgo.ApplicationCommandInteractionDataOption {
	return &discordgo.ApplicationCommandInteractionDataOption{Name: name, Type: discordgo.ApplicationCommandOptionString, Value: value}
}

// IntegerOption is an integer option value of a command interaction.
func IntegerOption(name string, value int64) *discordgo.ApplicationCommandInteractionDataOption {
	return &discordgo.ApplicationCommandInteractionDataOption{Name: name, Type: discordgo.ApplicationCommandOptionInteger, Value: value}
}

// BooleanOption is a boolean option value of a command interaction.
func BooleanOption(name string, value bool) *discordgo.ApplicationCommandInteractionDataOption {
	return &discordgo.ApplicationCommandInteractionDataOption{Name: name, Type: discordgo.ApplicationCommandOptionBoolean, Value: value}
}

// SubcommandOption is a subcommand with its own option values.
func SubcommandOption(name string, options ...*discordgo.ApplicationCommandInteractionDataOption) *discordgo.ApplicationCommandInteractionDataOption {
	return &discordgo.ApplicationCommandInteractionDataOption{Name: name, Type: discordgo.ApplicationCommandOptionSubCommand, Options: options}
}

// GuildMember is an interaction invoker in a guild with the given permission bits (as computed
// for the channel, which is what Discord puts in member.permissions), e.g.
// discordgo.PermissionManageGuild for a server manager.
func GuildMember(userID string, permissions int64) *discordgo.Member {
	u := &discordgo.User{ID: userID, Username: "user-" + userID}
	if userID == DefaultUserID {
		u = defaultUser()
	}
	return &discordgo.Member{User: u, Roles: []string{}, Permissions: permissions}
}
