package storage

import (
	"context"
	"database/sql"
	"testing"
)

func init() {
	// A database as schema 4 left it: one more server whose article shares
	// a word with g-old's, indexed without the server column.
	fixtures[4] = func(t *testing.T, w *sql.DB) {
		mustExec(t, w, `INSERT INTO articles (id, guild_id, url, canonical_url, title, text, submitted_at, content_hash)
			VALUES (40, 'g-v4', 'https://v4.example/a', 'https://v4.example/a', 'Harbour dredging starts',
			'The harbour closes for dredging.', ?, 'h')`, t0.UnixMilli()+40)
	}
}

// TestMigrateSearchServerColumn opens a schema-4 database: after the index
// is rebuilt with the server id, each server finds its own articles only, and
// new, edited and forgotten articles keep the index right.
func TestMigrateSearchServerColumn(t *testing.T) {
	ctx := context.Background()
	db := migratedFrom(t, 4)

	check := func(guild, search string, want ...int64) {
		t.Helper()
		got, err := db.Articles(ctx, guild, ArticleQuery{Search: search})
		if err != nil {
			t.Fatal(err)
		}
		n, err := db.CountArticles(ctx, guild, ArticleQuery{Search: search})
		if err != nil {
			t.Fatal(err)
		}
		if gotIDs := ids(got); len(gotIDs) != len(want) || n != len(want) {
			t.Errorf("search %s %q = %v (count %d), want %v", guild, search, gotIDs, n, want)
			return
		}
		for i, a := range got {
			if a.ID != want[i] || a.GuildID != guild {
				t.Errorf("search %s %q = %v, want %v", guild, search, ids(got), want)
			}
		}
	}
	check("g-old", "harbour", 3, 2, 1)
	check("g-v4", "harbour", 40)
	check("g-v4", "dredging", 40)
	check("g-old", "dredging")
	check("g-other", "ferry", 6, 4)

	mustExec(t, db.writer, `UPDATE articles SET title = 'Dredging done' WHERE id = 40`)
	check("g-v4", "starts")
	check("g-v4", "done", 40)
	mustExec(t, db.writer, `DELETE FROM articles WHERE id = 40`)
	check("g-v4", "harbour")
	mustExec(t, db.writer, `INSERT INTO articles (guild_id, url, canonical_url, title, text, submitted_at, content_hash)
		VALUES ('g-v4', 'https://v4.example/b', 'https://v4.example/b', 'Harbour reopens', '', ?, 'h')`, t0.UnixMilli()+50)
	if got, _ := db.Articles(ctx, "g-v4", ArticleQuery{Search: "harbour"}); len(got) != 1 {
		t.Errorf("new article: search found %v, want it", ids(got))
	}
	check("g-old", "harbour", 3, 2, 1)
}
