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

	"github.com/briefbot/briefbot/bot/embeds"
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
	br := b.briefer.Brief(a)
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
	br := b.briefer.Brief(st.Article)
	if err := b.store.SaveBriefing(ctx, st.GuildID, st.ID, b.engineVersion, br, b.now()); err != nil {
		b.log.Error("save briefing", "guild", st.GuildID, "article", st.ID, "err", err)
	}
	return br, nil
}

// cmdBrief serves /brief url:<link> and /brief article:<id or words>.
func (b *Bot) cmdBrief(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction, opts options) {
	link, ref := opts.str("url"), opts.str("article")
	switch {
	case link != "" && ref != "":
		b.failNow(ctx, s, i, "Give either url or article, not both: url: briefs a new link, article: shows one already shared here.")
	case link != "":
		b.briefLink(ctx, s, i, link)
	case ref != "":
		b.briefStored(ctx, s, i, ref)
	default:
		b.failNow(ctx, s, i, "Give a link with /brief url:, or pick an article already shared here with /brief article:.")
	}
}

// briefLink validates the link before deferring, so a bad one gets an
// immediate private answer; the fetch then runs in the pool and the
// deferred reply is edited with the briefing, or deleted in favour of a
// private error line.
func (b *Bot) briefLink(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction, link string) {
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
	if ok, wait := b.limiter.Allow(i.GuildID, 1, b.now()); !ok {
		b.failNow(ctx, s, i, slowDownMessage(b.cfg.LinksPerMinute, wait))
		return
	}
	if err := deferReply(ctx, s, i, false); err != nil {
		b.log.Warn("defer /brief", "guild", i.GuildID, "err", err)
		return
	}
	sub := storage.Submission{GuildID: i.GuildID, ChannelID: i.ChannelID, UserID: userID(i), At: b.now()}
	log := b.log.With("guild", i.GuildID, "user", sub.UserID, "url", link)
	ok := b.pool.submit(i.GuildID, func(jobCtx context.Context) {
		res, err := b.ingest(jobCtx, sub, link)
		rctx, cancel := replyContext(jobCtx)
		defer cancel()
		if err != nil {
			b.logIngestError(log, err)
			b.failAfterDefer(rctx, s, i, false, userMessage(err))
			return
		}
		log.Info("briefed link", "article", res.article.ID, "duplicate", res.duplicate)
		if err := editReply(rctx, s, i, briefingReply(res)); err != nil {
			log.Warn("edit /brief reply", "err", err)
		}
	})
	if !ok {
		why := errBusy
		if b.closing.Load() {
			why = errShutdown
		}
		b.failAfterDefer(ctx, s, i, false, userMessage(why))
	}
}

// briefingReply shows one briefing, saying when a duplicate was first shared.
func briefingReply(res ingested) reply {
	r := reply{embeds: []*discordgo.MessageEmbed{renderBriefing(res.article, res.briefing)}}
	if res.duplicate {
		r.content = firstSharedLine(res.article)
	}
	return r
}

// briefStored shows the briefing of an article already stored.
func (b *Bot) briefStored(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction, ref string) {
	if err := deferReply(ctx, s, i, false); err != nil {
		b.log.Warn("defer /brief", "guild", i.GuildID, "err", err)
		return
	}
	st, err := b.resolveArticle(ctx, i.GuildID, ref, false)
	if err != nil {
		b.logLookupError(i, err)
		b.failAfterDefer(ctx, s, i, false, userMessage(err))
		return
	}
	br, err := b.briefingFor(ctx, st)
	if err != nil {
		b.logLookupError(i, err)
		b.failAfterDefer(ctx, s, i, false, userMessage(err))
		return
	}
	if err := editReply(ctx, s, i, reply{embeds: []*discordgo.MessageEmbed{renderBriefing(st, br)}}); err != nil {
		b.log.Warn("edit /brief reply", "guild", i.GuildID, "err", err)
	}
}

// resolveArticle finds the article a member meant: "12" or "#12" by number,
// anything else by searching the server's articles. With exact, a search
// must match one article only.
func (b *Bot) resolveArticle(ctx context.Context, guildID, ref string, exact bool) (storage.StoredArticle, error) {
	ref = strings.TrimSpace(ref)
	if id, err := strconv.ParseInt(strings.TrimPrefix(ref, "#"), 10, 64); err == nil {
		if id <= 0 {
			return storage.StoredArticle{}, errNoArticle
		}
		return b.store.Article(ctx, guildID, id)
	}
	list, err := b.store.Articles(ctx, guildID, storage.ArticleQuery{Search: ref, Limit: 2})
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

// completeArticle suggests the server's articles: newest first, or those
// matching what was typed; a typed number puts that article first.
func (b *Bot) completeArticle(ctx context.Context, _ *discordgo.Session, i *discordgo.Interaction, focused *discordgo.ApplicationCommandInteractionDataOption) []*discordgo.ApplicationCommandOptionChoice {
	ctx, cancel := context.WithTimeout(ctx, autocompleteTimeout)
	defer cancel()
	typed, _ := focused.Value.(string)
	typed = strings.TrimSpace(typed)
	var list []storage.StoredArticle
	if id, err := strconv.ParseInt(strings.TrimPrefix(typed, "#"), 10, 64); err == nil && id > 0 {
		if a, err := b.store.Article(ctx, i.GuildID, id); err == nil {
			list = append(list, a)
		}
	}
	found, err := b.store.Articles(ctx, i.GuildID, storage.ArticleQuery{Search: typed, Limit: embeds.MaxChoices})
	if err != nil {
		b.log.Warn("autocomplete articles", "guild", i.GuildID, "err", err)
	}
	for _, a := range found {
		if len(list) > 0 && a.ID == list[0].ID {
			continue
		}
		list = append(list, a)
	}
	var choices []*discordgo.ApplicationCommandOptionChoice
	for _, a := range list {
		name := fmt.Sprintf("#%d %s · %s", a.ID, firstNonEmpty(a.Title, a.URL), siteName(a))
		choices = append(choices, embeds.Choice(name, strconv.FormatInt(a.ID, 10)))
		if len(choices) == embeds.MaxChoices {
			break
		}
	}
	return choices
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
