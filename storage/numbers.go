package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Per-server article numbers: each server counts its own articles 1, 2, 3 ...
// so a number says nothing about other servers (global row ids would show
// gaps where other servers' articles are). The row id stays the internal key
// (briefings, quotes, digest logs point at it); the number is what members
// see and type.
//
// Numbers come from a per-server counter, never from MAX(number)+1, so a
// forgotten article's number is not given to the next one: "#5" never
// comes to mean another article.

// schemaV4: the numbers, assigned by a trigger in the same statement that
// inserts the article, so no code path can store an article without one;
// and the distinct speaker and actor names of each server with how often
// they are used, kept by triggers on the quote and actor index, so
// autocomplete reads a server's few thousand names instead of grouping its
// every quote on each keystroke.
const schemaV4 = `
CREATE TABLE article_counters (
	guild_id    TEXT PRIMARY KEY,
	last_number INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE article_numbers (
	article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
	guild_id   TEXT NOT NULL,
	number     INTEGER NOT NULL,
	UNIQUE (guild_id, number)
);

CREATE TRIGGER articles_number_ai AFTER INSERT ON articles BEGIN
	INSERT INTO article_counters (guild_id, last_number) VALUES (new.guild_id, 1)
		ON CONFLICT (guild_id) DO UPDATE SET last_number = last_number + 1;
	INSERT INTO article_numbers (article_id, guild_id, number)
		SELECT new.id, new.guild_id, last_number FROM article_counters WHERE guild_id = new.guild_id;
END;

CREATE TABLE speaker_names (
	guild_id  TEXT NOT NULL,
	name_fold TEXT NOT NULL,
	name      TEXT NOT NULL,
	uses      INTEGER NOT NULL,
	PRIMARY KEY (guild_id, name_fold)
) WITHOUT ROWID;
CREATE INDEX speaker_names_uses ON speaker_names (guild_id, uses DESC, name_fold);
CREATE TRIGGER quotes_speaker_names_ai AFTER INSERT ON quotes WHEN new.speaker_fold != '' BEGIN
	INSERT INTO speaker_names (guild_id, name_fold, name, uses) VALUES (new.guild_id, new.speaker_fold, new.speaker, 1)
		ON CONFLICT (guild_id, name_fold) DO UPDATE SET uses = uses + 1, name = min(name, excluded.name);
END;
CREATE TRIGGER quotes_speaker_names_ad AFTER DELETE ON quotes WHEN old.speaker_fold != '' BEGIN
	UPDATE speaker_names SET uses = uses - 1 WHERE guild_id = old.guild_id AND name_fold = old.speaker_fold;
	DELETE FROM speaker_names WHERE guild_id = old.guild_id AND name_fold = old.speaker_fold AND uses <= 0;
END;

CREATE TABLE actor_name_terms (
	guild_id  TEXT NOT NULL,
	name_fold TEXT NOT NULL,
	term_fold TEXT NOT NULL,
	name      TEXT NOT NULL,
	uses      INTEGER NOT NULL,
	PRIMARY KEY (guild_id, name_fold, term_fold)
) WITHOUT ROWID;
CREATE INDEX actor_names_uses ON actor_name_terms (guild_id, uses DESC, name_fold) WHERE term_fold = name_fold;
CREATE TRIGGER actor_terms_names_ai AFTER INSERT ON actor_terms BEGIN
	INSERT INTO actor_name_terms (guild_id, name_fold, term_fold, name, uses)
		VALUES (new.guild_id, new.name_fold, new.term_fold, new.name, 1)
		ON CONFLICT (guild_id, name_fold, term_fold) DO UPDATE SET uses = uses + 1, name = min(name, excluded.name);
END;
CREATE TRIGGER actor_terms_names_ad AFTER DELETE ON actor_terms BEGIN
	UPDATE actor_name_terms SET uses = uses - 1
		WHERE guild_id = old.guild_id AND name_fold = old.name_fold AND term_fold = old.term_fold;
	DELETE FROM actor_name_terms
		WHERE guild_id = old.guild_id AND name_fold = old.name_fold AND term_fold = old.term_fold AND uses <= 0;
END;
`

// migrateV4 creates the numbers and gives existing articles theirs, in id
// order (the order they were stored) within each server.
func migrateV4(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, schemaV4); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO article_numbers (article_id, guild_id, number)
		SELECT id, guild_id, ROW_NUMBER() OVER (PARTITION BY guild_id ORDER BY id) FROM articles`); err != nil {
		return fmt.Errorf("number existing articles: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO article_counters (guild_id, last_number)
		SELECT guild_id, MAX(number) FROM article_numbers GROUP BY guild_id`); err != nil {
		return fmt.Errorf("start article counters: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO speaker_names (guild_id, name_fold, name, uses)
		SELECT guild_id, speaker_fold, MIN(speaker), COUNT(*) FROM quotes WHERE speaker_fold != ''
		GROUP BY guild_id, speaker_fold`); err != nil {
		return fmt.Errorf("list speakers: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO actor_name_terms (guild_id, name_fold, term_fold, name, uses)
		SELECT guild_id, name_fold, term_fold, MIN(name), COUNT(*) FROM actor_terms
		GROUP BY guild_id, name_fold, term_fold`); err != nil {
		return fmt.Errorf("list actors: %w", err)
	}
	return nil
}

// articleNumberColumn reads an article's per-server number in the article
// queries (0 only for a row written behind the trigger's back).
const articleNumberColumn = `COALESCE((SELECT n.number FROM article_numbers n WHERE n.article_id = a.id), 0)`

// ArticleByNumber returns the server's article with that per-server number;
// ErrNotFound if the server has none (numbers are never shared across servers).
func (db *DB) ArticleByNumber(ctx context.Context, guildID string, number int64) (StoredArticle, error) {
	a, err := scanArticle(db.reader.QueryRowContext(ctx,
		`SELECT `+articleColumns+` FROM article_numbers n JOIN articles a ON a.id = n.article_id
		WHERE n.guild_id = ? AND n.number = ? AND a.guild_id = ?`, guildID, number, guildID))
	if errors.Is(err, sql.ErrNoRows) {
		return StoredArticle{}, fmt.Errorf("get article #%d: %w", number, ErrNotFound)
	}
	if err != nil {
		return StoredArticle{}, fmt.Errorf("get article #%d: %w", number, err)
	}
	return a, nil
}

// ArticleTitle is what autocomplete needs of an article: no text.
type ArticleTitle struct {
	ID, Number int64
	Title, URL string
	Site       string
}

// ArticleTitles lists the server's articles newest first, at most limit
// (<= 0: all), reading only the columns stored before the article text so a
// listing never walks the text's overflow pages.
func (db *DB) ArticleTitles(ctx context.Context, guildID string, limit int) ([]ArticleTitle, error) {
	rows, err := db.reader.QueryContext(ctx, `
		SELECT a.id, `+articleNumberColumn+`, a.title, a.url, a.site
		FROM articles a WHERE a.guild_id = ?
		ORDER BY a.submitted_at DESC, a.id DESC LIMIT ?`, guildID, limitArg(limit))
	if err != nil {
		return nil, fmt.Errorf("list article titles: %w", err)
	}
	defer rows.Close()
	var out []ArticleTitle
	for rows.Next() {
		var t ArticleTitle
		if err := rows.Scan(&t.ID, &t.Number, &t.Title, &t.URL, &t.Site); err != nil {
			return nil, fmt.Errorf("list article titles: %w", err)
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list article titles: %w", err)
	}
	return out, nil
}
