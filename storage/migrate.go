package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	"github.com/briefbot/briefbot/briefing"
)

// migration is one step of the schema. Steps are never edited once
// released: a change is a new step at the end of the list.
type migration struct {
	name string
	up   func(ctx context.Context, tx *sql.Tx) error
}

// migrations returns the ordered schema steps; step i brings the database to
// version i+1.
func migrations() []migration {
	return []migration{
		{"servers, articles, briefings, full-text index", execSQL(schemaV1)},
		{"digest log", execSQL(schemaV2)},
		{"watch channels, quote and actor index", migrateV3},
		{"per-server article numbers, name lists for autocomplete", migrateV4},
		{"article preview image", execSQL(schemaArticleImage)},
		{"server id in the full-text index", execSQL(schemaSearchServerColumn)},
	}
}

// KnownSchemaVersion is the newest schema this build knows.
func KnownSchemaVersion() int { return len(migrations()) }

const schemaVersionTable = `CREATE TABLE IF NOT EXISTS schema_version (
	version    INTEGER PRIMARY KEY,
	applied_at INTEGER NOT NULL
)`

// migrate applies the steps the file lacks, each in its own transaction with
// its version row, so a crash leaves the file at a whole version. A file at a
// version beyond len(steps) is refused with ErrNewerSchema.
func migrate(ctx context.Context, w *sql.DB, steps []migration) error {
	known := len(steps)
	for i, step := range steps {
		version := i + 1
		tx, err := w.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("migrate to schema %d: begin: %w", version, busyError(err))
		}
		// Created inside the transaction, so a file that needs no step
		// is never written to.
		if _, err := tx.ExecContext(ctx, schemaVersionTable); err != nil {
			_ = tx.Rollback()
			return fmt.Errorf("create schema version table: %w", err)
		}
		// Read the version inside the (immediate) transaction: another
		// process may have migrated while this one waited for the lock.
		current, err := schemaVersion(ctx, tx)
		if err != nil {
			_ = tx.Rollback()
			return fmt.Errorf("read schema version: %w", err)
		}
		if current > known {
			_ = tx.Rollback()
			return newerSchema(current, known)
		}
		if current >= version {
			_ = tx.Rollback()
			continue
		}
		if err := step.up(ctx, tx); err != nil {
			_ = tx.Rollback()
			return fmt.Errorf("migrate to schema %d (%s): %w", version, step.name, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_version (version, applied_at) VALUES (?, ?)`,
			version, time.Now().UnixMilli()); err != nil {
			_ = tx.Rollback()
			return fmt.Errorf("record schema %d: %w", version, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migrate to schema %d: commit: %w", version, err)
		}
	}
	// With no steps left to run the loop never looked; check here so a
	// newer file is refused even when this build is fully migrated.
	current, err := schemaVersion(ctx, w)
	if err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if current > known {
		return newerSchema(current, known)
	}
	return nil
}

func schemaVersion(ctx context.Context, q querier) (int, error) {
	var v int
	if err := q.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_version`).Scan(&v); err != nil {
		return 0, err
	}
	return v, nil
}

// schemaArticleImage adds the page's preview image URL (og:image), shown
// as the briefing's thumbnail. Older articles have none until fetched again.
const schemaArticleImage = `ALTER TABLE articles ADD COLUMN image TEXT NOT NULL DEFAULT ''`

func execSQL(script string) func(ctx context.Context, tx *sql.Tx) error {
	return func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, script)
		return err
	}
}

