package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/briefing/fetch"
	"github.com/briefbot/briefbot/storage"
)

// autocompleteTimeout keeps suggestions inside Discord's 3 s window.
const autocompleteTimeout = 2 * time.Second

// skippedLinkLine answers /brief url: with a link the bot never fetches.
const skippedLinkLine = "That link is a video, picture or social-media post, not an article: I only brief news articles."

// ingested is the outcome of bringing one link in.
type ingested struct {
	article   storage.StoredArticle
	briefing  briefing.Briefing
	duplicate bool // the server already had it
}

// ingest fetches, stores and briefs one link for a server, or finds it
// already stored (by canonical URL) and returns the stored briefing.
func (b *Bot) ingest(ctx context.Context, sub storage.Submission, link string) (ingested, error) {
	canon, err := fetch.Canonicalize(link)
	if err != nil {
		return ingested{}, fmt.Errorf("canonicalize link: %w", err)
	}
	st, err := b.store.ArticleByURL(ctx, sub.GuildID, canon)
	switch {
	case err == nil:
		br, err := b.briefingFor(ctx, st)
		return ingested{article: st, briefing: br, duplicate: true}, err
	case !errors.Is(err, storage.ErrNotFound):
		return ingested{}, fmt.Errorf("look up stored article: %w", err)
	}
	a, err := b.fetcher.Fetch(ctx, link)
	if err != nil {
		return ingested{}, fmt.Errorf("fetch article: %w", err)
	}
	if a.URL == "" {
		a.URL = link
	}
	if a.CanonicalURL == "" {
		a.CanonicalURL = canon
	}
	// Briefed before saving, so the article and its briefing are stored in
	// one transaction: a crash never leaves an article without a briefing.
	br, err := b.briefer.BriefContext(ctx, a)
	if err != nil {
		return ingested{}, err
	}
	st, created, err := b.store.SaveBriefedArticle(ctx, sub, a, b.engineVersion, br, b.now())
	if err != nil {
		return ingested{}, fmt.Errorf("save article: %w", err)
	}
	if !created {
		// Another link (or a racing paste) led to the same article.
		br, err := b.briefingFor(ctx, st)
		return ingested{article: st, briefing: br, duplicate: true}, err
	}
	return ingested{article: st, briefing: briefing.Tidy(br)}, nil
}

// briefingFor returns the stored briefing of an article, making it again
// from the stored text when it is missing or was made by another engine version.
func (b *Bot) briefingFor(ctx context.Context, st storage.StoredArticle) (briefing.Briefing, error) {
	sb, err := b.store.Briefing(ctx, st.GuildID, st.ID)
	switch {
	case err == nil && sb.EngineVersion == b.engineVersion:
		return sb.Briefing, nil
	case err != nil && !errors.Is(err, storage.ErrNotFound):
		return briefing.Briefing{}, fmt.Errorf("load briefing: %w", err)
	}
	if st.Text == "" {
		full, err := b.store.Article(ctx, st.GuildID, st.ID)
		if err != nil {
			return briefing.Briefing{}, fmt.Errorf("load article text: %w", err)
		}
		st = full
	}
	br, err := b.briefer.BriefContext(ctx, st.Article)
	if err != nil {
		return briefing.Briefing{}, err
	}
	if err := b.store.SaveBriefing(ctx, st.GuildID, st.ID, b.engineVersion, br, b.now()); err != nil {
		b.log.Error("save briefing", "guild", st.GuildID, "article", st.ID, "err", err)
	}
	return br, nil
}

// cmdBrief serves /brief url:<link> and /brief article:<number or words>,
// in a server or, when a member installed briefbot for themselves, anywhere.
func (b *Bot) cmdBrief(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction, opts options) {
	link, ref := opts.str("url"), opts.str("article")
	sp, ok := b.spaceOf(i)
	switch {
	case !ok:
		b.failNow(ctx, s, i, userMessage(errNotInServer))
	case link != "" && ref != "":
		b.failNow(ctx, s, i, "Give either url or article, not both: url: briefs a new link, article: shows one already briefed.")
	case link != "":
		b.briefLink(ctx, s, i, sp, link)
	case ref != "":
		b.briefStored(ctx, s, i, sp, ref)
	default:
		b.failNow(ctx, s, i, "Give a link with /brief url:, or pick an article already briefed with /brief article:.")
	}
}

