package storage

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/briefbot/briefbot/briefing"
)

// DigestArticle is what a digest is built from: an article, its briefing
// and who shared it when, without what the digest never reads (byline,
// channel and message ids, engine version). Article.Text may be only the
// beginning of the text; TextLen is then its whole length in characters
// and ContentHash the hash of the whole.
type DigestArticle struct {
	ID          int64
	Article     briefing.Article
	Briefing    briefing.Briefing
	SubmittedBy string
	SubmittedAt time.Time
	TextLen     int
	ContentHash string
}

// DigestArticles returns the server's briefed articles submitted in
// [from, to), oldest first, for building a digest. It reads only the
// columns a digest uses, and decodes each briefing straight into the
// result: no intermediate copies of text or JSON are kept, so a period of
// ten thousand articles costs little more than their text. A zero from or
// to leaves that end open. maxText > 0 keeps only that many characters of
// each text (the digest reads no further), so a period of long articles
// does not have to sit in memory whole.
func (db *DB) DigestArticles(ctx context.Context, guildID string, from, to time.Time, maxText int) ([]DigestArticle, error) {
	where := `a.guild_id = ?`
	args := []any{guildID}
	if !from.IsZero() {
		where += ` AND a.submitted_at >= ?`
		args = append(args, from.UnixMilli())
	}
	if !to.IsZero() {
		where += ` AND a.submitted_at < ?`
		args = append(args, to.UnixMilli())
	}
	text := `a.text`
	if maxText > 0 {
		text = `substr(a.text, 1, ` + strconv.Itoa(maxText) + `)`
	}
	var n int
	if err := db.reader.QueryRowContext(ctx, `SELECT count(*) FROM articles a JOIN briefings b ON b.article_id = a.id
		WHERE `+where, args...).Scan(&n); err != nil {
		return nil, fmt.Errorf("count digest articles: %w", err)
	}
	rows, err := db.reader.QueryContext(ctx, `
		SELECT a.id, a.url, a.canonical_url, a.title, a.site, a.published, a.language,
			a.submitted_by, a.submitted_at, a.image, `+text+`, length(a.text), a.content_hash, b.json
		FROM articles a JOIN briefings b ON b.article_id = a.id
		WHERE `+where+` ORDER BY a.submitted_at, a.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("list digest articles: %w", err)
	}
	defer rows.Close()
	// The count is a hint (a row may be added between the two queries), so
	// the slice is allocated once in the usual case.
	out := make([]DigestArticle, 0, n)
	for rows.Next() {
		var (
			da                   DigestArticle
			published, submitted sql.NullInt64
			raw                  sql.RawBytes // valid until the next row; decoded at once
		)
		if err := rows.Scan(&da.ID, &da.Article.URL, &da.Article.CanonicalURL, &da.Article.Title, &da.Article.Site,
			&published, &da.Article.Language, &da.SubmittedBy, &submitted, &da.Article.Image, &da.Article.Text, &da.TextLen, &da.ContentHash, &raw); err != nil {
			return nil, fmt.Errorf("list digest articles: %w", err)
		}
		da.Article.Published, da.SubmittedAt = fromDB(published), fromDB(submitted)
		if err := json.Unmarshal(raw, &da.Briefing); err != nil {
			return nil, fmt.Errorf("decode briefing of article %d: %w", da.ID, err)
		}
		out = append(out, da)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list digest articles: %w", err)
	}
	// Articles stored without a briefing are briefed now: a digest never
	// skips a stored article.
	missing, err := db.briefMissing(ctx, guildID, from, to)
	if err != nil {
		return nil, fmt.Errorf("list digest articles: %w", err)
	}
	if len(missing) == 0 {
		return out, nil
	}
	for _, m := range missing {
		text := m.Article.Text
		n := utf8.RuneCountInString(text)
		if maxText > 0 && n > maxText {
			text = string([]rune(text)[:maxText])
		}
		da := DigestArticle{ID: m.Article.ID, Article: m.Article.Article, Briefing: m.Briefing.Briefing,
			SubmittedBy: m.Article.SubmittedBy, SubmittedAt: m.Article.SubmittedAt, TextLen: n, ContentHash: m.Article.ContentHash}
		da.Article.Text = text
		out = append(out, da)
	}
	slices.SortFunc(out, func(x, y DigestArticle) int {
		if c := x.SubmittedAt.Compare(y.SubmittedAt); c != 0 {
			return c
		}
		return cmp.Compare(x.ID, y.ID)
	})
	return out, nil
}
