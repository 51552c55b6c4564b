package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/schedule"
	"github.com/briefbot/briefbot/briefing/digest"
)

// findPostedPages bounds how far back FindPosted looks: 100 messages a page.
// A digest is looked for soon after the attempt that may have posted it (a
// restart), so a few pages of a busy channel are plenty.
const findPostedPages = 3

// digestPoster posts the scheduler's digests through the bot's live
// session. It implements schedule.Poster and schedule.PostedFinder.
type digestPoster struct{ b *Bot }

var (
	_ schedule.Poster       = digestPoster{}
	_ schedule.PostedFinder = digestPoster{}
)

// errNotConnected: the scheduler fired before the session was opened, or
// after it closed; the period is retried.
var errNotConnected = errors.New("not connected to Discord")

func (p digestPoster) session() (*discordgo.Session, error) {
	s := p.b.session.Load()
	if s == nil {
		return nil, errNotConnected
	}
	return s, nil
}

// PostDigest posts d in channelID as one or more messages, each sent with
// its own nonce (opts.Nonce, then opts.Nonce-2, -3, ...) and enforce_nonce,
// and marked in a footer so FindPosted can find it later. If a later
// message fails, the ones already posted are deleted so that the retry
// posts the digest whole.
func (p digestPoster) PostDigest(ctx context.Context, guildID, channelID string, d digest.Digest, opts schedule.PostOptions) ([]string, error) {
	s, err := p.session()
	if err != nil {
		return nil, fmt.Errorf("post digest: %w", err)
	}
	loc := time.UTC
	if !opts.Scheduled.IsZero() {
		loc = opts.Scheduled.Location()
	}
	msgs := renderDigest(d, digestLayout{
		title:     "Digest",
		loc:       loc,
		late:      opts.Late,
		scheduled: opts.Scheduled,
		attempt:   opts.Attempt,
		nonce:     opts.Nonce,
		empty:     opts.Empty || len(d.Stories) == 0,
	})
	ids := make([]string, 0, len(msgs))
	for k, r := range msgs {
		nonce := opts.Nonce
		if k > 0 && nonce != "" {
			nonce += "-" + strconv.Itoa(k+1)
		}
		m, err := sendWithNonce(ctx, s, channelID, r, nonce)
		if err != nil {
			p.deleteMessages(ctx, s, guildID, channelID, ids)
			return nil, postError(err, channelID)
		}
		ids = append(ids, m.ID)
	}
	return ids, nil
}

// FindPosted looks through the channel's recent messages for those the bot
// posted with the digest marker of nonce. A digest found whole is returned
// in order; one found in part (a crash between its messages) is deleted and
// reported as not found, so it is posted again whole.
func (p digestPoster) FindPosted(ctx context.Context, guildID, channelID, nonce string) ([]string, error) {
	s, err := p.session()
	if err != nil {
		return nil, fmt.Errorf("find posted digest: %w", err)
	}
	self, _ := p.b.botUserID.Load().(string)
	parts := map[int]string{}
	total := 0
	before := ""
	for range findPostedPages {
		rctx, cancel := context.WithTimeout(ctx, replyTimeout)
		page, err := s.ChannelMessages(channelID, 100, before, "", "", discordgo.WithContext(rctx))
		cancel()
		if err != nil {
			return nil, postError(fmt.Errorf("read recent messages: %w", err), channelID)
		}
		for _, m := range page {
			if m.Author == nil || m.Author.ID != self {
				continue
			}
			if k, n, ok := readMarker(m, nonce); ok {
				parts[k], total = m.ID, n
			}
		}
		if len(page) < 100 {
			break
		}
		before = page[len(page)-1].ID
	}
	if len(parts) == 0 {
		return nil, nil
	}
	ids := make([]string, 0, total)
	for k := 1; k <= total; k++ {
		if id, ok := parts[k]; ok {
			ids = append(ids, id)
		}
	}
	if len(ids) == total && len(parts) == total {
		return ids, nil
	}
	p.b.log.Warn("digest found in part; deleting it to post it whole", "guild", guildID, "channel", channelID, "found", len(parts), "parts", total)
	var found []string
	for _, id := range parts {
		found = append(found, id)
	}
	p.deleteMessages(ctx, s, guildID, channelID, found)
	return nil, nil
}

// deleteMessages removes the parts of a digest that did not go out whole,
// best effort: the error that made it fail is what matters.
func (p digestPoster) deleteMessages(ctx context.Context, s *discordgo.Session, guildID, channelID string, ids []string) {
	rctx, cancel := replyContext(ctx)
	defer cancel()
	for _, id := range ids {
		if err := s.ChannelMessageDelete(channelID, id, discordgo.WithContext(rctx)); err != nil {
			p.b.log.Warn("delete part of a failed digest", "guild", guildID, "channel", channelID, "message", id, "err", err)
		}
	}
}

// messageWithNonce is a channel message with the nonce fields discordgo's
// MessageSend lacks (v0.29).
type messageWithNonce struct {
	Content         string                            `json:"content,omitempty"`
	Embeds          []*discordgo.MessageEmbed         `json:"embeds"`
	AllowedMentions *discordgo.MessageAllowedMentions `json:"allowed_mentions"`
	Nonce           string                            `json:"nonce,omitempty"`
	EnforceNonce    bool                              `json:"enforce_nonce,omitempty"`
}

// sendWithNonce posts r in a channel. With a nonce and enforce_nonce,
// Discord answers a repeat within a few minutes with the first message
// instead of posting it twice.
func sendWithNonce(ctx context.Context, s *discordgo.Session, channelID string, r reply, nonce string) (*discordgo.Message, error) {
	content, es := r.fitted()
	body := messageWithNonce{Content: content, Embeds: es, AllowedMentions: noMentions(), Nonce: nonce, EnforceNonce: nonce != ""}
	rctx, cancel := context.WithTimeout(ctx, replyTimeout)
	defer cancel()
	endpoint := discordgo.EndpointChannelMessages(channelID)
	raw, err := s.RequestWithBucketID("POST", endpoint, body, endpoint, discordgo.WithContext(rctx))
	if err != nil {
		return nil, fmt.Errorf("send digest message: %w", err)
	}
	var m discordgo.Message
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("read sent digest message: %w", err)
	}
	if m.ID == "" {
		return nil, errors.New("read sent digest message: Discord returned no message ID")
	}
	return &m, nil
}

// digestPostError is a posting failure explained for members: /digest
// status shows its text; the Discord error stays reachable with errors.As.
type digestPostError struct {
	msg string
	err error
}

func (e *digestPostError) Error() string { return e.msg }
func (e *digestPostError) Unwrap() error { return e.err }

// postError marks the errors that retrying cannot fix (the channel is gone
// or the bot may not post there) as permanent, saying what to do.
func postError(err error, channelID string) error {
	var rest *discordgo.RESTError
	if !errors.As(err, &rest) || rest.Message == nil {
		return err
	}
	var msg string
	switch rest.Message.Code {
	case discordgo.ErrCodeUnknownChannel:
		msg = "the digest channel <#" + channelID + "> no longer exists (Discord error 10003): choose another with /digest setup"
	case discordgo.ErrCodeMissingAccess:
		msg = "I can't see the digest channel <#" + channelID + "> (Discord error 50001): give me View Channel there, then run /digest setup again"
	case discordgo.ErrCodeMissingPermissions:
		msg = "I'm not allowed to post in <#" + channelID + "> (Discord error 50013): give me Send Messages, Embed Links and Read Message History there, then run /digest setup again"
	default:
		return err
	}
	return schedule.Permanent(&digestPostError{msg: msg, err: err})
}
