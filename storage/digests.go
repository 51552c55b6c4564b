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

// Digest states (DigestRun.State).
const (
	StateClaimed = "claimed"
	StatePosted  = "posted"
	StateFailed  = "failed"
	StateEmpty   = "empty"
)

// ClaimLease is how long a claim made by this same open DB keeps others
// from re-claiming a period that is still in state "claimed": within it the
// claimant is presumed to be posting. A claim made by another DB (an earlier
// process that crashed mid-post) can be re-claimed at once.
const ClaimLease = 15 * time.Minute

// maxErrorLen keeps a runaway error text from bloating the digest log.
const maxErrorLen = 2000

// DigestRun is one server's digest for one period.
type DigestRun struct {
	ID                  int64
	GuildID             string
	PeriodStart         time.Time
	PeriodEnd           time.Time
	State               string
	MessageIDs          []string
	Attempts            int
	LastError           string
	ClaimedAt, PostedAt time.Time
	Late                bool
	ArticleIDs          []int64 // what the digest included
}

const digestColumns = `id, guild_id, period_start, period_end, state, message_ids, attempts, last_error,
	claimed_at, posted_at, late, article_ids, claimed_by`

// scanDigest also returns who holds the claim, which DigestRun does not show.
func scanDigest(sc interface{ Scan(...any) error }) (DigestRun, string, error) {
	var (
		d                           DigestRun
		start, end, claimed, posted sql.NullInt64
		late                        int
		msgs, arts, claimedBy       string
	)
	if err := sc.Scan(&d.ID, &d.GuildID, &start, &end, &d.State, &msgs, &d.Attempts, &d.LastError,
		&claimed, &posted, &late, &arts, &claimedBy); err != nil {
		return DigestRun{}, "", err
	}
	d.PeriodStart, d.PeriodEnd = fromDB(start), fromDB(end)
	d.ClaimedAt, d.PostedAt = fromDB(claimed), fromDB(posted)
	d.Late = late != 0
	if err := json.Unmarshal([]byte(msgs), &d.MessageIDs); err != nil {
		return DigestRun{}, "", fmt.Errorf("decode message IDs of digest %d: %w", d.ID, err)
	}
	if err := json.Unmarshal([]byte(arts), &d.ArticleIDs); err != nil {
		return DigestRun{}, "", fmt.Errorf("decode article IDs of digest %d: %w", d.ID, err)
	}
	if len(d.MessageIDs) == 0 {
		d.MessageIDs = nil
	}
	if len(d.ArticleIDs) == 0 {
		d.ArticleIDs = nil
	}
	return d, claimedBy, nil
}

// ClaimDigest claims the server's digest period [start, end) for posting.
// A new period is inserted in state "claimed" with Attempts 1 and claimed=true.
// An existing period is returned with claimed=false, unless it may be retried:
// state "failed", or "claimed" by an earlier process or longer than
// ClaimLease ago, with Attempts < maxAttempts; then it is re-claimed
// (claimed=true, Attempts+1). "posted" and "empty" periods are never claimed
// again.
func (db *DB) ClaimDigest(ctx context.Context, guildID string, start, end time.Time, now time.Time, maxAttempts int) (DigestRun, bool, error) {
	if strings.TrimSpace(guildID) == "" {
		return DigestRun{}, false, errors.New("claim digest: empty guild ID")
	}
	if start.IsZero() || !end.After(start) {
		return DigestRun{}, false, fmt.Errorf("claim digest: period end %s is not after start %s", end, start)
	}
	maxAttempts = max(maxAttempts, 1)
	var (
		run     DigestRun
		claimed bool
	)
	err := db.write(ctx, func(tx *sql.Tx) error {
		var id int64
		err := tx.QueryRowContext(ctx, `
			INSERT INTO digests (guild_id, period_start, period_end, state, attempts, claimed_at, claimed_by, updated_at)
			VALUES (?, ?, ?, 'claimed', 1, ?, ?, ?)
			ON CONFLICT (guild_id, period_start) DO NOTHING
			RETURNING id`,
			guildID, start.UnixMilli(), end.UnixMilli(), now.UnixMilli(), db.instance, now.UnixMilli()).Scan(&id)
		if err == nil {
			claimed = true
			run, _, err = scanDigest(tx.QueryRowContext(ctx, `SELECT `+digestColumns+` FROM digests WHERE id = ?`, id))
			return err
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}

		existing, holder, err := scanDigest(tx.QueryRowContext(ctx,
			`SELECT `+digestColumns+` FROM digests WHERE guild_id = ? AND period_start = ?`,
			guildID, start.UnixMilli()))
		if err != nil {
			return err
		}
		retry := false
		if existing.Attempts < maxAttempts {
			switch existing.State {
			case StateFailed:
				retry = true
			case StateClaimed:
				retry = holder != db.instance || !now.Before(existing.ClaimedAt.Add(ClaimLease))
			}
		}
		if !retry {
			run = existing
			return nil
		}
		if _, err := tx.ExecContext(ctx, `
			UPDATE digests SET state = 'claimed', attempts = attempts + 1, claimed_at = ?, claimed_by = ?, updated_at = ?
			WHERE id = ?`, now.UnixMilli(), db.instance, now.UnixMilli(), existing.ID); err != nil {
			return err
		}
		claimed = true
		run, _, err = scanDigest(tx.QueryRowContext(ctx, `SELECT `+digestColumns+` FROM digests WHERE id = ?`, existing.ID))
		return err
	})
	if err != nil {
		return DigestRun{}, false, fmt.Errorf("claim digest of %s for %s: %w", guildID, start.UTC().Format(time.RFC3339), err)
	}
	return run, claimed, nil
}

