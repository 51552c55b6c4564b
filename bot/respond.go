package bot

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
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

// Answers that may fail after a deferral are deferred privately (type 5 with
// the ephemeral flag), so a failure is only ever seen by the member who
// asked: the private "thinking" reply becomes the error line. A success is
// then published: a follow-up sent while the deferred reply is still loading
// would only edit it and stay private (Discord documents this), so the
// private reply is first deleted, or turned into a private note, and the
// answer is posted as a public follow-up.

// deferPrivately acknowledges an interaction with a private "thinking"
// reply (callback type 5, flag 64).
func deferPrivately(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction) error {
	return deferReply(ctx, s, i, true)
}

// publicRefusedNote heads an answer Discord would not let the bot post for
// everyone (a user install in a channel where the member may not post).
const publicRefusedNote = "I can't post in this channel, so only you can see this."

// publish posts rs (at least one) as public follow-ups of a privately
// deferred interaction. note, if not empty, stays as the private reply (say,
// which links failed); otherwise the private reply is deleted. If Discord
// refuses a public message, the rest is sent privately, so the member
// always gets the answer.
func publish(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction, note string, rs ...reply) error {
	if len(rs) == 0 {
		return editReply(ctx, s, i, reply{content: note})
	}
	var err error
	if note != "" {
		err = editReply(ctx, s, i, reply{content: note})
	} else {
		err = s.InteractionResponseDelete(i, discordgo.WithContext(ctx))
	}
	if err != nil {
		// The private reply is still loading: the answer goes there, privately.
		if editErr := editReply(ctx, s, i, rs[0]); editErr != nil {
			return fmt.Errorf("publish answer: %w", editErr)
		}
		rs = rs[1:]
		for _, r := range rs {
			if err := followUp(ctx, s, i, r, true); err != nil {
				return fmt.Errorf("publish answer: %w", err)
			}
		}
		return nil
	}
	for k, r := range rs {
		err := followUp(ctx, s, i, r, false)
		if err == nil {
			continue
		}
		if !refused(err) {
			return fmt.Errorf("publish answer: %w", err)
		}
		for n, r := range rs[k:] {
			if n == 0 {
				r.content = strings.TrimSpace(publicRefusedNote + "\n" + r.content)
			}
			if err := followUp(ctx, s, i, r, true); err != nil {
				return fmt.Errorf("publish answer privately: %w", err)
			}
		}
		return nil
	}
	return nil
}

// refused reports Discord declining a request for good (4xx other than a
// rate limit), as opposed to a failure worth reporting.
func refused(err error) bool {
	var rest *discordgo.RESTError
	return errors.As(err, &rest) && rest.Response != nil &&
		rest.Response.StatusCode >= 400 && rest.Response.StatusCode < 500 && rest.Response.StatusCode != http.StatusTooManyRequests
}

// followUp sends r as a follow-up message of an interaction.
func followUp(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction, r reply, ephemeral bool) error {
	content, es := r.fitted()
	params := &discordgo.WebhookParams{Content: content, Embeds: es, Components: r.components, AllowedMentions: noMentions()}
	if ephemeral {
		params.Flags = discordgo.MessageFlagsEphemeral
	}
	if _, err := s.FollowupMessageCreate(i, true, params, discordgo.WithContext(ctx)); err != nil {
		return fmt.Errorf("send follow-up: %w", err)
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

// lineError is an error that carries the line the member sees.
type lineError struct {
	line string
	err  error
}

func (e lineError) Error() string { return e.err.Error() }
func (e lineError) Unwrap() error { return e.err }

// lineFor is the line a member sees for err.
func lineFor(err error) string {
	var le lineError
	if errors.As(err, &le) {
		return le.line
	}
	return userMessage(err)
}

// defaultQuickAnswer is how long an answer that is usually instant (a stored
// briefing) may take before the bot defers: well inside Discord's 3 s.
const defaultQuickAnswer = 1500 * time.Millisecond

// answerSoon answers with work's result: at once when work is done within
// the quick-answer budget (one public callback, no "thinking" shown to
// anyone), otherwise after a private deferral, then published. A failure is
// always answered privately.
func (b *Bot) answerSoon(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction, work func(ctx context.Context) (reply, error)) {
	type result struct {
		r   reply
		err error
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				b.log.Error("answer panicked", "panic", p)
				done <- result{err: fmt.Errorf("answer: panic: %v", p)}
			}
		}()
		r, err := work(ctx)
		done <- result{r, err}
	}()
	timer := time.NewTimer(b.quickAnswer)
	defer timer.Stop()
	select {
	case res := <-done:
		if res.err != nil {
			b.failNow(ctx, s, i, lineFor(res.err))
			return
		}
		err := respond(ctx, s, i, res.r, false)
		if refused(err) {
			// Not allowed to answer publicly here: answer privately.
			res.r.content = strings.TrimSpace(publicRefusedNote + "\n" + res.r.content)
			err = respond(ctx, s, i, res.r, true)
		}
		if err != nil {
			b.log.Warn("answer interaction", "err", err)
		}
		return
	case <-timer.C:
	}
	deferErr := deferPrivately(ctx, s, i)
	res := <-done
	if deferErr != nil {
		b.log.Warn("defer interaction", "err", deferErr)
		return
	}
	if res.err != nil {
		b.failAfterDefer(ctx, s, i, lineFor(res.err))
		return
	}
	if err := publish(ctx, s, i, "", res.r); err != nil {
		b.log.Warn("publish answer", "err", err)
	}
}