// briefLink checks the link and the rate limit before deferring, so those
// errors are answered privately at once; the fetch then runs in the pool
// behind a private deferral, and the briefing is published for everyone
// (or the error shown to the member alone).
func (b *Bot) briefLink(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction, sp space, link string) {
	u, err := fetch.ParseUserURL(link)
	if err != nil {
		b.failNow(ctx, s, i, userMessage(err))
		return
	}
	link = u.String()
	if Skip(link) {
		b.failNow(ctx, s, i, skippedLinkLine)
		return
	}
	if ok, wait := b.limiter.Allow(sp.id, 1, b.now()); !ok {
		b.failNow(ctx, s, i, slowDownMessage(b.cfg.LinksPerMinute, wait))
		return
	}
	if err := deferPrivately(ctx, s, i); err != nil {
		b.log.Warn("defer /brief", "space", sp.id, "err", err)
		return
	}
	sub := storage.Submission{GuildID: sp.id, ChannelID: i.ChannelID, UserID: userID(i), At: b.now()}
	log := b.log.With("space", sp.id, "user", sub.UserID, "url", link)
	ok := b.pool.submit(sp.id, func(jobCtx context.Context) {
		res, err := b.ingest(jobCtx, sub, link)
		rctx, cancel := replyContext(jobCtx)
		defer cancel()
		if err != nil {
			b.logIngestError(log, err)
			b.failAfterDefer(rctx, s, i, userMessage(err))
			return
		}
		log.Info("briefed link", "article", res.article.ID, "duplicate", res.duplicate)
		if err := publish(rctx, s, i, "", spaceBriefingReply(sp, res, b.now())); err != nil {
			log.Warn("publish /brief answer", "err", err)
		}
	})
	if !ok {
		why := errBusy
		if b.closing.Load() {
			why = errShutdown
		}
		b.failAfterDefer(ctx, s, i, userMessage(why))
	}
}

// spaceBriefingReply is briefingReply in any space: in a user's own, a
// duplicate is one they briefed before, not one "shared here".
func spaceBriefingReply(sp space, res ingested, now time.Time) reply {
	r := briefingReply(res, now)
	if res.duplicate && !sp.server {
		r.content = "You briefed this <t:" + strconv.FormatInt(res.article.SubmittedAt.Unix(), 10) + ":R>; here is its briefing again."
	}
	return r
}

// briefStored shows the briefing of an article already stored: usually at
// once, without a "thinking" reply; see answerSoon.
func (b *Bot) briefStored(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction, sp space, ref string) {
	b.answerSoon(ctx, s, i, func(ctx context.Context) (reply, error) {
		st, err := b.resolveArticle(ctx, sp.id, ref, false)
		if err != nil {
			b.logLookupError(i, err)
			if !sp.server && (errors.Is(err, storage.ErrNotFound) || errors.Is(err, errNoArticle)) {
				err = lineError{line: "You have no such article of your own: pick one from the suggestions as you type.", err: err}
			}
			return reply{}, err
		}
		br, err := b.briefingFor(ctx, st)
		if err != nil {
			b.logLookupError(i, err)
			return reply{}, err
		}
		return briefingReply(ingested{article: st, briefing: br}, b.now()), nil
	})
}

// resolveArticle finds the article a member meant: "12" or "#12" by its
// number in the space, anything else by searching the space's articles.
// With exact, a search must match one article only.
func (b *Bot) resolveArticle(ctx context.Context, spaceID, ref string, exact bool) (storage.StoredArticle, error) {
	ref = strings.TrimSpace(ref)
	if n, err := strconv.ParseInt(strings.TrimPrefix(ref, "#"), 10, 64); err == nil {
		if n <= 0 {
			return storage.StoredArticle{}, errNoArticle
		}
		return b.store.ArticleByNumber(ctx, spaceID, n)
	}
	list, err := b.store.Articles(ctx, spaceID, storage.ArticleQuery{Search: ref, Limit: 2})
	switch {
	case err != nil:
		return storage.StoredArticle{}, fmt.Errorf("search articles: %w", err)
	case len(list) == 0:
		return storage.StoredArticle{}, errNoArticle
	case exact && len(list) > 1:
		return storage.StoredArticle{}, errAmbiguous
	}
	return list[0], nil
}

// logIngestError logs a failed link: expected failures (the site, the
// link) briefly, the bot's own failures as errors.
func (b *Bot) logIngestError(log *slog.Logger, err error) {
	var detail slog.LogValuer // fetch errors log their technical cause this way
	switch {
	case isFetchFailure(err) && errors.As(err, &detail):
		log.Info("link not briefed", "err", detail)
	case isFetchFailure(err):
		log.Info("link not briefed", "err", err)
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		log.Warn("link abandoned", "err", err)
	default:
		log.Error("ingest link", "err", err)
	}
}

// isFetchFailure reports errors that are the link's or the site's doing.
func isFetchFailure(err error) bool {
	for _, kind := range []error{fetch.ErrBadURL, fetch.ErrNotArticle, fetch.ErrTooLarge, fetch.ErrTimeout,
		fetch.ErrBlockedAddress, fetch.ErrHTTPStatus, fetch.ErrTooManyRedirects, fetch.ErrPaywall,
		fetch.ErrEmpty, fetch.ErrUnreachable} {
		if errors.Is(err, kind) {
			return true
		}
	}
	return false
}

func (b *Bot) logLookupError(i *discordgo.Interaction, err error) {
	if errors.Is(err, storage.ErrNotFound) || errors.Is(err, errNoArticle) || errors.Is(err, errAmbiguous) {
		return
	}
	b.log.Error("look up article", "guild", i.GuildID, "err", err)
}