// schemaV1: the first release. Articles are unique per server by canonical
// URL; the FTS4 table borrows its text from articles (content=) and triggers
// keep it in step. FTS4 rather than FTS5 because go-sqlite3 builds FTS4 in
// without a build tag.
const schemaV1 = `
CREATE TABLE servers (
	guild_id        TEXT PRIMARY KEY,
	digest_channel  TEXT NOT NULL DEFAULT '',
	digest_schedule TEXT NOT NULL DEFAULT '',
	time_zone       TEXT NOT NULL DEFAULT '',
	digest_enabled  INTEGER NOT NULL DEFAULT 0,
	created_at      INTEGER NOT NULL,
	updated_at      INTEGER NOT NULL
);

CREATE TABLE articles (
	id            INTEGER PRIMARY KEY,
	guild_id      TEXT NOT NULL,
	url           TEXT NOT NULL,
	canonical_url TEXT NOT NULL,
	title         TEXT NOT NULL DEFAULT '',
	byline        TEXT NOT NULL DEFAULT '',
	site          TEXT NOT NULL DEFAULT '',
	published     INTEGER,
	language      TEXT NOT NULL DEFAULT '',
	text          TEXT NOT NULL DEFAULT '',
	submitted_by  TEXT NOT NULL DEFAULT '',
	channel_id    TEXT NOT NULL DEFAULT '',
	message_id    TEXT NOT NULL DEFAULT '',
	submitted_at  INTEGER NOT NULL,
	content_hash  TEXT NOT NULL,
	UNIQUE (guild_id, canonical_url)
);
CREATE INDEX articles_guild_submitted ON articles (guild_id, submitted_at);

CREATE TABLE briefings (
	article_id     INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
	engine_version TEXT NOT NULL,
	json           TEXT NOT NULL,
	created_at     INTEGER NOT NULL
);

CREATE VIRTUAL TABLE articles_fts USING fts4 (
	content="articles", title, text, tokenize=unicode61 "remove_diacritics=2"
);
CREATE TRIGGER articles_fts_bu BEFORE UPDATE ON articles BEGIN
	DELETE FROM articles_fts WHERE docid = old.id;
END;
CREATE TRIGGER articles_fts_bd BEFORE DELETE ON articles BEGIN
	DELETE FROM articles_fts WHERE docid = old.id;
END;
CREATE TRIGGER articles_fts_au AFTER UPDATE ON articles BEGIN
	INSERT INTO articles_fts (docid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN
	INSERT INTO articles_fts (docid, title, text) VALUES (new.id, new.title, new.text);
END;
`

// schemaV2: the digest log. One row per (server, period) is what makes a
// digest post at most once, across restarts.
const schemaV2 = `
CREATE TABLE digests (
	id           INTEGER PRIMARY KEY,
	guild_id     TEXT NOT NULL,
	period_start INTEGER NOT NULL,
	period_end   INTEGER NOT NULL,
	state        TEXT NOT NULL CHECK (state IN ('claimed', 'posted', 'failed', 'empty')),
	message_ids  TEXT NOT NULL DEFAULT '[]',
	attempts     INTEGER NOT NULL DEFAULT 0,
	last_error   TEXT NOT NULL DEFAULT '',
	claimed_at   INTEGER,
	claimed_by   TEXT NOT NULL DEFAULT '',
	posted_at    INTEGER,
	late         INTEGER NOT NULL DEFAULT 0,
	article_ids  TEXT NOT NULL DEFAULT '[]',
	updated_at   INTEGER,
	UNIQUE (guild_id, period_start)
);
`

// schemaV3: per-server watch channels, and quotes and actor names copied out
// of each briefing's JSON so /quotes, /actor and their autocomplete are
// indexed lookups scoped by server. The *_fold columns hold the Go-lowercased
// text because SQLite's own case folding is ASCII-only.
const schemaV3 = `
ALTER TABLE servers ADD COLUMN watch_channels TEXT NOT NULL DEFAULT '[]';

CREATE TABLE quotes (
	article_id   INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	ord          INTEGER NOT NULL,
	guild_id     TEXT NOT NULL,
	speaker      TEXT NOT NULL,
	speaker_fold TEXT NOT NULL,
	text         TEXT NOT NULL,
	direct       INTEGER NOT NULL,
	cue          TEXT NOT NULL DEFAULT '',
	start_pos    INTEGER NOT NULL,
	end_pos      INTEGER NOT NULL,
	PRIMARY KEY (article_id, ord)
) WITHOUT ROWID;
CREATE INDEX quotes_guild_speaker ON quotes (guild_id, speaker_fold);

CREATE TABLE actor_terms (
	article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	term_fold  TEXT NOT NULL,
	name       TEXT NOT NULL,
	name_fold  TEXT NOT NULL,
	guild_id   TEXT NOT NULL,
	is_alias   INTEGER NOT NULL,
	PRIMARY KEY (article_id, term_fold, name)
) WITHOUT ROWID;
CREATE INDEX actor_terms_guild_term ON actor_terms (guild_id, term_fold);
`

