package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Server is one Discord server's settings.
type Server struct {
	GuildID        string
	DigestChannel  string // "" = no digest channel set
	DigestSchedule string // 5-field cron spec, "" = use the configured default
	TimeZone       string // IANA name, "" = UTC
	DigestEnabled  bool
	// WatchChannels are the channels whose pasted links are ingested;
	// empty (nil when read back) = all channels.
	WatchChannels        []string
	CreatedAt, UpdatedAt time.Time
}

const serverColumns = `guild_id, digest_channel, digest_schedule, time_zone, digest_enabled,
	watch_channels, created_at, updated_at`

func scanServer(sc interface{ Scan(...any) error }) (Server, error) {
	var (
		s                Server
		enabled          int
		watch            string
		created, updated sql.NullInt64
	)
	if err := sc.Scan(&s.GuildID, &s.DigestChannel, &s.DigestSchedule, &s.TimeZone, &enabled,
		&watch, &created, &updated); err != nil {
		return Server{}, err
	}
	s.DigestEnabled = enabled != 0
	if err := json.Unmarshal([]byte(watch), &s.WatchChannels); err != nil {
		return Server{}, fmt.Errorf("decode watch channels: %w", err)
	}
	if len(s.WatchChannels) == 0 {
		s.WatchChannels = nil
	}
	s.CreatedAt, s.UpdatedAt = fromDB(created), fromDB(updated)
	return s, nil
}

// Server returns a server's settings; ErrNotFound if it was never configured.
func (db *DB) Server(ctx context.Context, guildID string) (Server, error) {
	row := db.reader.QueryRowContext(ctx, `SELECT `+serverColumns+` FROM servers WHERE guild_id = ?`, guildID)
	s, err := scanServer(row)
	if errors.Is(err, sql.ErrNoRows) {
		return Server{}, fmt.Errorf("get server %s: %w", guildID, ErrNotFound)
	}
	if err != nil {
		return Server{}, fmt.Errorf("get server %s: %w", guildID, err)
	}
	return s, nil
}

// SaveServer inserts or replaces a server's settings. CreatedAt is set to now
// on first save and kept afterwards; UpdatedAt is always now.
func (db *DB) SaveServer(ctx context.Context, s Server, now time.Time) error {
	if strings.TrimSpace(s.GuildID) == "" {
		return errors.New("save server: empty guild ID")
	}
	watch := s.WatchChannels
	if watch == nil {
		watch = []string{}
	}
	watchJSON, err := json.Marshal(watch)
	if err != nil {
		return fmt.Errorf("save server %s: encode watch channels: %w", s.GuildID, err)
	}
	_, err = db.exec(ctx, `
		INSERT INTO servers (`+serverColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (guild_id) DO UPDATE SET
			digest_channel = excluded.digest_channel,
			digest_schedule = excluded.digest_schedule,
			time_zone = excluded.time_zone,
			digest_enabled = excluded.digest_enabled,
			watch_channels = excluded.watch_channels,
			updated_at = excluded.updated_at`,
		s.GuildID, s.DigestChannel, s.DigestSchedule, s.TimeZone, boolInt(s.DigestEnabled),
		string(watchJSON), now.UnixMilli(), now.UnixMilli())
	if err != nil {
		return fmt.Errorf("save server %s: %w", s.GuildID, err)
	}
	return nil
}

// DigestServers returns the servers with digests enabled and a digest
// channel set, by guild ID; the scheduler reads them at start-up.
func (db *DB) DigestServers(ctx context.Context) ([]Server, error) {
	rows, err := db.reader.QueryContext(ctx, `SELECT `+serverColumns+` FROM servers
		WHERE digest_enabled = 1 AND digest_channel != '' ORDER BY guild_id`)
	if err != nil {
		return nil, fmt.Errorf("list digest servers: %w", err)
	}
	defer rows.Close()
	var out []Server
	for rows.Next() {
		s, err := scanServer(rows)
		if err != nil {
			return nil, fmt.Errorf("list digest servers: %w", err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list digest servers: %w", err)
	}
	return out, nil
}
