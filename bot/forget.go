package bot

import (
	"context"
	"errors"
	"fmt"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/storage"
)

const notAllowedToForget = "Only the member who shared this article, or someone with the Manage Server permission, can remove it."

// canForget: the member who shared an article may remove it, and so may
// anyone who manages the server. Member.Permissions in an interaction is
// what the member may do in that channel, overwrites included.
func canForget(m *discordgo.Member, submittedBy string) bool {
	if m == nil || m.User == nil {
		return false
	}
	if submittedBy != "" && m.User.ID == submittedBy {
		return true
	}
	return canManageServer(m)
}

// canManageServer reports Manage Server, or Administrator, which implies it.
func canManageServer(m *discordgo.Member) bool {
	return m != nil && m.Permissions&(discordgo.PermissionManageGuild|discordgo.PermissionAdministrator) != 0
}

// cmdForget serves /forget article:<id>. Its answers are private.
func (b *Bot) cmdForget(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction, opts options) {
	ref := opts.str("article")
	if ref == "" {
		b.failNow(ctx, s, i, "Pick the article to remove from the suggestions as you type.")
		return
	}
	if err := deferReply(ctx, s, i, true); err != nil {
		b.log.Warn("defer /forget", "guild", i.GuildID, "err", err)
		return
	}
	answer := func(line string) {
		if err := editReply(ctx, s, i, reply{content: line}); err != nil {
			b.log.Warn("edit /forget reply", "guild", i.GuildID, "err", err)
		}
	}
	st, err := b.resolveArticle(ctx, i.GuildID, ref, true)
	if err != nil {
		b.logLookupError(i, err)
		answer(userMessage(err))
		return
	}
	if !canForget(i.Member, st.SubmittedBy) {
		b.log.Info("forget refused", "guild", i.GuildID, "user", userID(i), "article", st.ID)
		answer(notAllowedToForget)
		return
	}
	if err := b.store.DeleteArticle(ctx, i.GuildID, st.ID); err != nil {
		if !errors.Is(err, storage.ErrNotFound) {
			b.log.Error("forget article", "guild", i.GuildID, "article", st.ID, "err", err)
		}
		answer(userMessage(err))
		return
	}
	b.log.Info("article forgotten", "guild", i.GuildID, "user", userID(i), "article", st.ID)
	answer(fmt.Sprintf("Removed article #%d, “%s”, and its briefing.", st.Number, md(firstNonEmpty(st.Title, st.URL))))
}