// finishDigest moves a claimed (or failed) digest to its next state. A
// posted or empty digest is final and is not changed.
func (db *DB) finishDigest(ctx context.Context, guildID string, id int64, set string, args ...any) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE digests SET `+set+`
			WHERE guild_id = ? AND id = ? AND state IN ('claimed', 'failed')`,
			append(args, guildID, id)...)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 1 {
			return nil
		}
		var state string
		err = tx.QueryRowContext(ctx, `SELECT state FROM digests WHERE guild_id = ? AND id = ?`, guildID, id).Scan(&state)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		return fmt.Errorf("digest is already %s and cannot change", state)
	})
}

// DigestPosted records that the server's digest id was posted as messageIDs
// and included articleIDs; late marks a digest posted after its hour.
func (db *DB) DigestPosted(ctx context.Context, guildID string, id int64, messageIDs []string, articleIDs []int64, late bool, now time.Time) error {
	if messageIDs == nil {
		messageIDs = []string{}
	}
	if articleIDs == nil {
		articleIDs = []int64{}
	}
	msgs, err := json.Marshal(messageIDs)
	if err != nil {
		return fmt.Errorf("record digest %d posted: %w", id, err)
	}
	arts, err := json.Marshal(articleIDs)
	if err != nil {
		return fmt.Errorf("record digest %d posted: %w", id, err)
	}
	if err := db.finishDigest(ctx, guildID, id,
		`state = 'posted', message_ids = ?, article_ids = ?, late = ?, posted_at = ?, updated_at = ?`,
		string(msgs), string(arts), boolInt(late), now.UnixMilli(), now.UnixMilli()); err != nil {
		return fmt.Errorf("record digest %d posted: %w", id, err)
	}
	return nil
}

// DigestFailed records that posting the server's digest id failed; it may be
// claimed again while Attempts < maxAttempts.
func (db *DB) DigestFailed(ctx context.Context, guildID string, id int64, reason string, now time.Time) error {
	if len(reason) > maxErrorLen {
		reason = strings.ToValidUTF8(reason[:maxErrorLen], "") + "…"
	}
	if err := db.finishDigest(ctx, guildID, id, `state = 'failed', last_error = ?, updated_at = ?`,
		reason, now.UnixMilli()); err != nil {
		return fmt.Errorf("record digest %d failed: %w", id, err)
	}
	return nil
}

// DigestEmpty records that the server's digest id had nothing to post;
// PostedAt is set to now.
func (db *DB) DigestEmpty(ctx context.Context, guildID string, id int64, now time.Time) error {
	if err := db.finishDigest(ctx, guildID, id, `state = 'empty', posted_at = ?, updated_at = ?`,
		now.UnixMilli(), now.UnixMilli()); err != nil {
		return fmt.Errorf("record digest %d empty: %w", id, err)
	}
	return nil
}

// LastDigest returns the server's digest with the newest period; ErrNotFound
// if it has none.
func (db *DB) LastDigest(ctx context.Context, guildID string) (DigestRun, error) {
	d, _, err := scanDigest(db.reader.QueryRowContext(ctx, `SELECT `+digestColumns+` FROM digests
		WHERE guild_id = ? ORDER BY period_start DESC LIMIT 1`, guildID))
	if errors.Is(err, sql.ErrNoRows) {
		return DigestRun{}, fmt.Errorf("get last digest: %w", ErrNotFound)
	}
	if err != nil {
		return DigestRun{}, fmt.Errorf("get last digest: %w", err)
	}
	return d, nil
}

// DigestRuns returns the server's digests, newest period first; limit <= 0
// means all.
func (db *DB) DigestRuns(ctx context.Context, guildID string, limit int) ([]DigestRun, error) {
	rows, err := db.reader.QueryContext(ctx, `SELECT `+digestColumns+` FROM digests
		WHERE guild_id = ? ORDER BY period_start DESC LIMIT ?`, guildID, limitArg(limit))
	if err != nil {
		return nil, fmt.Errorf("list digests: %w", err)
	}
	defer rows.Close()
	var out []DigestRun
	for rows.Next() {
		d, _, err := scanDigest(rows)
		if err != nil {
			return nil, fmt.Errorf("list digests: %w", err)
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list digests: %w", err)
	}
	return out, nil
}
