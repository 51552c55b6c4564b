package storage

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/briefbot/briefbot/briefing"
)

// Submission says who brought an article in, where and when.
type Submission struct {
	GuildID, ChannelID, MessageID, UserID string
	At                                    time.Time
}

// StoredArticle is an article as kept for one server.
type StoredArticle struct {
	ID      int64
	GuildID string
	briefing.Article
	SubmittedBy, ChannelID, MessageID string
	SubmittedAt                       time.Time
	ContentHash                       string // sha256 hex of Text
	// Number is the article's number within its server (1, 2, 3 ...),
	// what members see and type; ID is the internal key.
	Number int64
}

// ArticleQuery selects a server's articles. Search "" lists newest first;
// otherwise only articles whose title or text match every word of Search
// (any user text is safe), newest saved first (by id, which ascends with
// submitted_at as the bot saves). Since, if set, keeps articles
// submitted at or after it. Limit <= 0 means no limit.
type ArticleQuery struct {
	Search        string
	Since         time.Time
	Limit, Offset int
}

// articleColumns lists the columns scanArticle reads, text last so listings
// can swap it for an empty string.
const articleColumns = `a.id, a.guild_id, a.url, a.canonical_url, a.title, a.byline, a.site, a.published,
	a.language, a.submitted_by, a.channel_id, a.message_id, a.submitted_at, a.content_hash, ` + articleNumberColumn + `, a.image, a.text`

const articleColumnsNoText = `a.id, a.guild_id, a.url, a.canonical_url, a.title, a.byline, a.site, a.published,
	a.language, a.submitted_by, a.channel_id, a.message_id, a.submitted_at, a.content_hash, ` + articleNumberColumn + `, a.image, ''`

func articleDest(a *StoredArticle, published, submitted *sql.NullInt64) []any {
	return []any{&a.ID, &a.GuildID, &a.URL, &a.CanonicalURL, &a.Title, &a.Byline, &a.Site, published,
		&a.Language, &a.SubmittedBy, &a.ChannelID, &a.MessageID, submitted, &a.ContentHash, &a.Number, &a.Image, &a.Text}
}

func scanArticle(sc interface{ Scan(...any) error }) (StoredArticle, error) {
	var (
		a                    StoredArticle
		published, submitted sql.NullInt64
	)
	if err := sc.Scan(articleDest(&a, &published, &submitted)...); err != nil {
		return StoredArticle{}, err
	}
	a.Published, a.SubmittedAt = fromDB(published), fromDB(submitted)
	return a, nil
}

// dedupeKey is what makes two submissions the same article: the canonical
// URL, or the URL when the page named none.
func dedupeKey(a briefing.Article) string {
	if k := strings.TrimSpace(a.CanonicalURL); k != "" {
		return k
	}
	return strings.TrimSpace(a.URL)
}

// SaveArticle stores a if its canonical URL is new for this server;
// otherwise it returns the stored article and created=false. An article with
// no canonical URL is keyed (and stored) by its URL. Prefer
// SaveBriefedArticle, which keeps the article and its briefing together.
func (db *DB) SaveArticle(ctx context.Context, sub Submission, a briefing.Article) (StoredArticle, bool, error) {
	key, err := checkSubmission(sub, a)
	if err != nil {
		return StoredArticle{}, false, fmt.Errorf("save article: %w", err)
	}
	var (
		stored  StoredArticle
		created bool
	)
	err = db.write(ctx, func(tx *sql.Tx) error {
		stored, created, err = insertArticle(ctx, tx, sub, a, key)
		return err
	})
	if err != nil {
		return StoredArticle{}, false, fmt.Errorf("save article %s: %w", key, err)
	}
	return stored, created, nil
}

