package storage

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/briefbot/briefbot/briefing"
)

// StoredBriefing is a briefing with the engine version that made it.
type StoredBriefing struct {
	ArticleID     int64
	EngineVersion string
	Briefing      briefing.Briefing
	CreatedAt     time.Time
}

// BriefedArticle is an article with its briefing.
type BriefedArticle struct {
	Article  StoredArticle
	Briefing StoredBriefing
}

// QuoteQuery selects quotes. Speaker, if set, is a case-insensitive
// substring of the speaker's name; Since keeps articles submitted at or after
// it; Limit <= 0 means no limit.
type QuoteQuery struct {
	Speaker string
	Since   time.Time
	Limit   int
}

// StoredQuote is one quote with the article it came from.
type StoredQuote struct {
	ArticleID                int64
	ArticleTitle, ArticleURL string
	briefing.Quote
	SubmittedAt time.Time
}

// fold is the case folding used for speaker and actor lookups; SQLite's
// lower() and LIKE fold ASCII only.
func fold(s string) string {
	return strings.ToLower(strings.TrimSpace(s))
}

// SaveBriefing stores (or replaces) the briefing of one of the server's
// articles (within the output limits of briefing.Tidy), and in the same transaction its quotes and actor names for
// Quotes, Speakers, ActorArticles and ActorNames. ErrNotFound if the server
// has no such article.
func (db *DB) SaveBriefing(ctx context.Context, guildID string, articleID int64, engineVersion string, b briefing.Briefing, now time.Time) error {
	b = briefing.Tidy(b)
	raw, err := json.Marshal(b)
	if err != nil {
		return fmt.Errorf("save briefing of article %d: encode: %w", articleID, err)
	}
	err = db.write(ctx, func(tx *sql.Tx) error {
		var one int
		err := tx.QueryRowContext(ctx, `SELECT 1 FROM articles WHERE guild_id = ? AND id = ?`, guildID, articleID).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		return db.saveBriefingTx(ctx, tx, guildID, articleID, engineVersion, b, raw, now)
	})
	if err != nil {
		return fmt.Errorf("save briefing of article %d: %w", articleID, err)
	}
	return nil
}

// saveBriefingTx writes (or replaces) a briefing and its index inside tx.
func (db *DB) saveBriefingTx(ctx context.Context, tx *sql.Tx, guildID string, articleID int64, engineVersion string, b briefing.Briefing, raw []byte, now time.Time) error {
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO briefings (article_id, engine_version, json, created_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (article_id) DO UPDATE SET
			engine_version = excluded.engine_version, json = excluded.json, created_at = excluded.created_at`,
		articleID, engineVersion, string(raw), now.UnixMilli()); err != nil {
		return fmt.Errorf("write briefing: %w", err)
	}
	if err := db.step("briefing"); err != nil {
		return err
	}
	if err := indexBriefing(ctx, tx, guildID, articleID, b); err != nil {
		return err
	}
	return db.step("index")
}

// indexBriefing replaces the quote and actor rows of one article.
func indexBriefing(ctx context.Context, tx *sql.Tx, guildID string, articleID int64, b briefing.Briefing) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM quotes WHERE article_id = ?`, articleID); err != nil {
		return fmt.Errorf("clear quotes: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM actor_terms WHERE article_id = ?`, articleID); err != nil {
		return fmt.Errorf("clear actors: %w", err)
	}
	for i, q := range b.Quotes {
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO quotes (article_id, ord, guild_id, speaker, speaker_fold, text, direct, cue, start_pos, end_pos)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			articleID, i, guildID, q.Speaker, fold(q.Speaker), q.Text, boolInt(q.Direct), q.Cue, q.Start, q.End); err != nil {
			return fmt.Errorf("index quote: %w", err)
		}
	}
	for _, a := range b.Actors {
		if strings.TrimSpace(a.Name) == "" {
			continue
		}
		terms := append([]string{a.Name}, a.Aliases...)
		for i, t := range terms {
			if fold(t) == "" {
				continue
			}
			// OR IGNORE: an alias equal to the name (in another case) is one term.
			if _, err := tx.ExecContext(ctx, `
				INSERT OR IGNORE INTO actor_terms (article_id, term_fold, name, name_fold, guild_id, is_alias)
				VALUES (?, ?, ?, ?, ?, ?)`,
				articleID, fold(t), a.Name, fold(a.Name), guildID, boolInt(i > 0)); err != nil {
				return fmt.Errorf("index actor: %w", err)
			}
		}
	}
	return nil
}

