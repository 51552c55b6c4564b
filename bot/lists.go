package bot

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/embeds"
	"github.com/briefbot/briefbot/storage"
)

// How many quotes /quotes shows and how many articles /actor reads.
const (
	maxQuotesShown = 10
	maxActorReads  = 10
)

// articlesPrefix starts the custom ids of /articles paging buttons.
const articlesPrefix = "articles:"

// listState is what an /articles page shows. It travels in the buttons'
// custom ids (at most 100 characters), so paging needs no memory on our
// side; the server always comes from the interaction, never from the id.
type listState struct {
	page  int
	days  int
	query string
}

// customID encodes the state; tag keeps the two buttons' ids distinct when
// both point at the same page.
func (st listState) customID(tag string) string {
	return embeds.Cut(fmt.Sprintf("%s%s:%d:%d:%s", articlesPrefix, tag, st.page, st.days, st.query), embeds.MaxCustomID)
}

// parseListState reads a custom id made by customID.
func parseListState(id string) (listState, bool) {
	rest, ok := strings.CutPrefix(id, articlesPrefix)
	if !ok {
		return listState{}, false
	}
	parts := strings.SplitN(rest, ":", 4)
	if len(parts) != 4 {
		return listState{}, false
	}
	page, err1 := strconv.Atoi(parts[1])
	days, err2 := strconv.Atoi(parts[2])
	if err1 != nil || err2 != nil || page < 0 || days < 0 || days > maxDays {
		return listState{}, false
	}
	return listState{page: page, days: days, query: parts[3]}, true
}

// since is the start of a "last N days" filter; zero for no filter.
func (b *Bot) since(days int) time.Time {
	if days <= 0 {
		return time.Time{}
	}
	return b.now().Add(-time.Duration(days) * 24 * time.Hour)
}

func clampDays(d int) int {
	switch {
	case d < 0:
		return 0
	case d > maxDays:
		return maxDays
	}
	return d
}

// cmdArticles serves /articles [query] [days].
func (b *Bot) cmdArticles(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction, opts options) {
	st := listState{query: embeds.Cut(opts.str("query"), maxQueryLength), days: clampDays(opts.int("days"))}
	if err := deferPrivately(ctx, s, i); err != nil {
		b.log.Warn("defer /articles", "guild", i.GuildID, "err", err)
		return
	}
	r, err := b.articlePage(ctx, i.GuildID, st)
	if err != nil {
		b.log.Error("list articles", "guild", i.GuildID, "err", err)
		b.failAfterDefer(ctx, s, i, userMessage(err))
		return
	}
	if len(r.embeds) == 0 {
		// Nothing found: only the member who asked needs to know.
		b.failAfterDefer(ctx, s, i, r.content)
		return
	}
	if err := publish(ctx, s, i, "", r); err != nil {
		b.log.Warn("edit /articles reply", "guild", i.GuildID, "err", err)
	}
}

// articlePage renders one page of a server's articles; a page past the end
// (articles were forgotten meanwhile) shows the last one.
func (b *Bot) articlePage(ctx context.Context, guildID string, st listState) (reply, error) {
	q := storage.ArticleQuery{Search: st.query, Since: b.since(st.days)}
	total, err := b.store.CountArticles(ctx, guildID, q)
	if err != nil {
		return reply{}, fmt.Errorf("count articles: %w", err)
	}
	if pages := (total + pageSize - 1) / pageSize; st.page >= pages {
		st.page = max(0, pages-1)
	}
	q.Limit, q.Offset = pageSize, st.page*pageSize
	list, err := b.store.Articles(ctx, guildID, q)
	if err != nil {
		return reply{}, fmt.Errorf("list articles: %w", err)
	}
	return renderArticleList(list, total, st, b.cmds()), nil
}

// runComponent serves button presses: /articles paging, answered by
// updating the message in place (callback type 7).
func (b *Bot) runComponent(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction) {
	data := i.MessageComponentData()
	st, ok := parseListState(data.CustomID)
	article := !ok && isArticleAction(data.CustomID)
	switch {
	case !ok && !article:
		b.failNow(ctx, s, i, "That button is from an older version of me: run the command again.")
		return
	case b.closing.Load():
		b.failNow(ctx, s, i, userMessage(errShutdown))
		return
	case article:
		// Briefing buttons answer privately; they never change the card.
		// They also work on briefings in a member's own space (user install).
		b.runArticleAction(ctx, s, i)
		return
	case i.GuildID == "":
		b.failNow(ctx, s, i, userMessage(errNotInServer))
		return
	}
	r, err := b.articlePage(ctx, i.GuildID, st)
	if err != nil {
		b.log.Error("page articles", "guild", i.GuildID, "err", err)
		b.failNow(ctx, s, i, userMessage(err))
		return
	}
	if err := updateMessage(ctx, s, i, r); err != nil {
		b.log.Warn("update /articles page", "guild", i.GuildID, "err", err)
	}
}

// cmdQuotes serves /quotes [speaker] [days].
func (b *Bot) cmdQuotes(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction, opts options) {
	speaker, days := opts.str("speaker"), clampDays(opts.int("days"))
	if err := deferPrivately(ctx, s, i); err != nil {
		b.log.Warn("defer /quotes", "guild", i.GuildID, "err", err)
		return
	}
	quotes, err := b.store.Quotes(ctx, i.GuildID, storage.QuoteQuery{Speaker: speaker, Since: b.since(days), Limit: maxQuotesShown})
	if err != nil {
		b.log.Error("list quotes", "guild", i.GuildID, "err", err)
		b.failAfterDefer(ctx, s, i, userMessage(err))
		return
	}
	if len(quotes) == 0 {
		b.failAfterDefer(ctx, s, i, emptyQuotesLine(speaker, days))
		return
	}
	if err := publish(ctx, s, i, "", renderQuotes(quotes, speaker, days)); err != nil {
		b.log.Warn("edit /quotes reply", "guild", i.GuildID, "err", err)
	}
}

// cmdActor serves /actor name:<actor>.
func (b *Bot) cmdActor(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction, opts options) {
	name := opts.str("name")
	if name == "" {
		b.failNow(ctx, s, i, "Give a name: pick one from the suggestions as you type.")
		return
	}
	if err := deferPrivately(ctx, s, i); err != nil {
		b.log.Warn("defer /actor", "guild", i.GuildID, "err", err)
		return
	}
	list, err := b.store.ActorArticles(ctx, i.GuildID, name, maxActorReads)
	if err != nil {
		b.log.Error("actor articles", "guild", i.GuildID, "err", err)
		b.failAfterDefer(ctx, s, i, userMessage(err))
		return
	}
	if len(list) == 0 {
		b.failAfterDefer(ctx, s, i, fmt.Sprintf("No article shared here names “%s”: pick a name from the suggestions as you type.", embeds.Truncate(name, maxQueryLength)))
		return
	}
	if err := publish(ctx, s, i, "", renderActor(collectActor(name, list))); err != nil {
		b.log.Warn("edit /actor reply", "guild", i.GuildID, "err", err)
	}
}
