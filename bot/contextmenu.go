package bot

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/storage"
)

// "Brief this article" is a message command (Apps > Brief this article on any
// message). Discord sends the whole target message in the interaction's
// resolved data, content included, without the privileged Message Content
// intent, so it works where pasted links cannot: servers where the intent is
// off, channels not watched, DMs and, for user installs, anywhere.

// briefMessageCommand is the context-menu entry's name, shown as is.
const briefMessageCommand = "Brief this article"

// maxMenuLinks bounds the links one "Brief this article" briefs. Five keeps
// the answer within the five follow-ups Discord allows a user-installed app
// in a server that did not add it.
const maxMenuLinks = 5

// menuLinks are the article links of a message, in order: those in its text,
// then those its embeds point at (a news feed's post often has its link only
// there), distinct by canonical URL, media and social links skipped.
func menuLinks(m *discordgo.Message) []string {
	if m == nil {
		return nil
	}
	var b strings.Builder
	b.WriteString(m.Content)
	for _, e := range m.Embeds {
		if e != nil && e.URL != "" {
			// <...> so FindLinks reads the whole address as one link.
			b.WriteString("\n<" + e.URL + ">")
		}
	}
	links := articleLinks(b.String())
	return links[:min(len(links), maxMenuLinks)]
}

// targetMessage is the message a message command was used on.
func targetMessage(i *discordgo.Interaction) *discordgo.Message {
	data := i.ApplicationCommandData()
	if data.Resolved == nil || data.TargetID == "" {
		return nil
	}
	return data.Resolved.Messages[data.TargetID]
}

// cmdBriefMessage serves "Brief this article": every article link in the
// message, one briefing each. What can be known at once (no link, over the
// rate limit) is answered privately at once; the rest is deferred
// privately, the briefings are published for everyone and the links that
// failed are listed for the member alone.
func (b *Bot) cmdBriefMessage(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction, _ options) {
	sp, ok := b.spaceOf(i)
	if !ok {
		b.failNow(ctx, s, i, userMessage(errNotInServer))
		return
	}
	m := targetMessage(i)
	if m == nil {
		b.failNow(ctx, s, i, "Discord did not send me that message: try again in a moment.")
		return
	}
	links := menuLinks(m)
	if len(links) == 0 {
		b.failNow(ctx, s, i, "That message has no link to a news article (videos, pictures and social-media posts are skipped).")
		return
	}
	now := b.now()
	allowed := 0
	var note []string
	for range links {
		ok, wait := b.limiter.Allow(sp.id, 1, now)
		if !ok {
			if allowed == 0 {
				b.failNow(ctx, s, i, slowDownMessage(b.cfg.LinksPerMinute, wait))
				return
			}
			note = append(note, fmt.Sprintf("I'm briefing the first %d of these links. %s", allowed, slowDownMessage(b.cfg.LinksPerMinute, wait)))
			break
		}
		allowed++
	}
	links = links[:allowed]
	if err := deferPrivately(ctx, s, i); err != nil {
		b.log.Warn("defer Brief this article", "space", sp.id, "err", err)
		return
	}
	log := b.log.With("space", sp.id, "user", userID(i), "message", m.ID)
	batch := &menuBatch{links: links, results: make([]menuResult, len(links)), left: len(links), note: note}
	for k, link := range links {
		sub := storage.Submission{GuildID: sp.id, ChannelID: i.ChannelID, MessageID: m.ID, UserID: userID(i), At: now}
		ok := b.pool.submit(sp.id, func(jobCtx context.Context) {
			res, err := b.ingest(jobCtx, sub, link)
			if err != nil {
				b.logIngestError(log.With("url", link), err)
			} else {
				log.Info("briefed message link", "url", link, "article", res.article.ID, "duplicate", res.duplicate)
			}
			b.finishMenu(jobCtx, s, i, sp, batch, k, menuResult{res: res, err: err})
		})
		if !ok {
			why := errBusy
			if b.closing.Load() {
				why = errShutdown
			}
			b.finishMenu(ctx, s, i, sp, batch, k, menuResult{err: why})
		}
	}
}

type menuResult struct {
	res ingested
	err error
}

// menuBatch collects one message's links as the pool briefs them; the last
// one to finish answers.
type menuBatch struct {
	mu      sync.Mutex
	links   []string
	results []menuResult
	left    int
	note    []string
}

func (b *Bot) finishMenu(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction, sp space, batch *menuBatch, k int, r menuResult) {
	batch.mu.Lock()
	batch.results[k] = r
	batch.left--
	last := batch.left == 0
	batch.mu.Unlock()
	if !last {
		return
	}
	rctx, cancel := replyContext(ctx)
	defer cancel()
	note := batch.note
	var done []ingested
	for k, r := range batch.results {
		if r.err != nil {
			note = append(note, fmt.Sprintf("I couldn't brief <%s>: %s", batch.links[k], userMessage(r.err)))
			continue
		}
		done = append(done, r.res)
	}
	var err error
	switch {
	case len(done) == 0:
		err = editReply(rctx, s, i, reply{content: strings.Join(note, "\n")})
	case len(done) == 1:
		err = publish(rctx, s, i, strings.Join(note, "\n"), spaceBriefingReply(sp, done[0], b.now()))
	default:
		items := make([]cardItem, len(done))
		for k, res := range done {
			items[k] = cardItem{article: res.article, briefing: res.briefing, duplicate: res.duplicate}
		}
		// One reply of compact cards, the full briefings a menu away.
		err = publish(rctx, s, i, strings.Join(note, "\n"), renderCards(items, b.now()))
	}
	if err != nil {
		b.log.Warn("answer Brief this article", "space", sp.id, "err", err)
	}
}