const briefingColumns = `b.article_id, b.engine_version, b.json, b.created_at`

func scanBriefed(sc interface{ Scan(...any) error }) (BriefedArticle, error) {
	var (
		ba                            BriefedArticle
		published, submitted, created sql.NullInt64
		raw                           sql.RawBytes // decoded before the next row, so no copy is kept
	)
	dest := articleDest(&ba.Article, &published, &submitted)
	dest = append(dest, &ba.Briefing.ArticleID, &ba.Briefing.EngineVersion, &raw, &created)
	if err := sc.Scan(dest...); err != nil {
		return BriefedArticle{}, err
	}
	ba.Article.Published, ba.Article.SubmittedAt = fromDB(published), fromDB(submitted)
	ba.Briefing.CreatedAt = fromDB(created)
	if err := json.Unmarshal(raw, &ba.Briefing.Briefing); err != nil {
		return BriefedArticle{}, fmt.Errorf("decode briefing of article %d: %w", ba.Article.ID, err)
	}
	return ba, nil
}

// Briefing returns the briefing of one of the server's articles; ErrNotFound
// if the server has no such article or it has no briefing yet.
func (db *DB) Briefing(ctx context.Context, guildID string, articleID int64) (StoredBriefing, error) {
	var (
		sb      StoredBriefing
		raw     string
		created sql.NullInt64
	)
	err := db.reader.QueryRowContext(ctx, `
		SELECT `+briefingColumns+` FROM briefings b JOIN articles a ON a.id = b.article_id
		WHERE a.guild_id = ? AND b.article_id = ?`, guildID, articleID).
		Scan(&sb.ArticleID, &sb.EngineVersion, &raw, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return StoredBriefing{}, fmt.Errorf("get briefing of article %d: %w", articleID, ErrNotFound)
	}
	if err != nil {
		return StoredBriefing{}, fmt.Errorf("get briefing of article %d: %w", articleID, err)
	}
	if err := json.Unmarshal([]byte(raw), &sb.Briefing); err != nil {
		return StoredBriefing{}, fmt.Errorf("get briefing of article %d: decode: %w", articleID, err)
	}
	sb.CreatedAt = fromDB(created)
	return sb, nil
}

func (db *DB) queryBriefed(ctx context.Context, query string, args ...any) ([]BriefedArticle, error) {
	rows, err := db.reader.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []BriefedArticle
	for rows.Next() {
		ba, err := scanBriefed(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, ba)
	}
	return out, rows.Err()
}

// Briefer briefs a stored article that has no briefing: one a crash left
// behind (builds before SaveBriefedArticle saved the two in separate
// transactions). With one set, BriefedArticles never skips an article.
type Briefer struct {
	// EngineVersion is recorded with the briefings it makes.
	EngineVersion string
	// Brief makes the briefing; it may stop when ctx ends.
	Brief func(ctx context.Context, a briefing.Article) (briefing.Briefing, error)
	// Now stamps the briefings it stores.
	Now func() time.Time
}

// SetBriefer makes BriefedArticles brief the articles it finds without a
// briefing, and store those briefings when the database is writable. Call it
// before the database is shared.
func (db *DB) SetBriefer(b Briefer) { db.briefer = &b }

