package bot

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/briefing/fetch"
	"github.com/briefbot/briefbot/storage"
)

// Reactions on a message whose links are being briefed.
const (
	reactWorking = "⏳"
	reactDone    = "✅"
	reactFailed  = "❌"
)

// onMessageCreate ingests the links pasted in a watched channel: ⏳ while
// working, one reply per link with its briefing, then ✅ (or ❌ if any
// link failed). Media and social links are skipped quietly.
func (b *Bot) onMessageCreate(s *discordgo.Session, mc *discordgo.MessageCreate) {
	if mc == nil || mc.Message == nil {
		return
	}
	m := mc.Message
	self, _ := b.botUserID.Load().(string)
	if m.Author == nil || m.Author.Bot || m.Author.System || m.WebhookID != "" || m.GuildID == "" || m.Author.ID == self {
		return
	}
	if b.closing.Load() {
		return
	}
	links := articleLinks(m.Content)
	if len(links) == 0 {
		return
	}
	b.inflight.enter()
	defer b.inflight.leave()
	defer b.recoverHandler("message")
	ctx, cancel := context.WithTimeout(b.work, replyTimeout)
	defer cancel()
	if !b.watched(ctx, s, m.GuildID, m.ChannelID) {
		return
	}
	log := b.log.With("guild", m.GuildID, "channel", m.ChannelID, "message", m.ID, "user", m.Author.ID)

	now := b.now()
	allowed := links
	var wait time.Duration
	for n, link := range links {
		ok, w := b.limiter.Allow(m.GuildID, 1, now)
		if !ok {
			allowed, wait = links[:n], w
			log.Info("links over the server's rate limit", "skipped", len(links)-n, "first", link)
			break
		}
	}
	if len(allowed) < len(links) {
		line := slowDownMessage(b.cfg.LinksPerMinute, wait)
		if len(allowed) > 0 {
			line = fmt.Sprintf("I'm briefing the first %d of these links. %s", len(allowed), line)
		}
		if _, err := replyTo(ctx, s, m.GuildID, m.ChannelID, m.ID, reply{content: line}); err != nil {
			log.Warn("send slow-down reply", "err", err)
		}
	}
	if len(allowed) == 0 {
		return
	}
	if err := s.MessageReactionAdd(m.ChannelID, m.ID, reactWorking, discordgo.WithContext(ctx)); err != nil {
		log.Warn("add reaction", "err", err)
	}
	progress := &messageProgress{left: len(allowed), results: make([]pastedResult, len(allowed))}
	for k, link := range allowed {
		sub := storage.Submission{GuildID: m.GuildID, ChannelID: m.ChannelID, MessageID: m.ID, UserID: m.Author.ID, At: now}
		ok := b.pool.submit(m.GuildID, func(jobCtx context.Context) {
			res, err := b.briefPasted(jobCtx, m, sub, link)
			b.finishPasted(jobCtx, s, m, progress, k, pastedResult{link: link, res: res, err: err})
		})
		if !ok {
			why := errBusy
			if b.closing.Load() {
				why = errShutdown
			}
			b.finishPasted(ctx, s, m, progress, k, pastedResult{link: link, err: why})
		}
	}
}

// articleLinks are the distinct (by canonical URL) article links in a
// message, at most maxLinksPerMessage.
func articleLinks(content string) []string {
	var out []string
	var seen []string
	for _, raw := range FindLinks(content) {
		if Skip(raw) {
			continue
		}
		u, err := fetch.ParseUserURL(raw)
		if err != nil {
			continue
		}
		link := u.String()
		canon, err := fetch.Canonicalize(link)
		if err != nil || slices.Contains(seen, canon) {
			continue
		}
		seen = append(seen, canon)
		out = append(out, link)
		if len(out) == maxLinksPerMessage {
			break
		}
	}
	return out
}

// watched reports whether pasted links in a channel are ingested: all
// channels unless the server chose some; a thread counts as its parent.
func (b *Bot) watched(ctx context.Context, s *discordgo.Session, guildID, channelID string) bool {
	srv, err := b.store.Server(ctx, guildID)
	switch {
	case errors.Is(err, storage.ErrNotFound):
		return true
	case err != nil:
		b.log.Error("read server settings", "guild", guildID, "err", err)
		return false
	case len(srv.WatchChannels) == 0, slices.Contains(srv.WatchChannels, channelID):
		return true
	}
	if ch, err := s.State.Channel(channelID); err == nil && ch.ParentID != "" {
		return slices.Contains(srv.WatchChannels, ch.ParentID)
	}
	return false
}

// briefPasted ingests one pasted link; the reply waits for the message's
// other links, so that one message gets one reply.
func (b *Bot) briefPasted(ctx context.Context, m *discordgo.Message, sub storage.Submission, link string) (ingested, error) {
	log := b.log.With("guild", m.GuildID, "channel", m.ChannelID, "message", m.ID, "url", link)
	res, err := b.ingest(ctx, sub, link)
	if err != nil {
		b.logIngestError(log, err)
		return ingested{}, err
	}
	log.Info("briefed pasted link", "article", res.article.ID, "duplicate", res.duplicate)
	return res, nil
}

// messageProgress gathers the outcomes of a message's links.
type messageProgress struct {
	mu      sync.Mutex
	left    int
	results []pastedResult // in the order of the links
}

// finishPasted records one link's outcome; after the last one it replies
// to the message once, for all its links, and the ⏳ reaction gives way to
// ✅, or ❌ if any link failed.
func (b *Bot) finishPasted(ctx context.Context, s *discordgo.Session, m *discordgo.Message, p *messageProgress, k int, r pastedResult) {
	p.mu.Lock()
	p.results[k] = r
	p.left--
	last, results := p.left == 0, p.results
	p.mu.Unlock()
	if !last {
		return
	}
	rctx, cancel := replyContext(ctx)
	defer cancel()
	failed := false
	for _, r := range results {
		failed = failed || r.err != nil
	}
	if _, err := replyTo(rctx, s, m.GuildID, m.ChannelID, m.ID, pastedReply(results, m.GuildID, b.now())); err != nil {
		b.log.Warn("send reply to pasted links", "guild", m.GuildID, "message", m.ID, "err", err)
		failed = true
	}
	if err := s.MessageReactionRemove(m.ChannelID, m.ID, reactWorking, "@me", discordgo.WithContext(rctx)); err != nil {
		b.log.Warn("remove reaction", "guild", m.GuildID, "message", m.ID, "err", err)
	}
	final := reactDone
	if failed {
		final = reactFailed
	}
	if err := s.MessageReactionAdd(m.ChannelID, m.ID, final, discordgo.WithContext(rctx)); err != nil {
		b.log.Warn("add reaction", "guild", m.GuildID, "message", m.ID, "err", err)
	}
}
