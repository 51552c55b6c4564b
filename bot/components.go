package bot

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/embeds"
	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/storage"
)

// Buttons and menus under briefings. Their custom ids carry only the
// article's number; the server always comes from the interaction, so a
// button can never show another server's article. Every answer is private
// to the member who pressed: the channel keeps the compact card.
const (
	quotesButtonPrefix = "bq:" // All quotes
	namedButtonPrefix  = "bn:" // Everyone named
	fullButtonPrefix   = "bf:" // the full briefing
	// cardMenuID is the menu under several cards; its value is the article.
	cardMenuID = "bf"
	// maxButtonURL is Discord's limit on a link button's address.
	maxButtonURL = 512
)

func quotesButtonID(id int64) string { return quotesButtonPrefix + strconv.FormatInt(id, 10) }
func namedButtonID(id int64) string  { return namedButtonPrefix + strconv.FormatInt(id, 10) }
func fullBriefingID(id int64) string { return fullButtonPrefix + strconv.FormatInt(id, 10) }

// briefingButtons are the buttons under a briefing card.
func briefingButtons(a storage.StoredArticle, b briefing.Briefing) []discordgo.MessageComponent {
	var row []discordgo.MessageComponent
	if n := len(b.Quotes); n > 0 {
		row = append(row, discordgo.Button{Label: embeds.Label("All quotes (" + strconv.Itoa(n) + ")"), Style: discordgo.SecondaryButton, CustomID: quotesButtonID(a.ID)})
	}
	if n := len(b.Actors); n > 0 {
		row = append(row, discordgo.Button{Label: embeds.Label("Everyone named (" + strconv.Itoa(n) + ")"), Style: discordgo.SecondaryButton, CustomID: namedButtonID(a.ID)})
	}
	if link := linkButton(a.URL); link != nil {
		row = append(row, *link)
	}
	if len(row) == 0 {
		return nil
	}
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: row}}
}

// linkButton opens the article; nil when Discord would refuse the address.
func linkButton(link string) *discordgo.Button {
	l := strings.ToLower(link)
	if len(link) > maxButtonURL || !(strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://")) {
		return nil
	}
	return &discordgo.Button{Label: "Open article", Style: discordgo.LinkButton, URL: link}
}

// articleAction reads a briefing button or the cards' menu: what to show
// and of which article.
func articleAction(data discordgo.MessageComponentInteractionData) (prefix string, id int64, ok bool) {
	raw := data.CustomID
	if raw == cardMenuID {
		if len(data.Values) != 1 {
			return "", 0, false
		}
		prefix, raw = fullButtonPrefix, fullButtonPrefix+data.Values[0]
	}
	for _, p := range []string{quotesButtonPrefix, namedButtonPrefix, fullButtonPrefix} {
		if rest, found := strings.CutPrefix(raw, p); found {
			n, err := strconv.ParseInt(rest, 10, 64)
			if err != nil || n <= 0 {
				return "", 0, false
			}
			return p, n, true
		}
	}
	return "", 0, false
}

// isArticleAction reports whether a custom id belongs to the briefing buttons.
func isArticleAction(customID string) bool {
	return customID == cardMenuID || strings.HasPrefix(customID, quotesButtonPrefix) ||
		strings.HasPrefix(customID, namedButtonPrefix) || strings.HasPrefix(customID, fullButtonPrefix)
}

// runArticleAction answers a briefing button privately: the article's
// quotes, everyone it names, or its full briefing.
func (b *Bot) runArticleAction(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction) {
	prefix, id, ok := articleAction(i.MessageComponentData())
	if !ok {
		b.failNow(ctx, s, i, "That button is from an older version of me: brief the article again.")
		return
	}
	sp, ok := b.spaceOf(i)
	if !ok {
		b.failNow(ctx, s, i, userMessage(errNotInServer))
		return
	}
	st, err := b.store.Article(ctx, sp.id, id)
	if err != nil {
		if errors.Is(err, storage.ErrNotFound) {
			b.failNow(ctx, s, i, "That article was removed.")
			return
		}
		b.log.Error("load article for a button", "guild", i.GuildID, "article", id, "err", err)
		b.failNow(ctx, s, i, userMessage(err))
		return
	}
	br, err := b.briefingFor(ctx, st)
	if err != nil {
		b.log.Error("load briefing for a button", "guild", i.GuildID, "article", id, "err", err)
		b.failNow(ctx, s, i, userMessage(err))
		return
	}
	var r reply
	switch prefix {
	case quotesButtonPrefix:
		r = renderAllQuotes(st, br)
	case namedButtonPrefix:
		r = renderEveryoneNamed(st, br)
	default:
		r = briefingReply(ingested{article: st, briefing: br}, b.now())
	}
	if err := respond(ctx, s, i, r, true); err != nil {
		b.log.Warn("answer briefing button", "guild", i.GuildID, "err", err)
	}
}

// cmdRefs holds the ids Discord gave the commands at registration, so
// replies can name a command as a mention members click to run it.
type cmdRefs map[string]string

// mention is "</articles:ID>" (with a subcommand: "</digest setup:ID>"),
// or the plain "/articles" while the id is unknown.
func (c cmdRefs) mention(name string) string {
	if id := c[strings.Fields(name + " ")[0]]; id != "" && isSnowflake(id) {
		return "</" + name + ":" + id + ">"
	}
	return "/" + name
}

// rememberCommands keeps the ids returned by the bulk overwrite.
func (b *Bot) rememberCommands(got []*discordgo.ApplicationCommand) {
	refs := cmdRefs{}
	for _, c := range got {
		if c != nil && c.Name != "" && c.ID != "" {
			refs[c.Name] = c.ID
		}
	}
	b.cmdIDs.Store(&refs)
}

// cmds is what replies use to mention commands.
func (b *Bot) cmds() cmdRefs {
	if p := b.cmdIDs.Load(); p != nil {
		return *p
	}
	return nil
}
