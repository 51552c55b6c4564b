package bot

import (
	"context"
	"slices"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// maxWatchChannels bounds the setting so one server cannot grow it without end.
const maxWatchChannels = 50

const notAllowedToConfigureWatch = "Only members with the Manage Server permission can choose the watched channels. " +
	"Anyone can use /watch list."

// watchCommand narrows where pasted links are read. With no channel chosen
// every channel is watched, which is the default a new server expects.
func watchCommand() *discordgo.ApplicationCommand {
	noDM := false
	channel := func(desc string) []*discordgo.ApplicationCommandOption {
		return []*discordgo.ApplicationCommandOption{{
			Type: discordgo.ApplicationCommandOptionChannel, Name: "channel", Description: desc, Required: true,
			ChannelTypes: []discordgo.ChannelType{discordgo.ChannelTypeGuildText, discordgo.ChannelTypeGuildNews, discordgo.ChannelTypeGuildForum},
		}}
	}
	return &discordgo.ApplicationCommand{
		Name:         "watch",
		Description:  "Choose the channels whose pasted links are briefed (all channels until you choose)",
		DMPermission: &noDM,
		Contexts:     guildOnly(),
		Options: []*discordgo.ApplicationCommandOption{
			{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "add", Description: "Brief links pasted in this channel (Manage Server)", Options: channel("The channel to watch")},
			{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "remove", Description: "Stop briefing links pasted in this channel (Manage Server)", Options: channel("The channel to stop watching")},
			{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "all", Description: "Brief links pasted in every channel again (Manage Server)"},
			{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "list", Description: "Which channels' pasted links are briefed"},
		},
	}
}

// cmdWatch serves /watch. Every answer is private: it is about settings.
func (b *Bot) cmdWatch(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction, opts options) {
	log := b.log.With("guild", i.GuildID, "user", userID(i))
	sub, o := subcommand(opts)
	if sub != "list" && !canManageServer(i.Member) {
		log.Info("watch change refused: no Manage Server permission")
		b.failNow(ctx, s, i, notAllowedToConfigureWatch)
		return
	}
	channel := o.str("channel")
	if (sub == "add" || sub == "remove") && (!isSnowflake(channel) || !channelInGuild(i, channel)) {
		b.failNow(ctx, s, i, "Pick the channel from the list.")
		return
	}
	answer, ok := deferPrivate(ctx, s, i, log, "/watch")
	if !ok {
		return
	}
	srv, err := b.serverSettings(ctx, i.GuildID)
	if err != nil {
		log.Error("read server settings", "err", err)
		answer(userMessage(err))
		return
	}
	watched, line := applyWatch(srv.WatchChannels, sub, channel)
	if sub == "list" || slices.Equal(watched, srv.WatchChannels) {
		answer(line)
		return
	}
	srv.WatchChannels = watched
	if _, err := b.saveSettings(ctx, srv); err != nil {
		log.Error("save watched channels", "err", err)
		answer(userMessage(err))
		return
	}
	log.Info("watched channels changed", "channels", len(watched))
	answer(line)
}

// applyWatch returns the new list of watched channels and the line that
// tells the member what it now is. It never mutates current.
func applyWatch(current []string, sub, channel string) ([]string, string) {
	list := slices.Clone(current)
	switch sub {
	case "add":
		if slices.Contains(list, channel) {
			return list, "<#" + channel + "> is already watched. " + describeWatch(list)
		}
		if len(list) >= maxWatchChannels {
			return list, "This server already watches the most channels I keep track of: remove one first, or use /watch all."
		}
		list = append(list, channel)
		return list, "Links pasted in <#" + channel + "> will be briefed. " + describeWatch(list)
	case "remove":
		if len(list) == 0 {
			return list, "Every channel is watched: use /watch add to choose the ones whose links I should brief."
		}
		if !slices.Contains(list, channel) {
			return list, "<#" + channel + "> is not watched. " + describeWatch(list)
		}
		list = slices.DeleteFunc(list, func(c string) bool { return c == channel })
		if len(list) == 0 {
			return list, "That was the last watched channel, so links pasted in every channel are briefed again."
		}
		return list, "Links pasted in <#" + channel + "> will no longer be briefed. " + describeWatch(list)
	case "all":
		return nil, "Links pasted in every channel will be briefed."
	}
	return list, describeWatch(list)
}

func describeWatch(list []string) string {
	if len(list) == 0 {
		return "Links pasted in every channel are briefed."
	}
	chans := make([]string, len(list))
	for i, c := range list {
		chans[i] = "<#" + c + ">"
	}
	return "Watched: " + strings.Join(chans, ", ") + " (threads count as their channel)."
}
