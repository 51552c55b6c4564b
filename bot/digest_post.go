package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/schedule"
	"github.com/briefbot/briefbot/briefing/digest"
	"github.com/briefbot/briefbot/storage"
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
// and marked (in the target of the header's link) so FindPosted can find
// it later. A message that fails leaves the ones before it in place: a
// retry (opts.Attempt > 1) reads the channel and sends only the parts that
// are missing, so recovery never depends on how Discord treats a nonce
// whose message was deleted.
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
		refBase:   channelRef(guildID, channelID),
		empty:     opts.Empty || len(d.Stories) == 0,
		summaries: p.b.storySummaries(ctx, guildID, d),
		cmds:      p.b.cmds(),
	})
	ids := make([]string, len(msgs))
	if opts.Attempt > 1 && opts.Nonce != "" {
		// An earlier attempt may have posted some parts: keep them.
		parts, total, err := p.findParts(ctx, s, channelID, opts.Nonce)
		switch {
		case err != nil:
			return nil, err
		case total == len(msgs):
			for k, id := range parts {
				ids[k-1] = id
			}
		case total > 0:
			// The earlier parts were laid out differently (an upgrade in
			// between): replace them whole, with fresh nonces.
			p.b.log.Warn("digest found in part with another layout; posting it again", "guild", guildID, "found", len(parts), "parts", total)
			p.deleteMessages(ctx, s, guildID, channelID, slices.Collect(maps.Values(parts)))
			opts.Nonce = ""
		}
	}
	for k, r := range msgs {
		if ids[k] != "" {
			continue
		}
		nonce := opts.Nonce
		if k > 0 && nonce != "" {
			nonce += "-" + strconv.Itoa(k+1)
		}
		m, err := sendWithNonce(ctx, s, channelID, r, nonce)
		if err != nil {
			return nil, postError(err, channelID)
		}
		ids[k] = m.ID
	}
	return ids, nil
}

// channelRef is a channel's address, the base of the digest marker.
func channelRef(guildID, channelID string) string {
	return "https://discord.com/channels/" + guildID + "/" + channelID
}

// storySummaries are the stored summaries of the articles the digest's
// stories lead with; a story whose summary cannot be read shows none.
func (b *Bot) storySummaries(ctx context.Context, guildID string, d digest.Digest) map[int64]string {
	out := make(map[int64]string, min(len(d.Stories), maxDigestStories))
	for _, st := range d.Stories[:min(len(d.Stories), maxDigestStories)] {
		if len(st.Sources) == 0 {
			continue
		}
		id := st.Sources[0].ArticleID
		sb, err := b.store.Briefing(ctx, guildID, id)
		if err != nil {
			if !errors.Is(err, storage.ErrNotFound) {
				b.log.Warn("read story summary", "guild", guildID, "article", id, "err", err)
			}
			continue
		}
		out[id] = sb.Briefing.Summary
	}
	return out
}

// FindPosted looks through the channel's recent messages for those the bot
// posted with the digest marker of nonce. A digest found whole is returned
// in order. One found in part (a crash between its messages) is reported
// as not found and left in place: PostDigest then sends only what is
// missing.
func (p digestPoster) FindPosted(ctx context.Context, guildID, channelID, nonce string) ([]string, error) {
	s, err := p.session()
	if err != nil {
		return nil, fmt.Errorf("find posted digest: %w", err)
	}
	parts, total, err := p.findParts(ctx, s, channelID, nonce)
	if err != nil || len(parts) == 0 {
		return nil, err
	}
	if len(parts) != total {
		p.b.log.Info("digest found in part; the retry sends the rest", "guild", guildID, "channel", channelID, "found", len(parts), "parts", total)
		return nil, nil
	}
	ids := make([]string, 0, total)
	for k := 1; k <= total; k++ {
		ids = append(ids, parts[k])
	}
	return ids, nil
}

// findParts reads the channel's recent messages for the bot's parts of the
// digest with nonce: message ids by part number, and the number of parts.
func (p digestPoster) findParts(ctx context.Context, s *discordgo.Session, channelID, nonce string) (map[int]string, int, error) {
	self, _ := p.b.botUserID.Load().(string)
	parts := map[int]string{}
	total := 0
	before := ""
	for range findPostedPages {
		rctx, cancel := context.WithTimeout(ctx, replyTimeout)
		page, err := s.ChannelMessages(channelID, 100, before, "", "", discordgo.WithContext(rctx))
		cancel()
		if err != nil {
			return nil, 0, postError(fmt.Errorf("read recent messages: %w", err), channelID)
		}
		for _, m := range page {
			if m.Author == nil || m.Author.ID != self {
				continue
			}
			if k, n, ok := readMarker(m, nonce); ok && (total == 0 || n == total) {
				parts[k], total = m.ID, n
			}
		}
		if len(page) < 100 {
			break
		}
		before = page[len(page)-1].ID
	}
	return parts, total, nil
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