func migrateV3(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, schemaV3); err != nil {
		return err
	}
	// Backfill the new index from briefings stored by earlier builds, in
	// batches so a large file is not read into memory at once.
	var after int64
	for {
		rows, err := tx.QueryContext(ctx, `
			SELECT b.article_id, a.guild_id, b.json
			FROM briefings b JOIN articles a ON a.id = b.article_id
			WHERE b.article_id > ? ORDER BY b.article_id LIMIT 500`, after)
		if err != nil {
			return fmt.Errorf("read briefings: %w", err)
		}
		type row struct {
			articleID int64
			guildID   string
			raw       string
		}
		var batch []row
		for rows.Next() {
			var r row
			if err := rows.Scan(&r.articleID, &r.guildID, &r.raw); err != nil {
				rows.Close()
				return fmt.Errorf("read briefings: %w", err)
			}
			batch = append(batch, r)
		}
		if err := rows.Err(); err != nil {
			rows.Close()
			return fmt.Errorf("read briefings: %w", err)
		}
		rows.Close()
		if len(batch) == 0 {
			return nil
		}
		for _, r := range batch {
			after = r.articleID
			var b briefing.Briefing
			if err := json.Unmarshal([]byte(r.raw), &b); err != nil {
				// The briefing itself stays as it was; only its index
				// entries are missing until it is briefed again.
				slog.WarnContext(ctx, "skip unreadable briefing while indexing quotes",
					"article_id", r.articleID, "err", err)
				continue
			}
			if err := indexBriefing(ctx, tx, r.guildID, r.articleID, b); err != nil {
				return fmt.Errorf("index briefing of article %d: %w", r.articleID, err)
			}
		}
	}
}

// schemaSearchServerColumn adds the server id to the full-text index so a search intersects
// its words with the server's own docids inside FTS4: a small server's search
// no longer walks the hits of every server. guild_id names the articles
// column, so the external-content table still reads it. The index is rebuilt
// from the articles; its triggers write the new column.
const schemaSearchServerColumn = `
DROP TRIGGER articles_fts_bu;
DROP TRIGGER articles_fts_bd;
DROP TRIGGER articles_fts_au;
DROP TRIGGER articles_fts_ai;
DROP TABLE articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts4 (
	content="articles", title, text, guild_id, tokenize=unicode61 "remove_diacritics=2"
);
INSERT INTO articles_fts (docid, title, text, guild_id) SELECT id, title, text, guild_id FROM articles;
CREATE TRIGGER articles_fts_bu BEFORE UPDATE ON articles BEGIN
	DELETE FROM articles_fts WHERE docid = old.id;
END;
CREATE TRIGGER articles_fts_bd BEFORE DELETE ON articles BEGIN
	DELETE FROM articles_fts WHERE docid = old.id;
END;
CREATE TRIGGER articles_fts_au AFTER UPDATE ON articles BEGIN
	INSERT INTO articles_fts (docid, title, text, guild_id) VALUES (new.id, new.title, new.text, new.guild_id);
END;
CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN
	INSERT INTO articles_fts (docid, title, text, guild_id) VALUES (new.id, new.title, new.text, new.guild_id);
END;
`