// SaveBriefedArticle stores a new article together with its briefing (and
// the briefing's quote and actor index) in one transaction, so a crash or a
// kill at any point leaves both or neither. If the server already has the
// article (same canonical URL) nothing is written and the stored article is
// returned with created=false; its briefing is then Briefing's to give.
// The briefing is kept within the output limits of briefing.Tidy.
func (db *DB) SaveBriefedArticle(ctx context.Context, sub Submission, a briefing.Article, engineVersion string, b briefing.Briefing, now time.Time) (StoredArticle, bool, error) {
	key, err := checkSubmission(sub, a)
	if err != nil {
		return StoredArticle{}, false, fmt.Errorf("save article: %w", err)
	}
	b = briefing.Tidy(b)
	raw, err := json.Marshal(b)
	if err != nil {
		return StoredArticle{}, false, fmt.Errorf("save article %s: encode briefing: %w", key, err)
	}
	var (
		stored  StoredArticle
		created bool
	)
	err = db.write(ctx, func(tx *sql.Tx) error {
		if err := db.step("begin"); err != nil {
			return err
		}
		stored, created, err = insertArticle(ctx, tx, sub, a, key)
		if err != nil || !created {
			return err
		}
		if err := db.step("article"); err != nil {
			return err
		}
		return db.saveBriefingTx(ctx, tx, sub.GuildID, stored.ID, engineVersion, b, raw, now)
	})
	if err != nil {
		return StoredArticle{}, false, fmt.Errorf("save article %s: %w", key, err)
	}
	if err := db.step("committed"); err != nil {
		return StoredArticle{}, false, err
	}
	return stored, created, nil
}

// checkSubmission validates a save and returns the article's dedupe key.
func checkSubmission(sub Submission, a briefing.Article) (string, error) {
	if strings.TrimSpace(sub.GuildID) == "" {
		return "", errors.New("empty guild ID")
	}
	key := dedupeKey(a)
	if key == "" {
		return "", errors.New("no URL: give the article's address")
	}
	if sub.At.IsZero() {
		return "", errors.New("submission time is zero")
	}
	return key, nil
}

// insertArticle adds the article under key unless the server has it, and
// returns the stored row either way.
func insertArticle(ctx context.Context, tx *sql.Tx, sub Submission, a briefing.Article, key string) (StoredArticle, bool, error) {
	sum := sha256.Sum256([]byte(a.Text))
	hash := hex.EncodeToString(sum[:])
	var id int64
	err := tx.QueryRowContext(ctx, `
		INSERT INTO articles (guild_id, url, canonical_url, title, byline, site, published, language, text,
			submitted_by, channel_id, message_id, submitted_at, content_hash, image)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (guild_id, canonical_url) DO NOTHING
		RETURNING id`,
		sub.GuildID, a.URL, key, a.Title, a.Byline, a.Site, toDB(a.Published), a.Language, a.Text,
		sub.UserID, sub.ChannelID, sub.MessageID, sub.At.UnixMilli(), hash, a.Image).Scan(&id)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		// Already there: hand back what was stored first.
		stored, err := scanArticle(tx.QueryRowContext(ctx,
			`SELECT `+articleColumns+` FROM articles a WHERE a.guild_id = ? AND a.canonical_url = ?`,
			sub.GuildID, key))
		return stored, false, err
	case err != nil:
		return StoredArticle{}, false, err
	}
	stored, err := scanArticle(tx.QueryRowContext(ctx,
		`SELECT `+articleColumns+` FROM articles a WHERE a.id = ?`, id))
	return stored, true, err
}

