package bot

import (
	"context"
	"fmt"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/embeds"
)

// Every message, edit and follow-up the bot sends goes through the helpers
// in this file: they fit the content to Discord's limits (package embeds)
// and attach allowed mentions that let nothing ping.

// replyTimeout bounds one REST call that answers a member, including
// discordgo's waits on rate limits.
const replyTimeout = 30 * time.Second

// reply is a message the bot is about to send.
type reply struct {
	content    string
	embeds     []*discordgo.MessageEmbed
	components []discordgo.MessageComponent
}

// noMentions lets nothing in a message ping anyone: no @everyone, no roles,
// no users, not even the author of the message replied to.
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// fitted returns r's content and embeds within Discord's limits.
func (r reply) fitted() (string, []*discordgo.MessageEmbed) {
	content, es := embeds.FitMessage(r.content, r.embeds)
	if es == nil {
		es = []*discordgo.MessageEmbed{}
	}
	return content, es
}

// replyContext gives a reply its own deadline, surviving the end of the job
// that produced it (a job that timed out must still say so).
func replyContext(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), replyTimeout)
}

// respond answers an interaction at once with a message (callback type 4).
func respond(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction, r reply, ephemeral bool) error {
	content, es := r.fitted()
	data := &discordgo.InteractionResponseData{
		Content:         content,
		Embeds:          es,
		Components:      r.components,
		AllowedMentions: noMentions(),
	}
	if ephemeral {
		data.Flags = discordgo.MessageFlagsEphemeral
	}
	err := s.InteractionRespond(i, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: data,
	}, discordgo.WithContext(ctx))
	if err != nil {
		return fmt.Errorf("respond to interaction: %w", err)
	}
	return nil
}

// deferReply acknowledges an interaction with "thinking" (callback type 5);
// the answer comes later through editReply. Ephemeral is fixed here.
func deferReply(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction, ephemeral bool) error {
	resp := &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{AllowedMentions: noMentions()},
	}
	if ephemeral {
		resp.Data.Flags = discordgo.MessageFlagsEphemeral
	}
	if err := s.InteractionRespond(i, resp, discordgo.WithContext(ctx)); err != nil {
		return fmt.Errorf("defer interaction: %w", err)
	}
	return nil
}

// editReply replaces the original response of an interaction.
func editReply(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction, r reply) error {
	content, es := r.fitted()
	components := r.components
	if components == nil {
		components = []discordgo.MessageComponent{}
	}
	_, err := s.InteractionResponseEdit(i, &discordgo.WebhookEdit{
		Content:         &content,
		Embeds:          &es,
		Components:      &components,
		AllowedMentions: noMentions(),
	}, discordgo.WithContext(ctx))
	if err != nil {
		return fmt.Errorf("edit interaction reply: %w", err)
	}
	return nil
}

// failDeferred turns a public deferred reply into a private error: the
// "thinking" message is deleted and the line is sent as an ephemeral
// follow-up, so only the member who asked sees it. Should the delete fail,
// the line replaces the reply instead, so the member is never left waiting.
func failDeferred(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction, line string) error {
	content, _ := reply{content: line}.fitted()
	if err := s.InteractionResponseDelete(i, discordgo.WithContext(ctx)); err != nil {
		if editErr := editReply(ctx, s, i, reply{content: line}); editErr != nil {
			return fmt.Errorf("report error to member: %w", editErr)
		}
		return nil
	}
	_, err := s.FollowupMessageCreate(i, true, &discordgo.WebhookParams{
		Content:         content,
		Flags:           discordgo.MessageFlagsEphemeral,
		AllowedMentions: noMentions(),
	}, discordgo.WithContext(ctx))
	if err != nil {
		return fmt.Errorf("send error follow-up: %w", err)
	}
	return nil
}

// updateMessage answers a button press by changing the message it is on
// (callback type 7).
func updateMessage(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction, r reply) error {
	content, es := r.fitted()
	components := r.components
	if components == nil {
		components = []discordgo.MessageComponent{}
	}
	err := s.InteractionRespond(i, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseUpdateMessage,
		Data: &discordgo.InteractionResponseData{
			Content:         content,
			Embeds:          es,
			Components:      components,
			AllowedMentions: noMentions(),
		},
	}, discordgo.WithContext(ctx))
	if err != nil {
		return fmt.Errorf("update message: %w", err)
	}
	return nil
}

// autocomplete answers an autocomplete interaction (callback type 8).
func autocomplete(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction, choices []*discordgo.ApplicationCommandOptionChoice) error {
	if len(choices) > embeds.MaxChoices {
		choices = choices[:embeds.MaxChoices]
	}
	if choices == nil {
		choices = []*discordgo.ApplicationCommandOptionChoice{}
	}
	err := s.InteractionRespond(i, &discordgo.InteractionResponse{
		Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: choices},
	}, discordgo.WithContext(ctx))
	if err != nil {
		return fmt.Errorf("answer autocomplete: %w", err)
	}
	return nil
}

// replyTo posts r in a channel as a reply to message messageID, without
// pinging its author.
func replyTo(ctx context.Context, s *discordgo.Session, guildID, channelID, messageID string, r reply) (*discordgo.Message, error) {
	content, es := r.fitted()
	failIfGone := false
	m, err := s.ChannelMessageSendComplex(channelID, &discordgo.MessageSend{
		Content:         content,
		Embeds:          es,
		Components:      r.components,
		AllowedMentions: noMentions(),
		Reference: &discordgo.MessageReference{
			MessageID:       messageID,
			ChannelID:       channelID,
			GuildID:         guildID,
			FailIfNotExists: &failIfGone,
		},
	}, discordgo.WithContext(ctx))
	if err != nil {
		return nil, fmt.Errorf("send reply: %w", err)
	}
	return m, nil
}
