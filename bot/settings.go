package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/storage"
)

// deferPrivate acknowledges a settings command privately and returns the
// function that edits that answer. Settings commands write to the database,
// which may wait on the writer for longer than Discord's 3 s.
func deferPrivate(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction, log *slog.Logger, what string) (answer func(line string), ok bool) {
	if err := deferReply(ctx, s, i, true); err != nil {
		log.Warn(fmt.Sprintf("defer %s", what), "err", err)
		return nil, false
	}
	return func(line string) {
		if err := editReply(ctx, s, i, reply{content: line}); err != nil {
			log.Warn(fmt.Sprintf("answer %s", what), "err", err)
		}
	}, true
}

// serverSettings reads a server's settings; a server that never saved any
// gets a fresh record with the defaults (digest off, every channel watched).
func (b *Bot) serverSettings(ctx context.Context, guildID string) (storage.Server, error) {
	srv, err := b.store.Server(ctx, guildID)
	if errors.Is(err, storage.ErrNotFound) {
		return storage.Server{GuildID: guildID}, nil
	}
	if err != nil {
		return storage.Server{}, fmt.Errorf("read server settings: %w", err)
	}
	return srv, nil
}

// saveSettings stores srv and returns it as stored (UpdatedAt set), so the
// scheduler is handed the same record the database holds.
func (b *Bot) saveSettings(ctx context.Context, srv storage.Server) (storage.Server, error) {
	now := b.now()
	if err := b.store.SaveServer(ctx, srv, now); err != nil {
		return srv, fmt.Errorf("save server settings: %w", err)
	}
	srv.UpdatedAt = now
	return srv, nil
}