// BriefedArticles returns the server's articles submitted in [from, to),
// oldest first, Text included, each with its briefing. An article without a
// briefing is briefed now when a Briefer is set (see SetBriefer) and left
// out otherwise. A zero from or to leaves that end open.
func (db *DB) BriefedArticles(ctx context.Context, guildID string, from, to time.Time) ([]BriefedArticle, error) {
	query := `SELECT ` + articleColumns + `, ` + briefingColumns + `
		FROM articles a JOIN briefings b ON b.article_id = a.id
		WHERE a.guild_id = ?`
	args := []any{guildID}
	rangeSQL, rangeArgs := submittedRange(from, to)
	query += rangeSQL + ` ORDER BY a.submitted_at, a.id`
	out, err := db.queryBriefed(ctx, query, append(args, rangeArgs...)...)
	if err != nil {
		return nil, fmt.Errorf("list briefed articles: %w", err)
	}
	missing, err := db.briefMissing(ctx, guildID, from, to)
	if err != nil {
		return nil, fmt.Errorf("list briefed articles: %w", err)
	}
	if len(missing) == 0 {
		return out, nil
	}
	out = append(out, missing...)
	slices.SortFunc(out, func(x, y BriefedArticle) int {
		if c := x.Article.SubmittedAt.Compare(y.Article.SubmittedAt); c != 0 {
			return c
		}
		return cmp.Compare(x.Article.ID, y.Article.ID)
	})
	return out, nil
}

// briefMissing briefs the server's articles of [from, to) that were stored
// without a briefing (an older version saved them in two steps), and keeps
// those briefings when the database is writable. Without a Briefer it
// finds nothing to do.
func (db *DB) briefMissing(ctx context.Context, guildID string, from, to time.Time) ([]BriefedArticle, error) {
	if db.briefer == nil {
		return nil, nil
	}
	missing, err := db.UnbriefedArticles(ctx, guildID, from, to)
	if err != nil {
		return nil, err
	}
	out := make([]BriefedArticle, 0, len(missing))
	for _, a := range missing {
		b, err := db.briefer.Brief(ctx, a.Article)
		if err != nil {
			return nil, fmt.Errorf("brief article %d that had no briefing: %w", a.ID, err)
		}
		now := time.Now().UTC()
		if db.briefer.Now != nil {
			now = db.briefer.Now()
		}
		if db.writer != nil {
			// Best effort: the digest has the briefing either way, and the
			// next reader makes it again if this write fails.
			if err := db.SaveBriefing(ctx, guildID, a.ID, db.briefer.EngineVersion, b, now); err != nil {
				slog.WarnContext(ctx, "store the briefing of an article that had none", "guild", guildID, "article", a.ID, "err", err)
			}
		}
		out = append(out, BriefedArticle{Article: a, Briefing: StoredBriefing{
			ArticleID: a.ID, EngineVersion: db.briefer.EngineVersion, Briefing: b, CreatedAt: now}})
	}
	return out, nil
}

// UnbriefedArticles returns the server's articles submitted in [from, to)
// that have no briefing, oldest first, Text included, so the caller can
// brief them. A zero from or to leaves that end open.
func (db *DB) UnbriefedArticles(ctx context.Context, guildID string, from, to time.Time) ([]StoredArticle, error) {
	rangeSQL, rangeArgs := submittedRange(from, to)
	rows, err := db.reader.QueryContext(ctx, `SELECT `+articleColumns+` FROM articles a
		WHERE a.guild_id = ? AND NOT EXISTS (SELECT 1 FROM briefings b WHERE b.article_id = a.id)`+
		rangeSQL+` ORDER BY a.submitted_at, a.id`, append([]any{guildID}, rangeArgs...)...)
	if err != nil {
		return nil, fmt.Errorf("list unbriefed articles: %w", err)
	}
	defer rows.Close()
	var out []StoredArticle
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, fmt.Errorf("list unbriefed articles: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list unbriefed articles: %w", err)
	}
	return out, nil
}

// submittedRange is the SQL (and its arguments) keeping a.submitted_at in
// [from, to), either end open when zero.
func submittedRange(from, to time.Time) (string, []any) {
	var (
		q    string
		args []any
	)
	if !from.IsZero() {
		q += ` AND a.submitted_at >= ?`
		args = append(args, from.UnixMilli())
	}
	if !to.IsZero() {
		q += ` AND a.submitted_at < ?`
		args = append(args, to.UnixMilli())
	}
	return q, args
}