// Article returns one of the server's articles; ErrNotFound if it has no
// article with that ID.
func (db *DB) Article(ctx context.Context, guildID string, id int64) (StoredArticle, error) {
	a, err := scanArticle(db.reader.QueryRowContext(ctx,
		`SELECT `+articleColumns+` FROM articles a WHERE a.guild_id = ? AND a.id = ?`, guildID, id))
	if errors.Is(err, sql.ErrNoRows) {
		return StoredArticle{}, fmt.Errorf("get article %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return StoredArticle{}, fmt.Errorf("get article %d: %w", id, err)
	}
	return a, nil
}

// ArticleByURL returns the server's article with that canonical URL.
func (db *DB) ArticleByURL(ctx context.Context, guildID, canonicalURL string) (StoredArticle, error) {
	a, err := scanArticle(db.reader.QueryRowContext(ctx,
		`SELECT `+articleColumns+` FROM articles a WHERE a.guild_id = ? AND a.canonical_url = ?`,
		guildID, strings.TrimSpace(canonicalURL)))
	if errors.Is(err, sql.ErrNoRows) {
		return StoredArticle{}, fmt.Errorf("get article %s: %w", canonicalURL, ErrNotFound)
	}
	if err != nil {
		return StoredArticle{}, fmt.Errorf("get article %s: %w", canonicalURL, err)
	}
	return a, nil
}

// DeleteArticle removes one of the server's articles with its briefing,
// quotes and index entries; ErrNotFound if the server has no such article.
func (db *DB) DeleteArticle(ctx context.Context, guildID string, id int64) error {
	res, err := db.exec(ctx, `DELETE FROM articles WHERE guild_id = ? AND id = ?`, guildID, id)
	if err != nil {
		return fmt.Errorf("delete article %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("delete article %d: %w", id, err)
	}
	if n == 0 {
		return fmt.Errorf("delete article %d: %w", id, ErrNotFound)
	}
	return nil
}

// articleFilter builds the FROM and WHERE shared by Articles and
// CountArticles. ok is false when Search holds no word, which matches nothing.
func (db *DB) articleFilter(ctx context.Context, guildID string, q ArticleQuery) (from string, args []any, ok bool, err error) {
	var b strings.Builder
	if q.Search != "" {
		match := ftsQuery(q.Search)
		if match == "" {
			return "", nil, false, nil
		}
		// The guild_id column filter makes FTS4 intersect the words with
		// the server's docids; a.guild_id = ? stays the exact check.
		b.WriteString(` FROM articles_fts f CROSS JOIN articles a ON a.id = f.docid
			WHERE articles_fts MATCH ? AND a.guild_id = ?`)
		if isFTSToken(guildID) {
			match += ` guild_id:` + guildID
		}
		args = append(args, match, guildID)
	} else {
		b.WriteString(` FROM articles a WHERE a.guild_id = ?`)
		args = append(args, guildID)
	}
	if !q.Since.IsZero() {
		b.WriteString(` AND a.submitted_at >= ?`)
		args = append(args, q.Since.UnixMilli())
	}
	return b.String(), args, true, nil
}

// Articles lists the server's articles matching q, newest first. Text is
// left empty in the listing; Article returns it.
func (db *DB) Articles(ctx context.Context, guildID string, q ArticleQuery) ([]StoredArticle, error) {
	from, args, ok, err := db.articleFilter(ctx, guildID, q)
	if err != nil || !ok {
		return nil, err
	}
	order := ` ORDER BY a.submitted_at DESC, a.id DESC`
	if strings.Contains(from, "articles_fts f") {
		// Hits drive: FTS4 yields docids newest first itself (ids ascend
		// with insertion, as submitted_at does), so the page stops after
		// limit+offset of the server's hits instead of sorting them all.
		order = ` ORDER BY f.docid DESC`
	}
	args = append(args, limitArg(q.Limit), max(q.Offset, 0))
	rows, err := db.reader.QueryContext(ctx, `SELECT `+articleColumnsNoText+from+order+` LIMIT ? OFFSET ?`, args...)
	if err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
	}
	defer rows.Close()
	var out []StoredArticle
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, fmt.Errorf("list articles: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
	}
	return out, nil
}

// SearchCountCap bounds how many hits CountArticles counts for a search:
// past it the count is SearchCountCap+1, shown as "1000+". Counting every
// hit of a word found in most articles would cost one lookup per hit.
const SearchCountCap = 1000

// CountArticles counts the server's articles matching q (Limit and Offset
// are ignored). A search's count is exact up to SearchCountCap; above it
// CountArticles returns SearchCountCap+1.
func (db *DB) CountArticles(ctx context.Context, guildID string, q ArticleQuery) (int, error) {
	from, args, ok, err := db.articleFilter(ctx, guildID, q)
	if err != nil || !ok {
		return 0, err
	}
	query := `SELECT COUNT(*)` + from
	if q.Search != "" {
		query = `SELECT COUNT(*) FROM (SELECT 1` + from + ` LIMIT ?)`
		args = append(args, SearchCountCap+1)
	}
	var n int
	if err := db.reader.QueryRowContext(ctx, query, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count articles: %w", err)
	}
	return n, nil
}