// Quotes returns the server's quotes matching q: newest articles first, each
// article's quotes in reading order.
func (db *DB) Quotes(ctx context.Context, guildID string, q QuoteQuery) ([]StoredQuote, error) {
	query := `SELECT q.article_id, a.title, a.canonical_url, a.url, q.text, q.speaker, q.direct, q.cue,
			q.start_pos, q.end_pos, a.submitted_at
		FROM quotes q JOIN articles a ON a.id = q.article_id AND a.guild_id = q.guild_id
		WHERE q.guild_id = ?`
	args := []any{guildID}
	if s := fold(q.Speaker); s != "" {
		// instr, not LIKE: the name is user text and must not act as a pattern.
		query += ` AND instr(q.speaker_fold, ?) > 0`
		args = append(args, s)
	}
	if !q.Since.IsZero() {
		query += ` AND a.submitted_at >= ?`
		args = append(args, q.Since.UnixMilli())
	}
	query += ` ORDER BY a.submitted_at DESC, a.id DESC, q.start_pos, q.ord LIMIT ?`
	args = append(args, limitArg(q.Limit))

	rows, err := db.reader.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list quotes: %w", err)
	}
	defer rows.Close()
	var out []StoredQuote
	for rows.Next() {
		var (
			sq             StoredQuote
			canonical, raw string
			direct         int
			submitted      sql.NullInt64
		)
		if err := rows.Scan(&sq.ArticleID, &sq.ArticleTitle, &canonical, &raw, &sq.Text, &sq.Speaker, &direct,
			&sq.Cue, &sq.Start, &sq.End, &submitted); err != nil {
			return nil, fmt.Errorf("list quotes: %w", err)
		}
		sq.ArticleURL = canonical
		if sq.ArticleURL == "" {
			sq.ArticleURL = raw
		}
		sq.Direct = direct != 0
		sq.SubmittedAt = fromDB(submitted)
		out = append(out, sq)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list quotes: %w", err)
	}
	return out, nil
}

// Speakers returns distinct speaker names of the server's quotes whose name
// starts with prefix (case-insensitive), most quoted first, for autocomplete.
func (db *DB) Speakers(ctx context.Context, guildID, prefix string, limit int) ([]string, error) {
	names, err := db.names(ctx, `
		SELECT MIN(speaker) FROM quotes
		WHERE guild_id = ? AND speaker_fold != '' AND instr(speaker_fold, ?) = 1
		GROUP BY speaker_fold ORDER BY COUNT(*) DESC, speaker_fold LIMIT ?`,
		guildID, fold(prefix), limitArg(limit))
	if err != nil {
		return nil, fmt.Errorf("list speakers: %w", err)
	}
	return names, nil
}

// ActorArticles returns the server's briefed articles whose briefing names
// the actor (by name or alias, case-insensitive), newest first.
func (db *DB) ActorArticles(ctx context.Context, guildID, name string, limit int) ([]BriefedArticle, error) {
	out, err := db.queryBriefed(ctx, `SELECT `+articleColumns+`, `+briefingColumns+`
		FROM articles a JOIN briefings b ON b.article_id = a.id
		WHERE a.guild_id = ? AND a.id IN (
			SELECT article_id FROM actor_terms WHERE guild_id = ? AND term_fold = ?)
		ORDER BY a.submitted_at DESC, a.id DESC LIMIT ?`,
		guildID, guildID, fold(name), limitArg(limit))
	if err != nil {
		return nil, fmt.Errorf("list articles about actor %q: %w", name, err)
	}
	return out, nil
}

// ActorNames returns distinct actor names in the server's briefings whose
// name or an alias starts with prefix (case-insensitive), most frequent
// first, for autocomplete.
func (db *DB) ActorNames(ctx context.Context, guildID, prefix string, limit int) ([]string, error) {
	names, err := db.names(ctx, `
		SELECT MIN(name) FROM actor_terms
		WHERE guild_id = ? AND instr(term_fold, ?) = 1
		GROUP BY name_fold ORDER BY COUNT(DISTINCT article_id) DESC, name_fold LIMIT ?`,
		guildID, fold(prefix), limitArg(limit))
	if err != nil {
		return nil, fmt.Errorf("list actor names: %w", err)
	}
	return names, nil
}

func (db *DB) names(ctx context.Context, query string, args ...any) ([]string, error) {
	rows, err := db.reader.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
